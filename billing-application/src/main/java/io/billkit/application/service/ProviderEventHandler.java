package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one kind of {@link ProviderEvent} inside {@link HandleProviderEventService}'s transaction (the inbox mark
 * and the audit entry are the dispatcher's). One implementation per event record.
 */
interface ProviderEventHandler<E extends ProviderEvent> {

    Outcome apply(E event, Instant now);

    /** What applying one event did: the result, the local customer concerned (if known) and details to audit. */
    record Outcome(ProviderEventResult result, Optional<CustomerId> customer, Map<String, String> details) {
        static Outcome of(ProviderEventResult result, Optional<CustomerId> customer, String note) {
            Map<String, String> details = new HashMap<>();
            details.put("note", note);
            return new Outcome(result, customer, details);
        }

        static Outcome applied(CustomerId customer, Map<String, String> details) {
            return new Outcome(ProviderEventResult.APPLIED, Optional.of(customer), details);
        }

        Outcome with(String key, String value) {
            details.put(key, value);
            return this;
        }
    }
}
