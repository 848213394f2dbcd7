package io.billkit.application.assembly;

import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.InvoiceRenderer;
import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.TaxCalculator;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.application.port.out.WebhookDeliveryObserver;
import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.application.port.out.UsageThresholdStore;
import io.billkit.application.port.out.WebhookSender;
import io.billkit.application.port.out.provider.PaymentProvider;

import java.util.Objects;

/**
 * Every driven port BillKit's use cases need, in one place: the stores (all sharing one
 * {@link Transactions}, the dunning cases included), the payment provider, the invoice renderer, the outbound webhook sender
 * and the credit notes' ports ({@link CreditNotePorts}).
 * Bootstrap fills it with the PostgreSQL, Stripe, PDF and HTTP adapters; {@link InMemoryBillingPorts} fills it for tests and embedding.
 */
public record BillingPorts(Transactions transactions, CustomerStore customers, SubscriptionStore subscriptions,
                           UsageEventStore usageEvents, QuotaCounters quotaCounters, PeriodCloseGuard periodCloseGuard,
                           UsageAlertStore usageAlerts, CreditLedgerStore creditLedgers, PendingChargeStore pendingCharges,
                           InvoiceStore invoices, ReconciliationRunStore reconciliationRuns, IdempotencyStore idempotency,
                           ProviderEventInbox providerEventInbox, ProviderEventCursor providerEventCursor,
                           InvoicePaymentFailures invoicePaymentFailures,
                           ProviderReferenceStore providerReferences, Outbox outbox, AuditLog auditLog, ApiKeyStore apiKeys,
                           PaymentProvider paymentProvider, InvoiceRenderer invoiceRenderer,
                           WebhookEndpointStore webhookEndpoints, WebhookDeliveryStore webhookDeliveries,
                           WebhookSender webhookSender, CouponStore coupons, CouponRedemptionStore couponRedemptions,
                           WebhookDeliveryObserver webhookObserver, LowBalanceThresholdStore lowBalanceThresholds,
                           DunningStore dunning,
                           TaxCalculator taxCalculator, CreditNotePorts creditNotes,
                           UsageThresholdStore usageThresholds) {
    public BillingPorts {
        Objects.requireNonNull(usageThresholds, "usageThresholds");
        Objects.requireNonNull(taxCalculator, "taxCalculator");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(subscriptions, "subscriptions");
        Objects.requireNonNull(usageEvents, "usageEvents");
        Objects.requireNonNull(quotaCounters, "quotaCounters");
        Objects.requireNonNull(periodCloseGuard, "periodCloseGuard");
        Objects.requireNonNull(usageAlerts, "usageAlerts");
        Objects.requireNonNull(creditLedgers, "creditLedgers");
        Objects.requireNonNull(pendingCharges, "pendingCharges");
        Objects.requireNonNull(invoices, "invoices");
        Objects.requireNonNull(reconciliationRuns, "reconciliationRuns");
        Objects.requireNonNull(idempotency, "idempotency");
        Objects.requireNonNull(providerEventInbox, "providerEventInbox");
        Objects.requireNonNull(providerEventCursor, "providerEventCursor");
        Objects.requireNonNull(invoicePaymentFailures, "invoicePaymentFailures");
        Objects.requireNonNull(providerReferences, "providerReferences");
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(auditLog, "auditLog");
        Objects.requireNonNull(apiKeys, "apiKeys");
        Objects.requireNonNull(paymentProvider, "paymentProvider");
        Objects.requireNonNull(invoiceRenderer, "invoiceRenderer");
        Objects.requireNonNull(webhookEndpoints, "webhookEndpoints");
        Objects.requireNonNull(webhookDeliveries, "webhookDeliveries");
        Objects.requireNonNull(webhookSender, "webhookSender");
        Objects.requireNonNull(coupons, "coupons");
        Objects.requireNonNull(couponRedemptions, "couponRedemptions");
        Objects.requireNonNull(webhookObserver, "webhookObserver");
        Objects.requireNonNull(lowBalanceThresholds, "lowBalanceThresholds");
        Objects.requireNonNull(dunning, "dunning");
        Objects.requireNonNull(creditNotes, "creditNotes");
    }

    /** The ports taxing invoices at each customer's flat rate ({@link TaxCalculator#customerRate()}). */
    public BillingPorts(Transactions transactions, CustomerStore customers, SubscriptionStore subscriptions,
                        UsageEventStore usageEvents, QuotaCounters quotaCounters, PeriodCloseGuard periodCloseGuard,
                        UsageAlertStore usageAlerts, CreditLedgerStore creditLedgers, PendingChargeStore pendingCharges,
                        InvoiceStore invoices, ReconciliationRunStore reconciliationRuns, IdempotencyStore idempotency,
                        ProviderEventInbox providerEventInbox, ProviderEventCursor providerEventCursor,
                        InvoicePaymentFailures invoicePaymentFailures,
                        ProviderReferenceStore providerReferences, Outbox outbox, AuditLog auditLog, ApiKeyStore apiKeys,
                        PaymentProvider paymentProvider, InvoiceRenderer invoiceRenderer,
                        WebhookEndpointStore webhookEndpoints, WebhookDeliveryStore webhookDeliveries,
                        WebhookSender webhookSender, CouponStore coupons, CouponRedemptionStore couponRedemptions,
                        WebhookDeliveryObserver webhookObserver, LowBalanceThresholdStore lowBalanceThresholds,
                        DunningStore dunning, CreditNotePorts creditNotes) {
        this(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard, usageAlerts,
                creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider,
                invoiceRenderer, webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions,
                webhookObserver, lowBalanceThresholds, dunning, TaxCalculator.customerRate(), creditNotes,
                UsageThresholdStore.none());
    }

    /** The ports without progressive billing thresholds ({@link UsageThresholdStore#none()}). */
    public BillingPorts(Transactions transactions, CustomerStore customers, SubscriptionStore subscriptions,
                        UsageEventStore usageEvents, QuotaCounters quotaCounters, PeriodCloseGuard periodCloseGuard,
                        UsageAlertStore usageAlerts, CreditLedgerStore creditLedgers, PendingChargeStore pendingCharges,
                        InvoiceStore invoices, ReconciliationRunStore reconciliationRuns, IdempotencyStore idempotency,
                        ProviderEventInbox providerEventInbox, ProviderEventCursor providerEventCursor,
                        InvoicePaymentFailures invoicePaymentFailures,
                        ProviderReferenceStore providerReferences, Outbox outbox, AuditLog auditLog, ApiKeyStore apiKeys,
                        PaymentProvider paymentProvider, InvoiceRenderer invoiceRenderer,
                        WebhookEndpointStore webhookEndpoints, WebhookDeliveryStore webhookDeliveries,
                        WebhookSender webhookSender, CouponStore coupons, CouponRedemptionStore couponRedemptions,
                        WebhookDeliveryObserver webhookObserver, LowBalanceThresholdStore lowBalanceThresholds,
                        DunningStore dunning, TaxCalculator taxCalculator, CreditNotePorts creditNotes) {
        this(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard, usageAlerts,
                creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider,
                invoiceRenderer, webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions,
                webhookObserver, lowBalanceThresholds, dunning, taxCalculator, creditNotes, UsageThresholdStore.none());
    }

    /** The same ports with another store of progressive billing thresholds. */
    public BillingPorts withUsageThresholds(UsageThresholdStore store) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider,
                invoiceRenderer, webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions,
                webhookObserver, lowBalanceThresholds, dunning, taxCalculator, creditNotes, store);
    }

    /** The same ports with another tax calculator (the built-in one, or another implementation). */
    public BillingPorts withTaxCalculator(TaxCalculator calculator) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider,
                invoiceRenderer, webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions,
                webhookObserver, lowBalanceThresholds, dunning, calculator, creditNotes, usageThresholds);
    }

    /** The same ports with another payment provider. */
    public BillingPorts withPaymentProvider(PaymentProvider provider) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, provider, invoiceRenderer,
                webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions, webhookObserver,
                lowBalanceThresholds, dunning, taxCalculator, creditNotes, usageThresholds);
    }

    /**
     * The same ports with another usage event store and the unit of work it needs (e.g. an
     * {@code EventLogUsageStore} and its {@code transactions()}).
     */
    public BillingPorts withUsageEvents(UsageEventStore store, Transactions unitOfWork) {
        return new BillingPorts(unitOfWork, customers, subscriptions, store, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider, invoiceRenderer,
                webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions, webhookObserver,
                lowBalanceThresholds, dunning, taxCalculator, creditNotes, usageThresholds);
    }

    /** The same ports with another invoice renderer. */
    public BillingPorts withInvoiceRenderer(InvoiceRenderer renderer) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider, renderer,
                webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions, webhookObserver,
                lowBalanceThresholds, dunning, taxCalculator, creditNotes, usageThresholds);
    }

    /** The same ports with an observer of outbound webhook deliveries (metrics). */
    public BillingPorts withWebhookObserver(WebhookDeliveryObserver observer) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider, invoiceRenderer,
                webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions, observer,
                lowBalanceThresholds, dunning, taxCalculator, creditNotes, usageThresholds);
    }

    /** The same ports with another outbound webhook sender. */
    public BillingPorts withWebhookSender(WebhookSender sender) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider, invoiceRenderer,
                webhookEndpoints, webhookDeliveries, sender, coupons, couponRedemptions, webhookObserver,
                lowBalanceThresholds, dunning, taxCalculator, creditNotes, usageThresholds);
    }

    /** The same ports with another outbox (e.g. one that also counts what is appended). */
    public BillingPorts withOutbox(Outbox events) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, events, auditLog, apiKeys, paymentProvider,
                invoiceRenderer, webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions, webhookObserver,
                lowBalanceThresholds, dunning, taxCalculator, creditNotes, usageThresholds);
    }

    /** The same ports with another credit note renderer. */
    public BillingPorts withCreditNoteRenderer(io.billkit.application.port.out.CreditNoteRenderer renderer) {
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, paymentProvider,
                invoiceRenderer, webhookEndpoints, webhookDeliveries, webhookSender, coupons, couponRedemptions, webhookObserver,
                lowBalanceThresholds, dunning, taxCalculator,
                new CreditNotePorts(creditNotes.notes(), creditNotes.balances(), renderer), usageThresholds);
    }
}
