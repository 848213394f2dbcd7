package io.billkit.application.inmemory;

import io.billkit.application.contract.UsageAlertStoreContract;
import io.billkit.application.contract.UsageEventStoreContract;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.application.port.out.UsageEventStore;
import org.junit.jupiter.api.Nested;

/** The in-memory usage event and alert stores pass the same contracts as the PostgreSQL ones. */
class InMemoryUsageStoresContractTest {

    @Nested
    class UsageEvents extends UsageEventStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final UsageEventStore store = new InMemoryUsageEventStore(tx);

        @Override
        protected UsageEventStore store() {
            return store;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class UsageAlerts extends UsageAlertStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final UsageAlertStore store = new InMemoryUsageAlertStore(tx);

        @Override
        protected UsageAlertStore store() {
            return store;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }
}
