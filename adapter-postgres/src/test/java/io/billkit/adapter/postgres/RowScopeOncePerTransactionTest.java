package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.application.port.out.UsageEventStore.StoredEventKey;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside one transaction the row scope is set once and kept while store calls share it, and is set again
 * when a call needs another scope: a customer-scoped call after another customer's (or after a system call)
 * still sees only its own rows. Also the batch reads ({@code storedAmong}, {@code providerIds}).
 */
class RowScopeOncePerTransactionTest {
    private static final Meter CALLS = new Meter(MeterKey.of("api_calls"), "API calls", "call", Aggregation.COUNT, "");
    private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");
    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final CustomerId a = CustomerId.of("cus_a");
    private final CustomerId b = CustomerId.of("cus_b");

    @BeforeEach
    void twoCustomersWithOneEventEach() {
        TestDatabase.truncateAll();
        for (CustomerId id : List.of(a, b)) {
            postgres.customers().save(Customer.of(id, "Customer " + id, id + "@example.com"));
            postgres.usageEvents().appendNew(List.of(new DatedUsageEvent(
                    UsageEvent.of("evt-" + id.value(), id, CALLS.key(), BigDecimal.ONE, AT), LocalDate.of(2026, 3, 2), CALLS)));
        }
    }

    @Test
    void switching_scopes_inside_one_transaction_keeps_each_call_to_its_own_rows() {
        var events = postgres.usageEvents();
        Map<String, Object> seen = postgres.transactions().inTransaction(() -> Map.of(
                "a", events.contains(a, "evt-cus_a"),
                "a sees b's id", events.contains(a, "evt-cus_b"),
                "system", postgres.providerReferences().providerIds("invoice", List.of("inv_none")).isEmpty(),
                "b", events.contains(b, "evt-cus_b"),
                "b sees a's id", events.contains(b, "evt-cus_a"),
                "a again", events.contains(a, "evt-cus_a")));

        assertThat(seen).containsEntry("a", true).containsEntry("a sees b's id", false)
                .containsEntry("system", true)
                .containsEntry("b", true).containsEntry("b sees a's id", false)
                .containsEntry("a again", true);
    }

    @Test
    void stored_among_answers_a_batch_of_several_customers_in_one_call() {
        var stored = postgres.usageEvents().storedAmong(List.of(
                new StoredEventKey(a, "evt-cus_a"), new StoredEventKey(a, "evt-cus_b"),
                new StoredEventKey(b, "evt-cus_b"), new StoredEventKey(b, "evt-new")));

        assertThat(stored).containsExactlyInAnyOrder(new StoredEventKey(a, "evt-cus_a"), new StoredEventKey(b, "evt-cus_b"));
    }

    @Test
    void provider_ids_of_a_page_come_back_for_the_linked_ids_only() {
        postgres.providerReferences().link("invoice", "inv_1", "in_111");
        postgres.providerReferences().link("invoice", "inv_2", "in_222");
        postgres.providerReferences().link("customer", "inv_3", "cus_333");

        assertThat(postgres.providerReferences().providerIds("invoice", List.of("inv_1", "inv_2", "inv_3")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("inv_1", "in_111", "inv_2", "in_222"));
    }
}
