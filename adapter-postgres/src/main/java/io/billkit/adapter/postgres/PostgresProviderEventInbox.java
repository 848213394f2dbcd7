package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ProviderEventInbox;

import java.time.Instant;
import java.util.Objects;

/**
 * {@link ProviderEventInbox} on {@code stripe_webhook_events}: {@code INSERT ... ON CONFLICT DO NOTHING}
 * and the row count decide. A concurrent second insert of the same id waits for the first transaction
 * and then inserts nothing, so exactly one caller gets true (or, if the first rolls back, the next).
 */
final class PostgresProviderEventInbox implements ProviderEventInbox {
    private final JdbiTransactions tx;

    PostgresProviderEventInbox(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean markReceived(String providerEventId, String type, Instant providerCreatedAt, Instant receivedAt) {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(providerCreatedAt, "providerCreatedAt");
        Objects.requireNonNull(receivedAt, "receivedAt");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO stripe_webhook_events (provider_event_id, type, provider_created_at, received_at)
                        VALUES (:id, :type, :createdAt, :receivedAt)
                        ON CONFLICT (provider_event_id) DO NOTHING""")
                .bind("id", providerEventId)
                .bind("type", type)
                .bind("createdAt", SqlValues.timestamp(providerCreatedAt))
                .bind("receivedAt", SqlValues.timestamp(receivedAt))
                .execute() == 1);
    }

    @Override
    public void markProcessed(String providerEventId, Instant processedAt) {
        Objects.requireNonNull(providerEventId, "providerEventId");
        Objects.requireNonNull(processedAt, "processedAt");
        tx.useHandle(RowScope.system(), h -> h.createUpdate("""
                        UPDATE stripe_webhook_events SET processed = true, processed_at = :at
                        WHERE provider_event_id = :id""")
                .bind("id", providerEventId)
                .bind("at", SqlValues.timestamp(processedAt))
                .execute());
    }

    @Override
    public boolean isProcessed(String providerEventId) {
        Objects.requireNonNull(providerEventId, "providerEventId");
        return tx.withHandle(RowScope.system(), h -> h.createQuery(
                        "SELECT processed FROM stripe_webhook_events WHERE provider_event_id = :id")
                .bind("id", providerEventId)
                .mapTo(Boolean.class).findOne().orElse(false));
    }
}
