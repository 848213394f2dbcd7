package io.billkit.bootstrap.usage;

import io.billkit.adapter.clickhouse.ClickHouse;
import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.contract.UsageEventStoreContract;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.application.usagelog.EventLogUsageStore;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service's ClickHouse wiring ({@link EventLogUsageStore}: claims in PostgreSQL, events in a real ClickHouse):
 * the usage store contract unchanged, and two "replicas" (separate adapters, separate ClickHouse clients with their
 * own in-process locks) receiving the same events at once count each event once.
 */
class EventLogOnClickHouseTest {
    private static final Meter API_CALLS = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.SUM, "");
    private static Path dir;
    private static PostgresDatabase database;
    private static ClickHouse clickHouseA;
    private static ClickHouse clickHouseB;
    private static EventLogUsageStore replicaA;
    private static EventLogUsageStore replicaB;

    @BeforeAll
    static void servers() {
        UsageStoreFixtures.requireClickHouse();
        dir = UsageStoreFixtures.temporaryDirectory("billkit-eventlog-ch");
        database = UsageStoreFixtures.embeddedPostgres(dir);
        clickHouseA = UsageStoreFixtures.freshClickHouse();
        String name = clickHouseA.rows("SELECT currentDatabase()").get(0)[0];
        clickHouseB = new ClickHouse(UsageStoreFixtures.clickHouseUrl(), UsageStoreFixtures.clickHouseUser(),
                UsageStoreFixtures.clickHousePassword(), name);
        replicaA = UsageStoreFixtures.eventLog(new PostgresAdapter(database), clickHouseA);
        replicaB = UsageStoreFixtures.eventLog(new PostgresAdapter(database), clickHouseB);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {clickHouseA, clickHouseB, database}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        UsageStoreFixtures.deleteRecursively(dir);
    }

    @Nested
    class Contract extends UsageEventStoreContract {
        @Override
        protected UsageEventStore store() {
            return replicaA;
        }

        @Override
        protected Transactions transactions() {
            return replicaA.transactions();
        }
    }

    @Test
    void two_replicas_receiving_the_same_events_at_once_store_and_count_each_once() throws Exception {
        CustomerId customer = CustomerId.of("cus_two_replicas");
        LocalDate day = LocalDate.of(2026, 3, 1);
        List<DatedUsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            batch.add(new DatedUsageEvent(UsageEvent.of("evt-" + i, customer, API_CALLS.key(), BigDecimal.ONE,
                    Instant.parse("2026-03-01T10:00:00Z").plusSeconds(i)), day, API_CALLS));
        }
        AtomicInteger turn = new AtomicInteger();
        List<Integer> claimedPerThread = ConcurrentRunner.runConcurrently(16, () -> {
            EventLogUsageStore replica = turn.getAndIncrement() % 2 == 0 ? replicaA : replicaB;
            return replica.transactions().inTransaction(() -> replica.appendNew(batch).size());
        });

        assertThat(claimedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(replicaA.aggregate(customer, API_CALLS, day, day.plusDays(1))).isEqualByComparingTo("200");
        assertThat(replicaB.aggregate(customer, API_CALLS, day, day.plusDays(1))).isEqualByComparingTo("200");
        assertThat(replicaB.dailyRollups(customer, Optional.empty(), day, day)).singleElement()
                .satisfies(r -> assertThat(r.events()).isEqualTo(200));
        assertThat(clickHouseA.rows("SELECT count() FROM usage_events WHERE customer_id = 'cus_two_replicas'")
                .get(0)[0]).as("rows written to ClickHouse").isEqualTo("200");
    }
}
