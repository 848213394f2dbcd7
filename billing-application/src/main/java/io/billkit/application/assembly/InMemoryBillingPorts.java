package io.billkit.application.assembly;

import io.billkit.application.inmemory.InMemoryApiKeyStore;
import io.billkit.application.inmemory.InMemoryAuditLog;
import io.billkit.application.inmemory.InMemoryCreditLedgerStore;
import io.billkit.application.inmemory.InMemoryCreditNoteStore;
import io.billkit.application.inmemory.InMemoryCustomerBalanceStore;
import io.billkit.application.inmemory.InMemoryCustomerStore;
import io.billkit.application.inmemory.InMemoryIdempotencyStore;
import io.billkit.application.inmemory.InMemoryInvoiceStore;
import io.billkit.application.inmemory.InMemoryOutbox;
import io.billkit.application.inmemory.InMemoryPendingChargeStore;
import io.billkit.application.inmemory.InMemoryPeriodCloseGuard;
import io.billkit.application.inmemory.InMemoryInvoicePaymentFailures;
import io.billkit.application.inmemory.InMemoryProviderEventCursor;
import io.billkit.application.inmemory.InMemoryProviderEventInbox;
import io.billkit.application.inmemory.InMemoryProviderReferenceStore;
import io.billkit.application.inmemory.InMemoryQuotaCounters;
import io.billkit.application.inmemory.InMemoryReconciliationRunStore;
import io.billkit.application.inmemory.InMemorySubscriptionStore;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.inmemory.InMemoryUsageAlertStore;
import io.billkit.application.inmemory.InMemoryUsageEventStore;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.InMemoryWebhookDeliveryStore;
import io.billkit.application.inmemory.InMemoryLowBalanceThresholdStore;
import io.billkit.application.inmemory.InMemoryWebhookEndpointStore;
import io.billkit.application.inmemory.InMemoryCouponRedemptionStore;
import io.billkit.application.inmemory.InMemoryCouponStore;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.port.out.provider.PaymentProvider;

import java.time.Clock;

/**
 * {@link BillingPorts} made of the in-memory stores (one shared {@link InMemoryTransactions}), a payment
 * provider of your choice ({@link MockPaymentProvider} by default), a plain-text invoice renderer and a
 * {@link RecordingWebhookSender} (sends nothing; swap it with {@code withWebhookSender}): the
 * way to test a billing flow without a database or a network.
 */
public final class InMemoryBillingPorts {
    private InMemoryBillingPorts() {
    }

    /** In-memory stores and a fresh {@link MockPaymentProvider} on {@code clock}. */
    public static BillingPorts create(Clock clock) {
        return create(new MockPaymentProvider(clock));
    }

    /** In-memory stores with {@code provider}. */
    public static BillingPorts create(PaymentProvider provider) {
        InMemoryTransactions tx = new InMemoryTransactions();
        InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore(tx);
        return new BillingPorts(tx, new InMemoryCustomerStore(tx), subscriptions,
                new InMemoryUsageEventStore(tx), new InMemoryQuotaCounters(tx), new InMemoryPeriodCloseGuard(tx),
                new InMemoryUsageAlertStore(tx), new InMemoryCreditLedgerStore(tx), new InMemoryPendingChargeStore(tx),
                new InMemoryInvoiceStore(tx), new InMemoryReconciliationRunStore(tx), new InMemoryIdempotencyStore(tx),
                new InMemoryProviderEventInbox(tx), new InMemoryProviderEventCursor(tx), new InMemoryInvoicePaymentFailures(tx),
                new InMemoryProviderReferenceStore(tx), new InMemoryOutbox(tx), new InMemoryAuditLog(tx),
                new InMemoryApiKeyStore(tx), provider, new PlainTextInvoiceRenderer(),
                new InMemoryWebhookEndpointStore(tx), new InMemoryWebhookDeliveryStore(tx), new RecordingWebhookSender(),
                new InMemoryCouponStore(tx), new InMemoryCouponRedemptionStore(tx),
                io.billkit.application.port.out.WebhookDeliveryObserver.NONE, new InMemoryLowBalanceThresholdStore(tx),
                new io.billkit.application.inmemory.InMemoryDunningStore(tx),
                new CreditNotePorts(new InMemoryCreditNoteStore(tx), new InMemoryCustomerBalanceStore(tx),
                        new PlainTextInvoiceRenderer()))
                .withUsageThresholds(new io.billkit.application.inmemory.InMemoryUsageThresholdStore(tx, subscriptions));
    }
}
