package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;

import java.util.Objects;

/**
 * The PostgreSQL adapter's port implementations, all sharing one {@link Transactions}: a store called
 * inside {@code transactions().inTransaction(...)} on the same thread joins that transaction. Wiring:
 * <pre>{@code
 * PostgresDatabase db = PostgresDatabase.start(PostgresConfig.fromEnvironment(System.getenv()));
 * PostgresAdapter postgres = new PostgresAdapter(db);
 * new SomeService(postgres.transactions(), postgres.customers(), postgres.auditLog(), clock);
 * // on shutdown: db.close();
 * }</pre>
 * The stores are stateless; create one adapter per database.
 */
public final class PostgresAdapter {
    private final JdbiTransactions transactions;
    private final CustomerStore customers;
    private final ProviderReferenceStore providerReferences;
    private final AuditLog auditLog;
    private final IdempotencyStore idempotency;
    private final ProviderEventInbox providerEventInbox;
    private final Outbox outbox;
    private final QuotaCounters quotaCounters;
    private final ApiKeyStore apiKeys;

    public PostgresAdapter(PostgresDatabase database) {
        Objects.requireNonNull(database, "database");
        this.transactions = new JdbiTransactions(database.jdbi());
        this.customers = new PostgresCustomerStore(transactions);
        this.providerReferences = new PostgresProviderReferenceStore(transactions);
        this.auditLog = new PostgresAuditLog(transactions);
        this.idempotency = new PostgresIdempotencyStore(transactions);
        this.providerEventInbox = new PostgresProviderEventInbox(transactions);
        this.outbox = new PostgresOutbox(transactions);
        this.quotaCounters = new PostgresQuotaCounters(transactions);
        this.apiKeys = new PostgresApiKeyStore(transactions);
    }

    /** The unit of work every store of this adapter joins. */
    public Transactions transactions() {
        return transactions;
    }

    public CustomerStore customers() {
        return customers;
    }

    public ProviderReferenceStore providerReferences() {
        return providerReferences;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    public IdempotencyStore idempotency() {
        return idempotency;
    }

    public ProviderEventInbox providerEventInbox() {
        return providerEventInbox;
    }

    public Outbox outbox() {
        return outbox;
    }

    public QuotaCounters quotaCounters() {
        return quotaCounters;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }
}
