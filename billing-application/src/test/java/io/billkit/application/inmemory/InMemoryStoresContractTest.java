package io.billkit.application.inmemory;

import io.billkit.application.contract.ApiKeyStoreContract;
import io.billkit.application.contract.CustomerAndReferenceStoreContract;
import io.billkit.application.contract.IdempotencyStoreContract;
import io.billkit.application.contract.OutboxAndAuditContract;
import io.billkit.application.contract.ProviderEventInboxContract;
import io.billkit.application.contract.QuotaCountersContract;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;
import org.junit.jupiter.api.Nested;

/** The in-memory stores pass the same contracts as the PostgreSQL ones. */
class InMemoryStoresContractTest {

    @Nested
    class Quota extends QuotaCountersContract {
        private final QuotaCounters counters = new InMemoryQuotaCounters(new InMemoryTransactions());

        @Override
        protected QuotaCounters counters() {
            return counters;
        }
    }

    @Nested
    class Inbox extends ProviderEventInboxContract {
        private final ProviderEventInbox inbox = new InMemoryProviderEventInbox(new InMemoryTransactions());

        @Override
        protected ProviderEventInbox inbox() {
            return inbox;
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        private final IdempotencyStore store = new InMemoryIdempotencyStore(new InMemoryTransactions());

        @Override
        protected IdempotencyStore store() {
            return store;
        }
    }

    @Nested
    class OutboxAndAudit extends OutboxAndAuditContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final Outbox outbox = new InMemoryOutbox(tx);
        private final AuditLog audit = new InMemoryAuditLog(tx);

        @Override
        protected Outbox outbox() {
            return outbox;
        }

        @Override
        protected AuditLog audit() {
            return audit;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class CustomersAndReferences extends CustomerAndReferenceStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final CustomerStore customers = new InMemoryCustomerStore(tx);
        private final ProviderReferenceStore references = new InMemoryProviderReferenceStore(tx);

        @Override
        protected CustomerStore customers() {
            return customers;
        }

        @Override
        protected ProviderReferenceStore references() {
            return references;
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        private final ApiKeyStore store = new InMemoryApiKeyStore(new InMemoryTransactions());

        @Override
        protected ApiKeyStore store() {
            return store;
        }
    }
}
