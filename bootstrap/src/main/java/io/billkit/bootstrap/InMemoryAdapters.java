package io.billkit.bootstrap;

import io.billkit.application.inmemory.InMemoryApiKeyStore;
import io.billkit.application.inmemory.InMemoryAuditLog;
import io.billkit.application.inmemory.InMemoryCustomerStore;
import io.billkit.application.inmemory.InMemoryIdempotencyStore;
import io.billkit.application.inmemory.InMemoryOutbox;
import io.billkit.application.inmemory.InMemoryProviderEventInbox;
import io.billkit.application.inmemory.InMemoryProviderReferenceStore;
import io.billkit.application.inmemory.InMemoryQuotaCounters;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.inmemory.MockPaymentProvider;

import java.time.Clock;

/**
 * The driven side when no database is configured: billing-application's in-memory stores sharing one
 * {@link InMemoryTransactions}, and the {@link MockPaymentProvider}. State lives as long as the process.
 * The PostgreSQL and Stripe adapters replace these field by field when configured.
 */
record InMemoryAdapters(InMemoryTransactions transactions, InMemoryCustomerStore customers,
                        InMemoryApiKeyStore apiKeys, InMemoryAuditLog audit, InMemoryIdempotencyStore idempotency,
                        InMemoryProviderEventInbox providerEvents, InMemoryOutbox outbox,
                        InMemoryProviderReferenceStore providerReferences, InMemoryQuotaCounters quotaCounters,
                        MockPaymentProvider paymentProvider) {

    static InMemoryAdapters create(Clock clock) {
        InMemoryTransactions tx = new InMemoryTransactions();
        return new InMemoryAdapters(tx, new InMemoryCustomerStore(tx), new InMemoryApiKeyStore(tx),
                new InMemoryAuditLog(tx), new InMemoryIdempotencyStore(tx), new InMemoryProviderEventInbox(tx),
                new InMemoryOutbox(tx), new InMemoryProviderReferenceStore(tx), new InMemoryQuotaCounters(tx),
                new MockPaymentProvider(clock));
    }
}
