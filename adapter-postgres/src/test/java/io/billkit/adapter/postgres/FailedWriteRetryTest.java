package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch whose transaction fails after its events were written (an injected failure, or the connection killed
 * with {@code pg_terminate_backend} before the commit) leaves nothing behind, and the retry with the same event
 * ids counts every event exactly once: not zero times (no dedupe key survives the failed write) and not twice.
 */
class FailedWriteRetryTest {
    private static final CustomerId CUSTOMER = CustomerId.of("cus_retry");
    private static final Meter CALLS = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.SUM, "");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void a_failure_after_the_write_rolls_back_and_the_retry_counts_each_event_once() {
        List<DatedUsageEvent> batch = batch("inj");
        assertThatThrownBy(() -> postgres.transactions().inTransaction(() -> {
            assertThat(postgres.usageEvents().appendNew(batch)).hasSize(batch.size());
            throw new IllegalStateException("injected failure after the write");
        })).hasMessageContaining("injected failure");
        assertThat(TestDatabase.count("usage_events")).as("nothing left by the failed write").isZero();

        assertRetryCountsOnce(batch);
    }

    @Test
    void a_connection_killed_before_the_commit_loses_the_write_and_the_retry_counts_each_event_once() {
        List<DatedUsageEvent> batch = batch("kill");
        assertThatThrownBy(() -> postgres.transactions().inTransaction(() -> {
            postgres.usageEvents().appendNew(batch);
            int killed = TestDatabase.owner().withHandle(h -> h.createQuery(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE pid <> pg_backend_pid() AND state = 'idle in transaction'")
                    .mapTo(Integer.class).one());
            assertThat(killed).as("backends killed").isPositive();
            return null;
        })).isInstanceOf(RuntimeException.class);
        assertThat(TestDatabase.count("usage_events")).as("nothing left by the killed transaction").isZero();

        assertRetryCountsOnce(batch);
    }

    private void assertRetryCountsOnce(List<DatedUsageEvent> batch) {
        int stored = postgres.transactions().inTransaction(() -> postgres.usageEvents().appendNew(batch).size());
        int storedAgain = postgres.transactions().inTransaction(() -> postgres.usageEvents().appendNew(batch).size());
        assertThat(stored).as("first retry").isEqualTo(batch.size());
        assertThat(storedAgain).as("second retry: all duplicates").isZero();
        assertThat(TestDatabase.count("usage_events")).isEqualTo(batch.size());
        assertThat(postgres.usageEvents().aggregate(CUSTOMER, CALLS, DAY, DAY.plusDays(1)))
                .isEqualByComparingTo(new BigDecimal(batch.size()));
        assertThat(postgres.usageEvents().dailyRollups(CUSTOMER, Optional.of(CALLS.key()), DAY, DAY))
                .singleElement().satisfies(day -> assertThat(day.events()).isEqualTo(batch.size()));
        System.out.println("failed write then retry: batch " + batch.size() + " events, stored by the failed write 0, "
                + "by the retry " + stored + ", by a second retry " + storedAgain);
    }

    private static List<DatedUsageEvent> batch(String prefix) {
        List<DatedUsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new DatedUsageEvent(UsageEvent.of(prefix + "-" + i, CUSTOMER, CALLS.key(), BigDecimal.ONE,
                    T0.plusSeconds(i)), DAY, CALLS));
        }
        return batch;
    }
}
