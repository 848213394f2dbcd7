package io.billkit.adapter.postgres;

import io.billkit.application.contract.ApiKeyStoreContract;
import io.billkit.application.contract.CreditLedgerStoreContract;
import io.billkit.application.contract.InvoiceStoreContract;
import io.billkit.application.contract.PendingChargeStoreContract;
import io.billkit.application.contract.ReconciliationRunStoreContract;
import io.billkit.application.contract.SubscriptionStoreContract;
import io.billkit.application.contract.UsageAlertStoreContract;
import io.billkit.application.contract.UsageEventStoreContract;
import io.billkit.application.contract.CustomerAndReferenceStoreContract;
import io.billkit.application.contract.IdempotencyStoreContract;
import io.billkit.application.contract.OutboxAndAuditContract;
import io.billkit.application.contract.ProviderEventCursorContract;
import io.billkit.application.contract.ProviderEventInboxContract;
import io.billkit.application.contract.QuotaCountersContract;
import io.billkit.application.contract.WebhookDeliveryStoreContract;
import io.billkit.application.contract.WebhookEndpointStoreContract;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;

/** The shared port contracts, unchanged, against the PostgreSQL stores (tables emptied before each test). */
class PostgresStoresContractTest {
    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Nested
    class Coupons extends io.billkit.application.contract.CouponStoresContract {
        @Override
        protected io.billkit.application.port.out.CouponStore coupons() {
            return postgres.coupons();
        }

        @Override
        protected io.billkit.application.port.out.CouponRedemptionStore redemptions() {
            return postgres.couponRedemptions();
        }

        @Override
        protected io.billkit.application.port.out.Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class Quota extends QuotaCountersContract {
        @Override
        protected QuotaCounters counters() {
            return postgres.quotaCounters();
        }
    }

    @Nested
    class Inbox extends ProviderEventInboxContract {
        @Override
        protected ProviderEventInbox inbox() {
            return postgres.providerEventInbox();
        }
    }

    @Nested
    class Dunning extends io.billkit.application.contract.DunningStoreContract {
        @Override
        protected io.billkit.application.port.out.DunningStore store() {
            return postgres.dunning();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class PaymentFailures extends io.billkit.application.contract.InvoicePaymentFailuresContract {
        @Override
        protected io.billkit.application.port.out.InvoicePaymentFailures failures() {
            return postgres.invoicePaymentFailures();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class Cursor extends ProviderEventCursorContract {
        @Override
        protected ProviderEventCursor cursor() {
            return postgres.providerEventCursor();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class Idempotency extends IdempotencyStoreContract {
        @Override
        protected IdempotencyStore store() {
            return postgres.idempotency();
        }
    }

    @Nested
    class OutboxAndAudit extends OutboxAndAuditContract {
        @Override
        protected Outbox outbox() {
            return postgres.outbox();
        }

        @Override
        protected AuditLog audit() {
            return postgres.auditLog();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class CustomersAndReferences extends CustomerAndReferenceStoreContract {
        @Override
        protected CustomerStore customers() {
            return postgres.customers();
        }

        @Override
        protected ProviderReferenceStore references() {
            return postgres.providerReferences();
        }
    }

    @Nested
    class ApiKeys extends ApiKeyStoreContract {
        @Override
        protected ApiKeyStore store() {
            return postgres.apiKeys();
        }
    }

    @Nested
    class UsageEvents extends UsageEventStoreContract {
        @Override
        protected UsageEventStore store() {
            return postgres.usageEvents();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class UsageAlerts extends UsageAlertStoreContract {
        @Override
        protected UsageAlertStore store() {
            return postgres.usageAlerts();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class Subscriptions extends SubscriptionStoreContract {
        @Override
        protected CustomerStore customers() {
            return postgres.customers();
        }

        @Override
        protected SubscriptionStore subscriptions() {
            return postgres.subscriptions();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class CreditLedgers extends CreditLedgerStoreContract {
        @Override
        protected CustomerStore customers() {
            return postgres.customers();
        }

        @Override
        protected CreditLedgerStore ledgers() {
            return postgres.creditLedgers();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class PendingCharges extends PendingChargeStoreContract {
        @Override
        protected CustomerStore customers() {
            return postgres.customers();
        }

        @Override
        protected SubscriptionStore subscriptions() {
            return postgres.subscriptions();
        }

        @Override
        protected PendingChargeStore pendingCharges() {
            return postgres.pendingCharges();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class CreditNotes extends io.billkit.application.contract.CreditNoteStoreContract {
        /** invoices.subscription_id references subscriptions: the fixture's subscription gets a row. */
        @Override
        protected void ensureReferenced(io.billkit.domain.customer.Customer customer,
                                        io.billkit.domain.subscription.SubscriptionId subscription) {
            insertSubscription(customer, subscription);
        }

        @Override
        protected io.billkit.application.port.out.CreditNoteStore notes() {
            return postgres.creditNotes();
        }

        @Override
        protected io.billkit.application.port.out.CustomerBalanceStore balances() {
            return postgres.customerBalances();
        }

        @Override
        protected InvoiceStore invoices() {
            return postgres.invoices();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class Invoices extends InvoiceStoreContract {
        @Override
        protected InvoiceStore invoices() {
            return postgres.invoices();
        }

        /** invoices.subscription_id references subscriptions: the fixture's subscription gets a row. */
        @Override
        protected void ensureReferenced(io.billkit.domain.customer.Customer customer,
                                        io.billkit.domain.subscription.SubscriptionId subscription) {
            insertSubscription(customer, subscription);
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class ReconciliationRuns extends ReconciliationRunStoreContract {
        @Override
        protected ReconciliationRunStore runs() {
            return postgres.reconciliationRuns();
        }
    }

    @Nested
    class WebhookEndpoints extends WebhookEndpointStoreContract {
        @Override
        protected WebhookEndpointStore store() {
            return postgres.webhookEndpoints();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    @Nested
    class WebhookDeliveries extends WebhookDeliveryStoreContract {
        @Override
        protected WebhookDeliveryStore store() {
            return postgres.webhookDeliveries();
        }

        @Override
        protected WebhookEndpointStore endpoints() {
            return postgres.webhookEndpoints();
        }

        @Override
        protected Transactions transactions() {
            return postgres.transactions();
        }
    }

    /** A subscription row for {@code subscription} of {@code customer}, for fixtures whose invoices reference it. */
    private static void insertSubscription(io.billkit.domain.customer.Customer customer,
                                           io.billkit.domain.subscription.SubscriptionId subscription) {
        TestDatabase.owner().useHandle(h -> h.createUpdate("""
                        INSERT INTO subscriptions (id, customer_id, plan_code, status, anchor_date, billing_interval,
                            time_zone, period_index, period_start, period_end, period_end_at, cancel_at_period_end,
                            created_at, version)
                        VALUES (:id, :customer, 'growth', 'ACTIVE', DATE '2026-01-01', 'MONTH', 'Europe/Berlin', 0,
                            DATE '2026-01-01', DATE '2026-02-01', TIMESTAMPTZ '2026-01-31T23:00:00Z', false,
                            TIMESTAMPTZ '2026-01-01T00:00:00Z', 0)""")
                .bind("id", subscription.value())
                .bind("customer", customer.id().value())
                .execute());
    }
}
