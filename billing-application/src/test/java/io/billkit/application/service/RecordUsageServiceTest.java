package io.billkit.application.service;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.usage.UsageRollup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.billkit.application.service.UsageTestFixture.ACTOR;
import static io.billkit.application.service.UsageTestFixture.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordUsageServiceTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Meter API_CALLS_METER = SeedCatalogs.mortgage().requireMeter(SeedCatalogs.API_CALLS);

    /** The apex seed plus a meter no apex plan covers. */
    private static Catalog apexWithClicks() {
        Catalog apex = SeedCatalogs.apex();
        List<Meter> meters = Stream.concat(apex.meters().stream(),
                Stream.of(Meter.of("clicks", "Ad clicks", "click", Aggregation.SUM))).toList();
        return new Catalog("apex", meters, apex.plans(), List.of(), List.of());
    }

    private static Map<String, UsageEventOutcome> byId(RecordUsageResult result) {
        Map<String, UsageEventOutcome> map = new java.util.LinkedHashMap<>();
        result.outcomes().forEach(o -> map.putIfAbsent(o.eventId(), o));
        return map;
    }

    @Test
    void apex_growth_batch_reports_each_event_accepted_duplicate_or_rejected_with_its_reason() {
        UsageTestFixture f = new UsageTestFixture(apexWithClicks(), "2026-03-15T12:00:00Z");
        CustomerId apex = f.subscribe("cus_apex", ZoneOffset.UTC, "growth", "2026-03-01T00:00:00Z").customer();
        CustomerId noSubscription = f.customer("cus_nosub", ZoneOffset.UTC);
        f.record(event("evt-0", apex, "impressions", "1000", "2026-03-10T08:00:00Z"));

        RecordUsageResult result = f.record(List.of(
                event("evt-1", apex, "impressions", "5000", "2026-03-15T11:00:00Z"),
                event("evt-1", apex, "impressions", "5000", "2026-03-15T11:00:00Z"),
                event("evt-0", apex, "impressions", "1000", "2026-03-10T08:00:00Z"),
                event("evt-2", apex, "clicks", "3", "2026-03-15T11:00:00Z"),
                event("evt-3", apex, "page_views", "3", "2026-03-15T11:00:00Z"),
                event("evt-4", CustomerId.of("cus_ghost"), "impressions", "1", "2026-03-15T11:00:00Z"),
                event("evt-5", noSubscription, "impressions", "1", "2026-03-15T11:00:00Z"),
                event("evt-6", apex, "impressions", "-1", "2026-03-15T11:00:00Z"),
                event("evt-7", apex, "data_transfer_gb", "0.0000000000001", "2026-03-15T11:00:00Z"),
                event("evt-8", apex, "impressions", "1000000000000001", "2026-03-15T11:00:00Z"),
                event("evt-9", apex, "impressions", "700", "2026-03-15T12:05:00Z"),
                event("evt-10", apex, "impressions", "1", "2026-03-15T12:05:01Z"),
                event("evt-11", apex, "impressions", "1", "2026-02-28T23:59:59Z"),
                event("bad id!", apex, "impressions", "1", "2026-03-15T11:00:00Z"),
                event("evt-12", apex, "data_transfer_gb", "2.000000000001", "2026-03-15T11:00:00Z")));

        assertThat(result.outcomes()).extracting(UsageEventOutcome::eventId).containsExactly("evt-1", "evt-1", "evt-0",
                "evt-2", "evt-3", "evt-4", "evt-5", "evt-6", "evt-7", "evt-8", "evt-9", "evt-10", "evt-11", "bad id!", "evt-12");
        assertThat(result.outcomes()).extracting(UsageEventOutcome::status).containsExactly(
                UsageEventStatus.ACCEPTED, UsageEventStatus.DUPLICATE, UsageEventStatus.DUPLICATE,
                UsageEventStatus.REJECTED, UsageEventStatus.REJECTED, UsageEventStatus.REJECTED, UsageEventStatus.REJECTED,
                UsageEventStatus.REJECTED, UsageEventStatus.REJECTED, UsageEventStatus.REJECTED,
                UsageEventStatus.ACCEPTED, UsageEventStatus.REJECTED, UsageEventStatus.REJECTED, UsageEventStatus.REJECTED,
                UsageEventStatus.ACCEPTED);
        assertThat(result.outcomes()).extracting(o -> o.errorCode().orElse(null)).containsExactly(
                null, null, null, ErrorCode.UNKNOWN_METER, ErrorCode.UNKNOWN_METER, ErrorCode.NOT_FOUND,
                ErrorCode.NOT_FOUND, ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT,
                null, ErrorCode.EVENT_IN_FUTURE, ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_ARGUMENT, null);
        Map<String, UsageEventOutcome> outcomes = byId(result);
        assertThat(outcomes.get("evt-2").reason()).contains("plan growth").contains("clicks");
        assertThat(outcomes.get("evt-3").reason()).contains("page_views");
        assertThat(outcomes.get("evt-4").reason()).contains("cus_ghost");
        assertThat(outcomes.get("evt-5").reason()).contains("no live subscription");
        assertThat(outcomes.get("evt-6").reason()).contains("quantity");
        assertThat(outcomes.get("evt-7").reason()).contains("12 decimals");
        assertThat(outcomes.get("evt-8").reason()).contains("too large");
        assertThat(outcomes.get("evt-10").reason()).contains("5 minutes");
        assertThat(outcomes.get("evt-11").reason()).contains("before subscription");
        assertThat(outcomes.get("bad id!").reason()).contains("eventId");
        assertThat(outcomes.get("evt-1").reason()).isEmpty();
        assertThat(result.count(UsageEventStatus.ACCEPTED)).isEqualTo(3);

        Meter impressions = f.catalog.requireMeter(SeedCatalogs.IMPRESSIONS);
        assertThat(f.events.aggregate(apex, impressions, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)))
                .isEqualByComparingTo("6700");
        assertThat(f.events.aggregate(apex, f.catalog.requireMeter(SeedCatalogs.DATA_TRANSFER_GB),
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1))).isEqualByComparingTo("2.000000000001");

        List<AuditEntry> batchAudit = f.auditLog.recent(Optional.empty(), 10).subList(0, 3);
        assertThat(batchAudit).extracting(AuditEntry::action).containsOnly("usage.recorded");
        AuditEntry apexEntry = f.auditLog.recent(Optional.of(apex), 1).get(0);
        assertThat(apexEntry.data()).containsEntry("accepted", "3").containsEntry("duplicate", "2")
                .containsEntry("rejected", "8");
        assertThat(apexEntry.actor()).isEqualTo("user_1");
        assertThat(apexEntry.ip()).isEqualTo("10.0.0.1");
        assertThat(f.auditLog.recent(Optional.of(CustomerId.of("cus_ghost")), 10)).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("rejected", "1").containsEntry("accepted", "0"));
        assertThat(f.auditLog.recent(Optional.of(apex), 10)).hasSize(2);
    }

    @Test
    void a_late_event_of_last_period_counts_while_the_period_is_open_and_is_refused_once_it_is_closed() {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.apex(), "2026-04-01T00:30:00Z");
        Subscription subscription = f.subscribe("cus_late", ZoneOffset.UTC, "growth", "2026-03-01T00:00:00Z");
        CustomerId customer = subscription.customer();
        Meter impressions = f.catalog.requireMeter(SeedCatalogs.IMPRESSIONS);

        assertThat(f.record(event("late-1", customer, "impressions", "400", "2026-03-31T23:50:00Z")).outcomes())
                .singleElement().extracting(UsageEventOutcome::status).isEqualTo(UsageEventStatus.ACCEPTED);
        assertThat(f.events.aggregate(customer, impressions, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)))
                .isEqualByComparingTo("400");

        assertThat(f.periods.close(subscription.id(), LocalDate.of(2026, 3, 1))).isTrue();
        RecordUsageResult afterClose = f.record(
                event("late-2", customer, "impressions", "50", "2026-03-31T23:55:00Z"),
                event("april-1", customer, "impressions", "70", "2026-04-01T00:10:00Z"),
                event("late-1", customer, "impressions", "400", "2026-03-31T23:50:00Z"));
        assertThat(afterClose.outcomes()).extracting(UsageEventOutcome::status).containsExactly(
                UsageEventStatus.REJECTED, UsageEventStatus.ACCEPTED, UsageEventStatus.DUPLICATE);
        assertThat(afterClose.outcomes().get(0).errorCode()).contains(ErrorCode.PERIOD_CLOSED);
        assertThat(afterClose.outcomes().get(0).reason()).contains("2026-03-01..2026-03-31");
        assertThat(f.events.aggregate(customer, impressions, LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)))
                .isEqualByComparingTo("400");
        assertThat(f.events.aggregate(customer, impressions, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1)))
                .isEqualByComparingTo("70");
    }

    @Test
    void mortgage_pro_refuses_the_10001st_api_call_of_a_23_hour_new_york_day_and_admits_again_the_next_local_day() {
        // 2026-03-08 is the spring-forward day in New York: local midnight 05:00Z to next midnight 04:00Z
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-08T16:00:00Z");
        CustomerId customer = f.subscribe("cus_mortgage", NEW_YORK, "pro", "2026-03-01T15:00:00Z").customer();
        Instant localMidnight = Instant.parse("2026-03-08T05:00:00Z");
        for (int batch = 0; batch < 10; batch++) {
            List<UsageEventInput> inputs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                int n = batch * 1000 + i;
                inputs.add(event("call-" + n, customer, "api_calls", "1", localMidnight.plusSeconds(n)));
            }
            assertThat(f.record(inputs).count(UsageEventStatus.ACCEPTED)).isEqualTo(1000);
        }

        UsageEventOutcome refused = f.record(event("call-10000", customer, "api_calls", "1", "2026-03-08T16:00:00Z"))
                .outcomes().get(0);
        assertThat(refused.status()).isEqualTo(UsageEventStatus.REJECTED);
        assertThat(refused.errorCode()).contains(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.reason()).contains("10000 of 10000").contains("America/New_York");
        assertThat(f.events.contains(customer, "call-10000")).isFalse();

        f.clock.set(Instant.parse("2026-03-09T03:59:00Z"));
        // already March 9 in UTC, still March 8 in New York: the same full day
        assertThat(f.record(event("call-late-evening", customer, "api_calls", "1", "2026-03-09T00:30:00Z"))
                .outcomes().get(0).errorCode()).contains(ErrorCode.QUOTA_EXCEEDED);
        // the first instant of March 9 in New York (EDT) opens a new day
        assertThat(f.record(event("call-next-day", customer, "api_calls", "1", "2026-03-09T04:00:00Z"))
                .outcomes().get(0).status()).isEqualTo(UsageEventStatus.ACCEPTED);

        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, localMidnight)).isEqualByComparingTo("10000");
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, Instant.parse("2026-03-09T04:00:00Z")))
                .isEqualByComparingTo("1");
        assertThat(f.events.aggregate(customer, API_CALLS_METER, LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 9)))
                .isEqualByComparingTo("10000");
        assertThat(f.events.aggregate(customer, API_CALLS_METER, LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 10)))
                .isEqualByComparingTo("1");
    }

    @Test
    void a_store_failure_rolls_back_the_whole_batch_including_quota_and_audit_and_the_retry_succeeds() {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-10T15:00:00Z");
        CustomerId customer = f.subscribe("cus_fail", NEW_YORK, "pro", "2026-03-01T15:00:00Z").customer();
        UsageEventStore failing = new DelegatingStore(f.events) {
            @Override
            public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events) {
                super.appendNew(events);
                throw new IllegalStateException("disk full");
            }
        };
        List<UsageEventInput> batch = List.of(
                event("f-1", customer, "api_calls", "10", "2026-03-10T14:00:00Z"),
                event("f-2", customer, "ai_requests", "3", "2026-03-10T14:00:00Z"),
                event("f-3", customer, "reports", "2", "2026-03-10T14:00:00Z"));

        assertThatThrownBy(() -> f.recordUsage(failing).record(new RecordUsageCommand(batch, ACTOR)))
                .hasMessage("disk full");
        Instant dayStart = Instant.parse("2026-03-10T04:00:00Z");
        assertThat(f.events.contains(customer, "f-1")).isFalse();
        assertThat(f.events.dailyRollups(customer, Optional.empty(), LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31))).isEmpty();
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, dayStart)).isEqualByComparingTo("0");
        assertThat(f.counters.used(customer, SeedCatalogs.AI_REQUESTS, dayStart)).isEqualByComparingTo("0");
        assertThat(f.auditLog.recent(Optional.of(customer), 10)).isEmpty();

        RecordUsageResult retried = f.record(batch);
        assertThat(retried.count(UsageEventStatus.ACCEPTED)).isEqualTo(3);
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, dayStart)).isEqualByComparingTo("10");
        assertThat(f.auditLog.recent(Optional.of(customer), 10)).hasSize(1);
    }

    @Test
    void an_event_stored_concurrently_after_the_duplicate_check_never_consumes_quota_twice() {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-10T15:00:00Z");
        CustomerId customer = f.subscribe("cus_race", NEW_YORK, "pro", "2026-03-01T15:00:00Z").customer();
        f.record(event("race-1", customer, "api_calls", "25", "2026-03-10T14:00:00Z"));
        // the store answers "not stored" once, as if a concurrent writer committed right after the check
        AtomicBoolean lied = new AtomicBoolean();
        UsageEventStore racing = new DelegatingStore(f.events) {
            @Override
            public boolean contains(CustomerId c, String eventId) {
                return lied.compareAndSet(false, true) ? false : super.contains(c, eventId);
            }
        };

        RecordUsageResult result = f.recordUsage(racing).record(RecordUsageCommand.single(
                event("race-1", customer, "api_calls", "25", "2026-03-10T14:00:00Z"), ACTOR));

        assertThat(lied).isTrue();
        assertThat(result.outcomes()).singleElement().extracting(UsageEventOutcome::status)
                .isEqualTo(UsageEventStatus.DUPLICATE);
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, Instant.parse("2026-03-10T04:00:00Z")))
                .isEqualByComparingTo("25");
    }

    @Test
    void fifty_threads_recording_the_same_1000_events_count_each_exactly_once() throws Exception {
        UsageTestFixture f = new UsageTestFixture(SeedCatalogs.mortgage(), "2026-03-10T23:00:00Z");
        CustomerId customer = f.subscribe("cus_concurrent", NEW_YORK, "pro", "2026-03-01T15:00:00Z").customer();
        Instant dayStart = Instant.parse("2026-03-10T04:00:00Z");
        List<UsageEventInput> inputs = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String meter = i % 2 == 0 ? "api_calls" : "webhook_deliveries";
            inputs.add(event("evt-" + i, customer, meter, "1", dayStart.plusSeconds(60L * i)));
        }

        List<RecordUsageResult> results = ConcurrentRunner.runConcurrently(50, () -> f.record(inputs));

        assertThat(results.stream().mapToLong(r -> r.count(UsageEventStatus.ACCEPTED)).sum()).isEqualTo(1000);
        assertThat(results.stream().mapToLong(r -> r.count(UsageEventStatus.DUPLICATE)).sum()).isEqualTo(49_000);
        Meter webhooks = f.catalog.requireMeter(SeedCatalogs.WEBHOOK_DELIVERIES);
        LocalDate march1 = LocalDate.of(2026, 3, 1);
        BigDecimal total = f.events.aggregate(customer, API_CALLS_METER, march1, march1.plusMonths(1))
                .add(f.events.aggregate(customer, webhooks, march1, march1.plusMonths(1)));
        assertThat(total).isEqualByComparingTo("1000");
        assertThat(f.counters.used(customer, SeedCatalogs.API_CALLS, dayStart)).isEqualByComparingTo("500");
        List<UsageRollup> rollups = f.events.dailyRollups(customer, Optional.empty(), march1, march1.plusDays(30));
        assertThat(rollups.stream().map(UsageRollup::value).reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo("1000");
        assertThat(rollups.stream().mapToLong(UsageRollup::events).sum()).isEqualTo(1000);
        // 1,000 minutes from local midnight of March 10 reach into March 10 only (16h40m)
        assertThat(rollups).extracting(UsageRollup::day).containsOnly(LocalDate.of(2026, 3, 10));
        assertThat(f.auditLog.recent(Optional.of(customer), 100)).hasSize(50);
    }

    /** Delegates every call; tests override one method to fail or to race. */
    private static class DelegatingStore implements UsageEventStore {
        private final UsageEventStore delegate;

        DelegatingStore(UsageEventStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events) {
            return delegate.appendNew(events);
        }

        @Override
        public BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
            return delegate.aggregate(customer, meter, from, toExclusive);
        }

        @Override
        public List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate toInclusive) {
            return delegate.dailyRollups(customer, meter, from, toInclusive);
        }

        @Override
        public boolean contains(CustomerId customer, String eventId) {
            return delegate.contains(customer, eventId);
        }
    }
}
