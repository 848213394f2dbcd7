package io.billkit.application.service;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.billkit.application.service.UsageTestFixture.ACTOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class QuotaServicesTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** March 10 in New York (EDT): 04:00Z to 04:00Z. */
    private static final Instant DAY_START = Instant.parse("2026-03-10T04:00:00Z");

    private final UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-10T15:00:00Z");
    private final CustomerId customer = f.subscribe("cus_quota", NEW_YORK, "pro", "2026-03-01T15:00:00Z").customer();

    private QuotaView consume(String meter, String quantity, String eventId) {
        return f.consumeQuota().consume(new ConsumeQuotaCommand(customer, meter, new BigDecimal(quantity), eventId, ACTOR));
    }

    private QuotaView check(String meter, String quantity) {
        return f.checkQuota().check(new CheckQuotaQuery(customer, meter, new BigDecimal(quantity)));
    }

    @Test
    void two_hundred_threads_consuming_a_daily_quota_of_1000_are_admitted_exactly_1000_times() throws Exception {
        AtomicInteger ids = new AtomicInteger();
        List<Integer> admitted = ConcurrentRunner.runConcurrently(200, () -> {
            int allowed = 0;
            for (int i = 0; i < 10; i++) {
                if (consume("ai_requests", "1", "ai-" + ids.incrementAndGet()).admission() == Admission.ALLOWED) {
                    allowed++;
                }
            }
            return allowed;
        });
        assertThat(admitted.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1000);
        QuotaView state = check("ai_requests", "1");
        assertThat(state.admission()).isEqualTo(Admission.DENIED);
        assertThat(state.used()).isEqualByComparingTo("1000");
        assertThat(state.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));
        assertThat(f.events.aggregate(customer, f.catalog.requireMeter(SeedCatalogs.AI_REQUESTS),
                LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 11))).isEqualByComparingTo("1000");
    }

    @Test
    void consuming_records_a_usage_event_and_a_replay_of_its_id_consumes_nothing_more() {
        QuotaView first = consume("api_calls", "40", "req-1");
        assertThat(first.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(first.used()).isEqualByComparingTo("40");
        assertThat(first.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("9960"));
        assertThat(first.mode()).isEqualTo(LimitMode.HARD);
        assertThat(first.window()).isEqualTo(Window.DAY);
        assertThat(first.windowStart()).isEqualTo(DAY_START);
        assertThat(first.windowEnd()).isEqualTo(Instant.parse("2026-03-11T04:00:00Z"));
        assertThat(f.events.contains(customer, "req-1")).isTrue();

        consume("api_calls", "2", "req-2");
        QuotaView replay = consume("api_calls", "40", "req-1");
        assertThat(replay.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(replay.used()).isEqualByComparingTo("42");
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, DAY_START)).isEqualByComparingTo("42");
        assertThat(f.auditLog.recent(Optional.of(customer), 10))
                .extracting(e -> e.action() + ":" + e.data().get("eventId"))
                .containsExactly("quota.consumed:req-2", "quota.consumed:req-1");
    }

    @Test
    void a_hard_limit_denies_a_request_past_it_and_stores_nothing() {
        consume("ai_requests", "999", "ai-1");
        QuotaView denied = consume("ai_requests", "2", "ai-2");
        assertThat(denied.admission()).isEqualTo(Admission.DENIED);
        assertThat(denied.used()).isEqualByComparingTo("999");
        assertThat(denied.overBy()).isEqualByComparingTo("1");
        assertThat(denied.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("1"));
        assertThat(f.events.contains(customer, "ai-2")).isFalse();

        QuotaView exact = consume("ai_requests", "1", "ai-2");
        assertThat(exact.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(exact.used()).isEqualByComparingTo("1000");
    }

    @Test
    void soft_and_unlimited_meters_always_admit_and_soft_reports_the_overage() {
        QuotaView reports = consume("reports", "60", "rep-1");
        assertThat(reports.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(reports.mode()).isEqualTo(LimitMode.SOFT);
        assertThat(reports.window()).isEqualTo(Window.MONTH);
        assertThat(reports.windowStart()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        assertThat(reports.used()).isEqualByComparingTo("60");
        assertThat(reports.overBy()).isEqualByComparingTo("10");
        assertThat(reports.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));

        QuotaView scenarios = consume("scenarios", "500", "sc-1");
        assertThat(scenarios.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(scenarios.limit()).isEqualTo(Limit.unlimited());
        assertThat(scenarios.remaining()).isEmpty();
        assertThat(scenarios.overBy()).isEqualByComparingTo("0");
    }

    @Test
    void check_answers_without_writing() {
        consume("api_calls", "9990", "bulk");
        QuotaView within = check("api_calls", "10");
        assertThat(within.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(within.used()).isEqualByComparingTo("9990");
        assertThat(within.overBy()).isEqualByComparingTo("0");
        QuotaView past = check("api_calls", "11");
        assertThat(past.admission()).isEqualTo(Admission.DENIED);
        assertThat(past.overBy()).isEqualByComparingTo("1");
        assertThat(past.requested()).isEqualByComparingTo("11");
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, DAY_START)).isEqualByComparingTo("9990");
        assertThat(check("reports", "51").admission()).isEqualTo(Admission.ALLOWED);
        assertThat(check("reports", "51").overBy()).isEqualByComparingTo("1");
        assertThat(f.auditLog.recent(Optional.of(customer), 10)).hasSize(1);
    }

    @Test
    void the_next_local_day_starts_a_fresh_hard_window() {
        consume("ai_requests", "1000", "ai-day-1");
        assertThat(consume("ai_requests", "1", "ai-day-1b").admission()).isEqualTo(Admission.DENIED);
        f.clock.set(Instant.parse("2026-03-11T04:00:00Z"));
        QuotaView nextDay = consume("ai_requests", "1", "ai-day-2");
        assertThat(nextDay.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(nextDay.used()).isEqualByComparingTo("1");
        assertThat(nextDay.windowStart()).isEqualTo(Instant.parse("2026-03-11T04:00:00Z"));
    }

    @Test
    void unknown_meters_customers_without_subscription_and_closed_periods_are_refused_with_their_code() {
        assertThatThrownBy(() -> consume("clicks", "1", "x-1")).asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.UNKNOWN_METER);
        assertThatThrownBy(() -> check("Not A Meter", "1")).asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.UNKNOWN_METER);
        CustomerId lonely = f.customer("cus_lonely", NEW_YORK);
        assertThatThrownBy(() -> f.checkQuota().check(new CheckQuotaQuery(lonely, "api_calls", BigDecimal.ONE)))
                .asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.NOT_FOUND);
        assertThatThrownBy(() -> consume("api_calls", "-1", "neg")).asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.INVALID_ARGUMENT);

        f.periods.close(f.subscriptions.findLive(customer).orElseThrow().id(), LocalDate.of(2026, 3, 1));
        assertThatThrownBy(() -> consume("api_calls", "1", "closed")).asInstanceOf(type(BillingException.class))
                .extracting(BillingException::code).isEqualTo(ErrorCode.PERIOD_CLOSED);
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, DAY_START)).isEqualByComparingTo("0");
    }
}
