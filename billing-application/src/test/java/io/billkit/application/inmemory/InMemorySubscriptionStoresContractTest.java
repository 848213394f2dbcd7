package io.billkit.application.inmemory;

import io.billkit.application.contract.CreditLedgerStoreContract;
import io.billkit.application.contract.PendingChargeStoreContract;
import io.billkit.application.contract.ProviderEventCursorContract;
import io.billkit.application.contract.SubscriptionStoreContract;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import org.junit.jupiter.api.Nested;

/** The in-memory subscription, credit, pending-charge and event-cursor stores pass the shared contracts. */
class InMemorySubscriptionStoresContractTest {

    @Nested
    class Subscriptions extends SubscriptionStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final CustomerStore customers = new InMemoryCustomerStore(tx);
        private final SubscriptionStore subscriptions = new InMemorySubscriptionStore(tx);

        @Override
        protected CustomerStore customers() {
            return customers;
        }

        @Override
        protected SubscriptionStore subscriptions() {
            return subscriptions;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class CreditLedgers extends CreditLedgerStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final CustomerStore customers = new InMemoryCustomerStore(tx);
        private final CreditLedgerStore ledgers = new InMemoryCreditLedgerStore(tx);

        @Override
        protected CustomerStore customers() {
            return customers;
        }

        @Override
        protected CreditLedgerStore ledgers() {
            return ledgers;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class PendingCharges extends PendingChargeStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final CustomerStore customers = new InMemoryCustomerStore(tx);
        private final SubscriptionStore subscriptions = new InMemorySubscriptionStore(tx);
        private final PendingChargeStore charges = new InMemoryPendingChargeStore(tx);

        @Override
        protected CustomerStore customers() {
            return customers;
        }

        @Override
        protected SubscriptionStore subscriptions() {
            return subscriptions;
        }

        @Override
        protected PendingChargeStore pendingCharges() {
            return charges;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class Dunning extends io.billkit.application.contract.DunningStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final io.billkit.application.port.out.DunningStore store = new InMemoryDunningStore(tx);

        @Override
        protected io.billkit.application.port.out.DunningStore store() {
            return store;
        }

        @Override
        protected io.billkit.application.port.out.Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class PaymentFailures extends io.billkit.application.contract.InvoicePaymentFailuresContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final io.billkit.application.port.out.InvoicePaymentFailures failures = new InMemoryInvoicePaymentFailures(tx);

        @Override
        protected io.billkit.application.port.out.InvoicePaymentFailures failures() {
            return failures;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class EventCursor extends ProviderEventCursorContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final ProviderEventCursor cursor = new InMemoryProviderEventCursor(tx);

        @Override
        protected ProviderEventCursor cursor() {
            return cursor;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }
}
