package io.billkit.application.port.out;

import java.time.Instant;

/**
 * Deduplicates events received from the payment provider by their id (stripe_webhook_events).
 * Called inside the transaction that applies the event's effect, so effect and mark commit together.
 */
public interface ProviderEventInbox {

    /**
     * Records {@code providerEventId} as received; returns false when it was already recorded (the
     * event has been or is being handled: skip it). Concurrent callers with the same id: exactly one
     * gets true.
     *
     * @param type the event's kind as BillKit names it ({@code ProviderEvent.kind()}, e.g. {@code InvoicePaid})
     */
    boolean markReceived(String providerEventId, String type, Instant providerCreatedAt, Instant receivedAt);

    /**
     * Records that the received event {@code providerEventId} was applied (it changed billing state) at
     * {@code processedAt}; called in the transaction that applied it, after {@link #markReceived}. An event that
     * was received but ignored or stale stays unprocessed. Unknown ids are ignored.
     */
    void markProcessed(String providerEventId, Instant processedAt);

    /** Whether {@code providerEventId} was received and applied ({@link #markProcessed}); false when unknown. */
    boolean isProcessed(String providerEventId);
}
