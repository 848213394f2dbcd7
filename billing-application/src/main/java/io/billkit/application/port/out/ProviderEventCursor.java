package io.billkit.application.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Per provider object (a subscription, an invoice), the creation time of the newest provider event
 * applied to it, so an event delivered out of order never rolls state back past a newer one
 * (provider_event_cursors). Called inside the transaction that applies the event.
 */
public interface ProviderEventCursor {

    /** The {@code createdAt} of the newest event applied to the object, if any. */
    Optional<Instant> lastApplied(String kind, String providerObjectId);

    /**
     * Moves the object's cursor to {@code createdAt} unless it already stands later. Returns false
     * (nothing written) when an event created strictly after {@code createdAt} was applied before: the
     * caller's event is stale. An event at the same instant as the cursor is not stale.
     *
     * @param kind             {@code subscription}, {@code invoice}, ...
     * @param providerObjectId the provider's id of the object
     * @param createdAt        the provider's creation time of the event being applied
     */
    boolean advance(String kind, String providerObjectId, Instant createdAt);
}
