package io.billkit.adapter.postgres;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Many writers racing with the same events: each event is stored and counted exactly once. */
class UsageIngestionConcurrencyTest {
    private static final CustomerId APEX = CustomerId.of("cus_apex");
    private static final Meter IMPRESSIONS = new Meter(MeterKey.of("impressions"), "Ad impressions", "impression",
            Aggregation.SUM, "");
    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void fifty_threads_appending_the_same_thousand_events_store_and_count_each_once() throws Exception {
        List<DatedUsageEvent> batch = new ArrayList<>();
        BigDecimal expectedSum = BigDecimal.ZERO;
        for (int i = 0; i < 1_000; i++) {
            // 1,000 distinct quantities with decimals (1.001 .. 1000.999...), spread over five local days
            BigDecimal quantity = new BigDecimal(i + 1).add(new BigDecimal("0.001").multiply(new BigDecimal(i % 997)));
            expectedSum = expectedSum.add(quantity);
            batch.add(new DatedUsageEvent(UsageEvent.of("imp-" + i, APEX, IMPRESSIONS.key(), quantity,
                    T0.plusSeconds(60L * i)), MAR_1.plusDays(i % 5), IMPRESSIONS));
        }

        List<Integer> storedPerThread = ConcurrentRunner.runConcurrently(50,
                () -> postgres.transactions().inTransaction(() -> postgres.usageEvents().appendNew(batch).size()));

        assertThat(storedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(1_000);
        assertThat(TestDatabase.count("usage_events")).isEqualTo(1_000);
        assertThat(postgres.usageEvents().aggregate(APEX, IMPRESSIONS, MAR_1, MAR_1.plusDays(5)))
                .isEqualByComparingTo(expectedSum);
        List<UsageRollup> days = postgres.usageEvents().dailyRollups(APEX, Optional.of(IMPRESSIONS.key()), MAR_1,
                MAR_1.plusDays(4));
        assertThat(days).hasSize(5).allSatisfy(day -> assertThat(day.events()).isEqualTo(200));
        assertThat(days.stream().map(UsageRollup::value).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo(expectedSum);
    }

    @Test
    void a_batch_of_several_customers_is_stored_per_customer() {
        CustomerId other = CustomerId.of("cus_other");
        List<DatedUsageEvent> stored = postgres.usageEvents().appendNew(List.of(
                new DatedUsageEvent(UsageEvent.of("e-1", APEX, IMPRESSIONS.key(), new BigDecimal("5"), T0), MAR_1, IMPRESSIONS),
                new DatedUsageEvent(UsageEvent.of("e-1", other, IMPRESSIONS.key(), new BigDecimal("7"), T0), MAR_1, IMPRESSIONS)));
        assertThat(stored).hasSize(2);
        assertThat(postgres.usageEvents().aggregate(APEX, IMPRESSIONS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("5");
        assertThat(postgres.usageEvents().aggregate(other, IMPRESSIONS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("7");
    }

    @Test
    void the_local_day_given_by_the_caller_is_stored_with_the_event() {
        // 23:30 UTC on Feb 28 is already March 1 in Berlin: the caller says which day it is.
        Instant lateEvening = Instant.parse("2026-02-28T23:30:00Z");
        postgres.usageEvents().appendNew(List.of(new DatedUsageEvent(
                UsageEvent.of("berlin-1", APEX, IMPRESSIONS.key(), BigDecimal.TEN, lateEvening), MAR_1, IMPRESSIONS)));
        LocalDate stored = TestDatabase.owner().withHandle(h -> h.createQuery(
                "SELECT day FROM usage_events WHERE event_id = 'berlin-1'").mapTo(LocalDate.class).one());
        assertThat(stored).isEqualTo(MAR_1);
        assertThat(postgres.usageEvents().aggregate(APEX, IMPRESSIONS, MAR_1.minusDays(1), MAR_1)).isEqualByComparingTo("0");
        assertThat(postgres.usageEvents().aggregate(APEX, IMPRESSIONS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("10");
    }
}
