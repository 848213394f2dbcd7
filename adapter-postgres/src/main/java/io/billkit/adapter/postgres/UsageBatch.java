package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.usage.UsageEvent;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the stores keyed by (customer, event id) share: {@code usage_events} ({@link PostgresUsageEventStore}) and
 * {@code usage_event_claims} ({@link PostgresUsageEventClaims}) take a batch the same way.
 */
final class UsageBatch {
    private UsageBatch() {
    }

    /** The identity of an event; ordered so that rows are written in key order (concurrent batches lock alike). */
    record EventKey(String customerId, String eventId) implements Comparable<EventKey> {
        static EventKey of(UsageEvent event) {
            return new EventKey(event.customer().value(), event.eventId());
        }

        static EventKey map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new EventKey(rs.getString("customer_id"), rs.getString("event_id"));
        }

        @Override
        public int compareTo(EventKey other) {
            int byCustomer = customerId.compareTo(other.customerId);
            return byCustomer != 0 ? byCustomer : eventId.compareTo(other.eventId);
        }
    }

    /**
     * The batch's events by key, first occurrence of a repeated key winning, in input order; refuses a null event
     * and an event whose catalog meter is not its own.
     */
    static Map<EventKey, DatedUsageEvent> firstOccurrences(List<DatedUsageEvent> events) {
        Objects.requireNonNull(events, "events");
        Map<EventKey, DatedUsageEvent> first = new LinkedHashMap<>();
        for (DatedUsageEvent dated : events) {
            Objects.requireNonNull(dated, "events must not contain null");
            BillingException.require(dated.aggregationMeter().key().equals(dated.event().meter()),
                    "event " + dated.event().eventId() + " of meter " + dated.event().meter()
                            + " comes with the catalog meter " + dated.aggregationMeter().key());
            first.putIfAbsent(EventKey.of(dated.event()), dated);
        }
        return first;
    }

    /** One customer's row scope when the batch has one customer, else the system scope. */
    static RowScope scopeOf(Collection<String> customerIds) {
        Set<String> customers = new HashSet<>(customerIds);
        return customers.size() == 1 ? RowScope.customer(customers.iterator().next()) : RowScope.system();
    }

    /** {@link #scopeOf(Collection)} of the keys' customers. */
    static RowScope scopeOfKeys(Collection<EventKey> keys) {
        return scopeOf(keys.stream().map(EventKey::customerId).toList());
    }
}
