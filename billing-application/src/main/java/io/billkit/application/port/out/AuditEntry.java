package io.billkit.application.port.out;

import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the audit log: who did what to which customer, with what data, from where.
 *
 * @param at        when it happened (UTC)
 * @param actor     subject of the caller (user id, API key id, {@code system}, {@code stripe})
 * @param action    stable action name, e.g. {@code usage.recorded}, {@code subscription.created}
 * @param customer  the customer concerned, empty for system-wide actions
 * @param data      small string map with the details (ids, amounts as plain strings)
 * @param ip        caller IP, empty string when unknown
 * @param userAgent caller user agent, empty string when unknown
 */
public record AuditEntry(Instant at, String actor, String action, Optional<CustomerId> customer,
                         Map<String, String> data, String ip, String userAgent) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(customer, "customer");
        data = Map.copyOf(Objects.requireNonNull(data, "data"));
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
    }
}
