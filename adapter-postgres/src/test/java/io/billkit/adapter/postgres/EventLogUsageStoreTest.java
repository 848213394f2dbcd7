package io.billkit.adapter.postgres;

import io.billkit.application.contract.UsageEventStoreContract;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.application.usagelog.EventLogUsageStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link EventLogUsageStore} with its claims on PostgreSQL. The event log here is PostgreSQL's own usage store
 * behind a switch that makes it refuse calls (the log "down") or makes its unit fail after the records
 * committed; the ClickHouse-backed variant runs in bootstrap. The usage store contract passes unchanged, and the
 * failure story holds: acknowledged events are never lost, never counted twice, and reads never answer with
 * usage missing.
 */
class EventLogUsageStoreTest {
    private static final Meter API_CALLS = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.SUM, "");
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final SwitchableLog eventLog = new SwitchableLog(postgres.usageEvents());
    private final SwitchableUnits logUnits = new SwitchableUnits();
    private final EventLogUsageStore store = new EventLogUsageStore(postgres.usageEventClaims(), eventLog,
            postgres.transactions(), logUnits);
    private final CustomerId customer = CustomerId.of("cus_" + UUID.randomUUID().toString().replace("-", ""));

    @Nested
    class Contract extends UsageEventStoreContract {
        @Override
        protected UsageEventStore store() {
            return store;
        }

        @Override
        protected Transactions transactions() {
            return store.transactions();
        }
    }

    @BeforeEach
    void logUp() {
        eventLog.down = false;
        logUnits.failAfterWork = false;
    }

    @Test
    void with_the_log_down_events_are_acknowledged_reads_refuse_and_the_first_read_after_ships_them_once() {
        eventLog.down = true;
        List<DatedUsageEvent> claimed = store.appendNew(List.of(event("e-1", "10"), event("e-2", "5")));

        assertThat(claimed).hasSize(2);
        assertThat(store.contains(customer, "e-1")).isTrue();
        assertThat(store.appendNew(List.of(event("e-1", "10")))).as("a replay is a duplicate while the log is down")
                .isEmpty();
        assertThatThrownBy(() -> store.aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1)))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.USAGE_STORE_UNAVAILABLE));
        assertThat(postgres.usageEvents().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1)))
                .as("nothing reached the log").isEqualByComparingTo("0");

        eventLog.down = false;
        assertThat(store.aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("15");
        assertThat(postgres.usageEventClaims().unshipped(Optional.of(customer), 10)).isEmpty();
        assertThat(store.dailyRollups(customer, Optional.empty(), MAR_1, MAR_1)).singleElement()
                .satisfies(r -> assertThat(r.events()).isEqualTo(2));
    }

    @Test
    void the_scheduler_ships_what_the_log_refused_and_a_second_run_ships_nothing() {
        eventLog.down = true;
        store.appendNew(List.of(event("s-1", "1"), event("s-2", "2"), event("s-3", "3")));
        assertThatThrownBy(store::shipUnshipped).isInstanceOf(BillingException.class);

        eventLog.down = false;
        int shipped = store.shipUnshipped();

        assertThat(shipped).isGreaterThanOrEqualTo(3);
        assertThat(store.shipUnshipped()).isZero();
        assertThat(postgres.usageEvents().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1)))
                .isEqualByComparingTo("6");
    }

    @Test
    void a_log_unit_that_fails_after_the_records_committed_keeps_the_answer_and_the_reship_counts_each_event_once() {
        logUnits.failAfterWork = true;
        List<DatedUsageEvent> claimed = store.transactions().inTransaction(
                () -> store.appendNew(List.of(event("u-1", "7"), event("u-2", "8"))));
        assertThat(claimed).hasSize(2);
        // here the log's rows were written with the records (same database), so the log already has them: a
        // re-ship must not count them again
        assertThat(postgres.usageEventClaims().unshipped(Optional.of(customer), 10)).hasSize(2);

        logUnits.failAfterWork = false;
        assertThat(store.aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("15");
        assertThat(postgres.usageEventClaims().unshipped(Optional.of(customer), 10)).isEmpty();
        List<UsageRollup> days = store.dailyRollups(customer, Optional.of(API_CALLS.key()), MAR_1, MAR_1);
        assertThat(days).singleElement().satisfies(r -> assertThat(r.events()).isEqualTo(2));
    }

    @Test
    void a_records_transaction_that_rolls_back_claims_nothing_and_the_retry_is_accepted() {
        assertThatThrownBy(() -> store.transactions().run(() -> {
            store.appendNew(List.of(event("r-1", "4")));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.contains(customer, "r-1")).isFalse();
        assertThat(postgres.usageEventClaims().unshipped(Optional.of(customer), 10)).isEmpty();
        assertThat(store.appendNew(List.of(event("r-1", "4")))).hasSize(1);
        assertThat(store.aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("4");
    }

    @Test
    void a_read_inside_the_writing_transaction_does_not_ship_its_own_uncommitted_claims() {
        BigDecimal seen = store.transactions().inTransaction(() -> {
            store.appendNew(List.of(event("t-1", "9")));
            assertThat(postgres.usageEventClaims().unshipped(Optional.of(customer), 10))
                    .as("the open transaction's own claims are not offered for shipping").isEmpty();
            return store.aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1));
        });

        assertThat(seen).isEqualByComparingTo("9");
        assertThat(postgres.usageEventClaims().unshipped(Optional.of(customer), 10)).as("shipped at the end").isEmpty();
    }

    private DatedUsageEvent event(String id, String quantity) {
        return new DatedUsageEvent(UsageEvent.of(id, customer, API_CALLS.key(), new BigDecimal(quantity), T0), MAR_1,
                API_CALLS);
    }

    /** A usage store that refuses every call while {@link #down}. */
    private static final class SwitchableLog implements UsageEventStore {
        private final UsageEventStore delegate;
        volatile boolean down;

        SwitchableLog(UsageEventStore delegate) {
            this.delegate = delegate;
        }

        private <T> T call(Supplier<T> work) {
            if (down) {
                throw new IllegalStateException("event log unreachable (test)");
            }
            return work.get();
        }

        @Override
        public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events) {
            return call(() -> delegate.appendNew(events));
        }

        @Override
        public BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
            return call(() -> delegate.aggregate(customer, meter, from, toExclusive));
        }

        @Override
        public List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from,
                                              LocalDate toInclusive) {
            return call(() -> delegate.dailyRollups(customer, meter, from, toInclusive));
        }

        @Override
        public boolean contains(CustomerId customer, String eventId) {
            return call(() -> delegate.contains(customer, eventId));
        }
    }

    /** The log's unit of work: it commits nothing of its own, and fails after its work while {@link #failAfterWork}. */
    private static final class SwitchableUnits implements Transactions {
        volatile boolean failAfterWork;

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            T result = work.get();
            if (failAfterWork) {
                throw new IllegalStateException("event log commit failed (test)");
            }
            return result;
        }
    }
}
