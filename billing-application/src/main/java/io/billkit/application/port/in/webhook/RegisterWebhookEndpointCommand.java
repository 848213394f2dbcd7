package io.billkit.application.port.in.webhook;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Register an outbound webhook endpoint (an operator action).
 *
 * @param customer   whose events it receives; empty: every customer's
 * @param url        https URL (http only for localhost)
 * @param eventTypes event types it receives; empty: every type
 * @param actor      who registers it (audit)
 */
public record RegisterWebhookEndpointCommand(Optional<CustomerId> customer, String url, List<String> eventTypes,
                                             Actor actor) {
    public RegisterWebhookEndpointCommand {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(url, "url");
        eventTypes = List.copyOf(Objects.requireNonNull(eventTypes, "eventTypes"));
        Objects.requireNonNull(actor, "actor");
    }
}
