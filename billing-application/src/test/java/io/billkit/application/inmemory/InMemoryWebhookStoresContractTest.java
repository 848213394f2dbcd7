package io.billkit.application.inmemory;

import io.billkit.application.contract.WebhookDeliveryStoreContract;
import io.billkit.application.contract.WebhookEndpointStoreContract;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpointStore;
import org.junit.jupiter.api.Nested;

/** The in-memory webhook stores pass the same contracts as the PostgreSQL ones. */
class InMemoryWebhookStoresContractTest {

    @Nested
    class Endpoints extends WebhookEndpointStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final WebhookEndpointStore store = new InMemoryWebhookEndpointStore(tx);

        @Override
        protected WebhookEndpointStore store() {
            return store;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class Deliveries extends WebhookDeliveryStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final WebhookEndpointStore endpoints = new InMemoryWebhookEndpointStore(tx);
        private final WebhookDeliveryStore store = new InMemoryWebhookDeliveryStore(tx);

        @Override
        protected WebhookDeliveryStore store() {
            return store;
        }

        @Override
        protected WebhookEndpointStore endpoints() {
            return endpoints;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }
}
