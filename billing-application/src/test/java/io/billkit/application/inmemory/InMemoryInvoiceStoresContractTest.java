package io.billkit.application.inmemory;

import io.billkit.application.contract.InvoiceStoreContract;
import io.billkit.application.contract.ReconciliationRunStoreContract;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.application.port.out.Transactions;
import org.junit.jupiter.api.Nested;

/** The in-memory invoice and reconciliation run stores pass the same contracts as the PostgreSQL ones. */
class InMemoryInvoiceStoresContractTest {

    @Nested
    class Invoices extends InvoiceStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final InvoiceStore invoices = new InMemoryInvoiceStore(tx);

        @Override
        protected InvoiceStore invoices() {
            return invoices;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }

    @Nested
    class ReconciliationRuns extends ReconciliationRunStoreContract {
        private final ReconciliationRunStore runs = new InMemoryReconciliationRunStore(new InMemoryTransactions());

        @Override
        protected ReconciliationRunStore runs() {
            return runs;
        }
    }

    @Nested
    class CreditNotes extends io.billkit.application.contract.CreditNoteStoreContract {
        private final InMemoryTransactions tx = new InMemoryTransactions();
        private final InvoiceStore invoices = new InMemoryInvoiceStore(tx);
        private final io.billkit.application.port.out.CreditNoteStore notes = new InMemoryCreditNoteStore(tx);
        private final io.billkit.application.port.out.CustomerBalanceStore balances = new InMemoryCustomerBalanceStore(tx);

        @Override
        protected io.billkit.application.port.out.CreditNoteStore notes() {
            return notes;
        }

        @Override
        protected io.billkit.application.port.out.CustomerBalanceStore balances() {
            return balances;
        }

        @Override
        protected InvoiceStore invoices() {
            return invoices;
        }

        @Override
        protected Transactions transactions() {
            return tx;
        }
    }
}
