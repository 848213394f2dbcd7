package io.billkit.application.service;

import io.billkit.application.port.in.usage.UsageAlertView;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static io.billkit.application.service.UsageTestFixture.ACTOR;
import static io.billkit.application.service.UsageTestFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

class EvaluateUsageAlertsServiceTest {
    private static final Instant MARCH_10 = Instant.parse("2026-03-10T04:00:00Z");
    private static final Instant MARCH_11 = Instant.parse("2026-03-11T04:00:00Z");

    private final UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-10T15:00:00Z");
    private final CustomerId customer = f.subscribe("cus_alerts", ZoneId.of("America/New_York"), "pro",
            "2026-03-01T15:00:00Z").customer();

    private List<UsageAlertView> evaluate() {
        return f.usageAlerts().evaluate(customer, ACTOR);
    }

    private void apiCalls(String id, String quantity, String at) {
        f.record(event(id, customer, "api_calls", quantity, at));
    }

    @Test
    void thresholds_75_90_and_100_fire_once_each_per_daily_window() {
        assertThat(evaluate()).isEmpty();
        apiCalls("a1", "7499", "2026-03-10T14:00:00Z");
        assertThat(evaluate()).isEmpty();

        apiCalls("a2", "1", "2026-03-10T14:01:00Z");
        List<UsageAlertView> at75 = evaluate();
        assertThat(at75).singleElement().satisfies(a -> {
            assertThat(a.meter()).isEqualTo(SeedCatalogs.API_CALLS);
            assertThat(a.thresholdPercent()).isEqualTo(75);
            assertThat(a.windowStart()).isEqualTo(MARCH_10);
            assertThat(a.used()).isEqualByComparingTo("7500");
            assertThat(a.limit()).isEqualTo(Limit.of(10_000));
            assertThat(a.firedAt()).isEqualTo(f.clock.instant());
        });
        assertThat(evaluate()).isEmpty();

        apiCalls("a3", "1500", "2026-03-10T14:02:00Z");
        assertThat(evaluate()).extracting(UsageAlertView::thresholdPercent).containsExactly(90);
        apiCalls("a4", "1000", "2026-03-10T14:03:00Z");
        assertThat(evaluate()).extracting(UsageAlertView::thresholdPercent).containsExactly(100);
        assertThat(evaluate()).isEmpty();

        // the next local day is a new window: a jump straight to 100 % fires all three at once
        f.clock.set(Instant.parse("2026-03-11T15:00:00Z"));
        apiCalls("b1", "10000", "2026-03-11T14:00:00Z");
        List<UsageAlertView> nextDay = evaluate();
        assertThat(nextDay).extracting(UsageAlertView::thresholdPercent).containsExactly(75, 90, 100);
        assertThat(nextDay).extracting(UsageAlertView::windowStart).containsOnly(MARCH_11);
        assertThat(evaluate()).isEmpty();

        List<OutboxEvent> outbox = f.outbox.all();
        assertThat(outbox).hasSize(6).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("usage.alert");
            assertThat(e.customerId()).isEqualTo("cus_alerts");
        });
        assertThat(outbox).extracting(e -> e.payload().get("thresholdPercent"))
                .containsExactly("75", "90", "100", "75", "90", "100");
        assertThat(outbox.get(0).payload()).containsEntry("meter", "api_calls").containsEntry("used", "7500")
                .containsEntry("limit", "10000").containsEntry("window", "DAY")
                .containsEntry("windowStart", MARCH_10.toString());
        assertThat(outbox).extracting(OutboxEvent::id).doesNotHaveDuplicates();
        assertThat(f.alerts.fired(customer, SeedCatalogs.API_CALLS, MARCH_10)).containsExactlyInAnyOrder(75, 90, 100);
        assertThat(f.auditLog.recent(Optional.of(customer), 100)).filteredOn(e -> e.action().equals("usage.alert"))
                .hasSize(6).extracting(AuditEntry::actor).containsOnly("user_1");
    }

    @Test
    void a_soft_zero_allowance_fires_on_the_first_unit_and_unlimited_meters_never_fire() {
        f.record(event("tok-1", customer, "ai_tokens", "1", "2026-03-10T14:00:00Z"),
                event("sc-1", customer, "scenarios", "100000", "2026-03-10T14:00:00Z"));
        List<UsageAlertView> fired = evaluate();
        assertThat(fired).extracting(a -> a.meter().value() + ":" + a.thresholdPercent())
                .containsExactly("ai_tokens:75", "ai_tokens:90", "ai_tokens:100");
        assertThat(fired).extracting(UsageAlertView::windowStart).containsOnly(Instant.parse("2026-03-01T05:00:00Z"));
    }
}
