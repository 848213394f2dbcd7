package io.billkit.application.contract;

import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UsageEventStore} must do; adapters extend this class unchanged. Each test uses its
 * own customer ids, so the tests need no empty store, only one that keeps what it is given.
 */
public abstract class UsageEventStoreContract {

    protected abstract UsageEventStore store();

    /** The transactions the store's writes join. */
    protected abstract Transactions transactions();

    static final Meter IMPRESSIONS = new Meter(MeterKey.of("impressions"), "Ad impressions", "impression", Aggregation.SUM, "");
    static final Meter API_CALLS = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.SUM, "");
    static final Meter REQUESTS = new Meter(MeterKey.of("requests"), "Requests", "request", Aggregation.COUNT, "");
    static final Meter SCENARIOS = new Meter(MeterKey.of("scenarios"), "Saved scenarios", "scenario", Aggregation.MAX, "");
    static final Meter SEATS = new Meter(MeterKey.of("seats"), "Seats", "seat", Aggregation.LATEST, "");
    static final Meter ACTIVE_USERS = new Meter(MeterKey.of("active_users"), "Active users", "user", Aggregation.UNIQUE_COUNT, "user_id");

    private static final LocalDate MAR_1 = LocalDate.of(2026, 3, 1);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static CustomerId newCustomer() {
        return CustomerId.of("cus_" + UUID.randomUUID().toString().replace("-", ""));
    }

    private static DatedUsageEvent event(CustomerId customer, String id, Meter meter, String quantity, Instant at, LocalDate day) {
        return new DatedUsageEvent(UsageEvent.of(id, customer, meter.key(), new BigDecimal(quantity), at), day, meter);
    }

    private static DatedUsageEvent withProperty(CustomerId customer, String id, Meter meter, String user, LocalDate day) {
        return new DatedUsageEvent(new UsageEvent(id, customer, meter.key(), BigDecimal.ONE,
                day.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(3600), Map.of("user_id", user)), day, meter);
    }

    private static List<String> ids(List<DatedUsageEvent> events) {
        return events.stream().map(e -> e.event().eventId()).toList();
    }

    @Test
    void new_events_are_stored_once_and_returned_in_input_order() {
        CustomerId customer = newCustomer();
        UsageEventStore store = store();
        List<DatedUsageEvent> stored = store.appendNew(List.of(
                event(customer, "evt-3", IMPRESSIONS, "300", T0, MAR_1),
                event(customer, "evt-1", IMPRESSIONS, "100", T0.plusSeconds(1), MAR_1),
                event(customer, "evt-2", IMPRESSIONS, "200", T0.plusSeconds(2), MAR_1)));
        assertThat(ids(stored)).containsExactly("evt-3", "evt-1", "evt-2");
        assertThat(stored.get(0).event().quantity()).isEqualByComparingTo("300");

        List<DatedUsageEvent> again = store.appendNew(List.of(
                event(customer, "evt-1", IMPRESSIONS, "100", T0.plusSeconds(1), MAR_1),
                event(customer, "evt-4", IMPRESSIONS, "400", T0.plusSeconds(4), MAR_1)));
        assertThat(ids(again)).containsExactly("evt-4");
        assertThat(store.aggregate(customer, IMPRESSIONS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("1000");
        assertThat(store.contains(customer, "evt-1")).isTrue();
        assertThat(store.contains(customer, "evt-9")).isFalse();
    }

    @Test
    void a_repeated_id_inside_one_batch_is_stored_once_the_first_occurrence_wins() {
        CustomerId customer = newCustomer();
        List<DatedUsageEvent> stored = store().appendNew(List.of(
                event(customer, "dup", API_CALLS, "5", T0, MAR_1),
                event(customer, "dup", API_CALLS, "7", T0.plusSeconds(1), MAR_1)));
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).event().quantity()).isEqualByComparingTo("5");
        assertThat(store().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("5");
        assertThat(store().dailyRollups(customer, Optional.of(API_CALLS.key()), MAR_1, MAR_1))
                .singleElement().satisfies(r -> assertThat(r.events()).isEqualTo(1));
    }

    @Test
    void the_same_event_id_of_two_customers_is_two_events() {
        CustomerId a = newCustomer();
        CustomerId b = newCustomer();
        assertThat(store().appendNew(List.of(event(a, "evt-1", API_CALLS, "1", T0, MAR_1)))).hasSize(1);
        assertThat(store().appendNew(List.of(event(b, "evt-1", API_CALLS, "2", T0, MAR_1)))).hasSize(1);
        assertThat(store().aggregate(a, API_CALLS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("1");
        assertThat(store().aggregate(b, API_CALLS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("2");
    }

    @Test
    void aggregate_reads_the_local_days_half_open_and_is_zero_without_usage() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(
                event(customer, "d1", IMPRESSIONS, "1.5", T0, MAR_1),
                event(customer, "d2", IMPRESSIONS, "2.25", T0.plusSeconds(86_400), MAR_1.plusDays(1)),
                // the customer's local day decides, not the UTC date of the instant
                event(customer, "d3", IMPRESSIONS, "4", T0.plusSeconds(86_400), MAR_1.plusDays(2)),
                event(customer, "other-meter", API_CALLS, "1000", T0, MAR_1)));
        assertThat(store().aggregate(customer, IMPRESSIONS, MAR_1, MAR_1.plusDays(3))).isEqualByComparingTo("7.75");
        assertThat(store().aggregate(customer, IMPRESSIONS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("3.75");
        assertThat(store().aggregate(customer, IMPRESSIONS, MAR_1.plusDays(1), MAR_1.plusDays(2))).isEqualByComparingTo("2.25");
        assertThat(store().aggregate(customer, IMPRESSIONS, MAR_1.plusDays(3), MAR_1.plusDays(30))).isEqualByComparingTo("0");
        assertThat(store().aggregate(newCustomer(), IMPRESSIONS, MAR_1, MAR_1.plusDays(30))).isEqualByComparingTo("0");
    }

    @Test
    void quantities_keep_twelve_decimals_and_large_values() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(
                event(customer, "tiny-1", API_CALLS, "0.000000000001", T0, MAR_1),
                event(customer, "tiny-2", API_CALLS, "0.000000000002", T0, MAR_1),
                event(customer, "big", API_CALLS, "1000000000000000", T0, MAR_1)));
        assertThat(store().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1)))
                .isEqualByComparingTo("1000000000000000.000000000003");
    }

    @Test
    void count_max_and_latest_meters_aggregate_by_their_rule() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(
                event(customer, "r1", REQUESTS, "40", T0, MAR_1),
                event(customer, "r2", REQUESTS, "50", T0, MAR_1),
                event(customer, "r3", REQUESTS, "0", T0, MAR_1.plusDays(1)),
                event(customer, "s1", SCENARIOS, "3", T0, MAR_1),
                event(customer, "s2", SCENARIOS, "7", T0.plusSeconds(5), MAR_1),
                event(customer, "s3", SCENARIOS, "5", T0.plusSeconds(86_400), MAR_1.plusDays(1)),
                // LATEST: the latest timestamp wins even when it arrives first; later days win over earlier ones
                event(customer, "seat-b", SEATS, "9", T0.plusSeconds(60), MAR_1),
                event(customer, "seat-a", SEATS, "4", T0, MAR_1)));
        assertThat(store().aggregate(customer, REQUESTS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("3");
        assertThat(store().aggregate(customer, SCENARIOS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("7");
        assertThat(store().aggregate(customer, SCENARIOS, MAR_1.plusDays(1), MAR_1.plusDays(2))).isEqualByComparingTo("5");
        assertThat(store().aggregate(customer, SEATS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("9");

        store().appendNew(List.of(event(customer, "seat-c", SEATS, "2", T0.plusSeconds(86_400), MAR_1.plusDays(1))));
        assertThat(store().aggregate(customer, SEATS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("2");
        assertThat(store().aggregate(customer, SEATS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("9");
    }

    @Test
    void latest_breaks_a_timestamp_tie_by_the_greater_event_id() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(event(customer, "seat-b", SEATS, "6", T0, MAR_1)));
        store().appendNew(List.of(event(customer, "seat-a", SEATS, "1", T0, MAR_1)));
        store().appendNew(List.of(event(customer, "seat-0", SEATS, "2", T0, MAR_1)));
        assertThat(store().aggregate(customer, SEATS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("6");
        store().appendNew(List.of(event(customer, "seat-c", SEATS, "8", T0, MAR_1)));
        assertThat(store().aggregate(customer, SEATS, MAR_1, MAR_1.plusDays(1))).isEqualByComparingTo("8");
    }

    @Test
    void unique_count_counts_distinct_values_over_the_whole_range_and_has_no_rollups() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(
                withProperty(customer, "u1", ACTIVE_USERS, "alice", MAR_1),
                withProperty(customer, "u2", ACTIVE_USERS, "bob", MAR_1),
                withProperty(customer, "u3", ACTIVE_USERS, "alice", MAR_1.plusDays(1)),
                withProperty(customer, "u4", ACTIVE_USERS, "carol", MAR_1.plusDays(1))));
        assertThat(store().aggregate(customer, ACTIVE_USERS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("3");
        assertThat(store().aggregate(customer, ACTIVE_USERS, MAR_1.plusDays(1), MAR_1.plusDays(2))).isEqualByComparingTo("2");
        assertThat(store().dailyRollups(customer, Optional.empty(), MAR_1, MAR_1.plusDays(1))).isEmpty();
    }

    @Test
    void daily_rollups_come_oldest_first_per_meter_with_event_counts_and_latest_instant() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(
                event(customer, "b1", IMPRESSIONS, "10", T0.plusSeconds(86_400), MAR_1.plusDays(1)),
                event(customer, "a1", IMPRESSIONS, "1", T0, MAR_1),
                event(customer, "a2", IMPRESSIONS, "2", T0.plusSeconds(30), MAR_1),
                event(customer, "c1", API_CALLS, "5", T0, MAR_1),
                event(customer, "late", IMPRESSIONS, "100", T0.plusSeconds(5 * 86_400), MAR_1.plusDays(5))));
        List<UsageRollup> impressions = store().dailyRollups(customer, Optional.of(IMPRESSIONS.key()), MAR_1, MAR_1.plusDays(1));
        assertThat(impressions).extracting(UsageRollup::day).containsExactly(MAR_1, MAR_1.plusDays(1));
        assertThat(impressions.get(0).value()).isEqualByComparingTo("3");
        assertThat(impressions.get(0).events()).isEqualTo(2);
        assertThat(impressions.get(0).latestAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(impressions.get(1).value()).isEqualByComparingTo("10");
        assertThat(impressions).allSatisfy(r -> assertThat(r.meter()).isEqualTo(IMPRESSIONS.key()));

        List<UsageRollup> all = store().dailyRollups(customer, Optional.empty(), MAR_1, MAR_1.plusDays(5));
        assertThat(all).hasSize(4);
        assertThat(all).extracting(UsageRollup::day).isSorted();
        assertThat(all).filteredOn(r -> r.meter().equals(API_CALLS.key())).singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualByComparingTo("5"));
    }

    @Test
    void a_failed_transaction_stores_nothing_and_leaves_the_ids_free_for_the_retry() {
        CustomerId customer = newCustomer();
        store().appendNew(List.of(event(customer, "before", API_CALLS, "1", T0, MAR_1)));
        assertThatThrownBy(() -> transactions().run(() -> {
            store().appendNew(List.of(
                    event(customer, "retry-1", API_CALLS, "10", T0, MAR_1),
                    event(customer, "retry-2", API_CALLS, "20", T0, MAR_1.plusDays(1))));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store().contains(customer, "retry-1")).isFalse();
        assertThat(store().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("1");
        assertThat(store().dailyRollups(customer, Optional.empty(), MAR_1, MAR_1.plusDays(1)))
                .singleElement().satisfies(r -> assertThat(r.events()).isEqualTo(1));

        List<DatedUsageEvent> retried = store().appendNew(List.of(
                event(customer, "retry-1", API_CALLS, "10", T0, MAR_1),
                event(customer, "retry-2", API_CALLS, "20", T0, MAR_1.plusDays(1))));
        assertThat(ids(retried)).containsExactly("retry-1", "retry-2");
        assertThat(store().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(2))).isEqualByComparingTo("31");
    }

    @Test
    void events_appended_inside_a_transaction_are_visible_to_it() {
        CustomerId customer = newCustomer();
        BigDecimal seen = transactions().inTransaction(() -> {
            store().appendNew(List.of(event(customer, "in-tx", API_CALLS, "3", T0, MAR_1)));
            assertThat(store().contains(customer, "in-tx")).isTrue();
            return store().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(1));
        });
        assertThat(seen).isEqualByComparingTo("3");
    }

    @Test
    void concurrent_appends_of_the_same_events_store_each_exactly_once() throws Exception {
        CustomerId customer = newCustomer();
        List<DatedUsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            LocalDate day = MAR_1.plusDays(i % 4);
            batch.add(event(customer, "evt-" + i, API_CALLS, "1", T0.plusSeconds(i), day));
        }
        List<Integer> storedPerThread = ConcurrentRunner.runConcurrently(16, () -> store().appendNew(batch).size());
        assertThat(storedPerThread.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
        assertThat(store().aggregate(customer, API_CALLS, MAR_1, MAR_1.plusDays(4))).isEqualByComparingTo("200");
        List<UsageRollup> days = store().dailyRollups(customer, Optional.of(API_CALLS.key()), MAR_1, MAR_1.plusDays(3));
        assertThat(days).hasSize(4).allSatisfy(r -> {
            assertThat(r.value()).isEqualByComparingTo("50");
            assertThat(r.events()).isEqualTo(50);
        });
    }
}
