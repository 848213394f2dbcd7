package io.billkit.adapter.http;

import io.billkit.application.port.in.audit.GetAuditTrailUseCase;
import io.billkit.application.port.in.credit.ConsumeCreditsUseCase;
import io.billkit.application.port.in.credit.GetCreditBalanceUseCase;
import io.billkit.application.port.in.credit.GrantCreditsUseCase;
import io.billkit.application.port.in.customer.ListCustomersUseCase;
import io.billkit.application.port.in.customer.UpsertCustomerUseCase;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.port.in.invoice.GetInvoiceUseCase;
import io.billkit.application.port.in.invoice.ListInvoicesUseCase;
import io.billkit.application.port.in.invoice.RenderInvoicePdfUseCase;
import io.billkit.application.port.in.provider.HandleProviderEventUseCase;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.quota.ConsumeQuotaUseCase;
import io.billkit.application.port.in.reconciliation.GetReconciliationHistoryUseCase;
import io.billkit.application.port.in.reconciliation.ReconcileUseCase;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.in.subscription.ChangePlanUseCase;
import io.billkit.application.port.in.subscription.GetSubscriptionUseCase;
import io.billkit.application.port.in.subscription.OpenCustomerPortalUseCase;
import io.billkit.application.port.in.subscription.ResumeSubscriptionUseCase;
import io.billkit.application.port.in.subscription.StartCheckoutUseCase;
import io.billkit.application.port.in.subscription.SubscribeUseCase;
import io.billkit.application.port.in.summary.GetBillingSummaryUseCase;
import io.billkit.application.port.in.usage.GetCurrentUsageUseCase;
import io.billkit.application.port.in.usage.GetUsageHistoryUseCase;
import io.billkit.application.port.in.usage.RecordUsageUseCase;
import io.billkit.application.port.in.webhook.ListWebhookEndpointsUseCase;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointUseCase;
import io.billkit.domain.catalog.Catalog;

import java.util.Objects;

/**
 * The use cases (driving ports of billing-application) the HTTP API calls, plus the catalog it publishes.
 *
 * <p>The adapter depends on these interfaces only, never on {@code BillingServices} (the assembly) or a
 * service class: bootstrap fills this record from its {@code BillingServices}, tests may pass any
 * implementation. Each route group takes just the use cases it calls.
 */
public record HttpUseCases(
        Catalog catalog,
        RecordUsageUseCase recordUsage,
        CheckQuotaUseCase checkQuota,
        ConsumeQuotaUseCase consumeQuota,
        GetCurrentUsageUseCase currentUsage,
        GetUsageHistoryUseCase usageHistory,
        ListInvoicesUseCase listInvoices,
        GetInvoiceUseCase invoice,
        RenderInvoicePdfUseCase renderInvoicePdf,
        GetSubscriptionUseCase subscription,
        SubscribeUseCase subscribe,
        StartCheckoutUseCase startCheckout,
        OpenCustomerPortalUseCase openCustomerPortal,
        ChangePlanUseCase changePlan,
        CancelSubscriptionUseCase cancelSubscription,
        ResumeSubscriptionUseCase resumeSubscription,
        GetCreditBalanceUseCase creditBalance,
        ConsumeCreditsUseCase consumeCredits,
        GetBillingSummaryUseCase billingSummary,
        GetAuditTrailUseCase auditTrail,
        ClosePeriodUseCase closePeriod,
        ReconcileUseCase reconcile,
        GetReconciliationHistoryUseCase reconciliationHistory,
        UpsertCustomerUseCase upsertCustomer,
        HandleProviderEventUseCase handleProviderEvent,
        RegisterWebhookEndpointUseCase registerWebhookEndpoint,
        ListWebhookEndpointsUseCase webhookEndpoints,
        ListCustomersUseCase listCustomers,
        GrantCreditsUseCase grantCredits,
        io.billkit.application.port.in.webhook.ListWebhookDeliveriesUseCase webhookDeliveryLog,
        io.billkit.application.port.in.webhook.RedeliverWebhookUseCase redeliverWebhook,
        io.billkit.application.port.in.webhook.EnableWebhookEndpointUseCase enableWebhookEndpoint,
        io.billkit.application.port.in.credit.SetLowBalanceThresholdUseCase setLowBalanceThreshold,
        io.billkit.application.port.in.credit.GetLowBalanceThresholdUseCase lowBalanceThreshold,
        io.billkit.application.port.in.dunning.GetDunningUseCase dunning,
        io.billkit.application.port.in.dunning.RetryPaymentNowUseCase retryPaymentNow,
        io.billkit.application.port.in.dunning.StopDunningUseCase stopDunning,
        Coupons coupons,
        CreditNoteUseCases creditNotes,
        UsageThresholds usageThresholds) {

    /** Progressive billing's use cases ({@link UsageThresholdRoutes}). */
    public record UsageThresholds(io.billkit.application.port.in.invoice.SetUsageThresholdsUseCase set,
                                  io.billkit.application.port.in.invoice.GetUsageThresholdsUseCase get) {
        public UsageThresholds {
            Objects.requireNonNull(set, "set");
            Objects.requireNonNull(get, "get");
        }
    }

    /** The coupon use cases ({@link CouponRoutes}). */
    public record Coupons(io.billkit.application.port.in.coupon.CreateCouponUseCase create,
                          io.billkit.application.port.in.coupon.ListCouponsUseCase list,
                          io.billkit.application.port.in.coupon.ApplyCouponUseCase apply,
                          io.billkit.application.port.in.coupon.RemoveCouponUseCase remove,
                          io.billkit.application.port.in.coupon.GetDiscountsUseCase discounts) {
        public Coupons {
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(apply, "apply");
            Objects.requireNonNull(remove, "remove");
            Objects.requireNonNull(discounts, "discounts");
        }
    }

    public HttpUseCases {
        Objects.requireNonNull(usageThresholds, "usageThresholds");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(dunning, "dunning");
        Objects.requireNonNull(retryPaymentNow, "retryPaymentNow");
        Objects.requireNonNull(stopDunning, "stopDunning");
        Objects.requireNonNull(recordUsage, "recordUsage");
        Objects.requireNonNull(checkQuota, "checkQuota");
        Objects.requireNonNull(consumeQuota, "consumeQuota");
        Objects.requireNonNull(currentUsage, "currentUsage");
        Objects.requireNonNull(usageHistory, "usageHistory");
        Objects.requireNonNull(listInvoices, "listInvoices");
        Objects.requireNonNull(invoice, "invoice");
        Objects.requireNonNull(renderInvoicePdf, "renderInvoicePdf");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(subscribe, "subscribe");
        Objects.requireNonNull(startCheckout, "startCheckout");
        Objects.requireNonNull(openCustomerPortal, "openCustomerPortal");
        Objects.requireNonNull(changePlan, "changePlan");
        Objects.requireNonNull(cancelSubscription, "cancelSubscription");
        Objects.requireNonNull(resumeSubscription, "resumeSubscription");
        Objects.requireNonNull(creditBalance, "creditBalance");
        Objects.requireNonNull(consumeCredits, "consumeCredits");
        Objects.requireNonNull(billingSummary, "billingSummary");
        Objects.requireNonNull(auditTrail, "auditTrail");
        Objects.requireNonNull(closePeriod, "closePeriod");
        Objects.requireNonNull(reconcile, "reconcile");
        Objects.requireNonNull(reconciliationHistory, "reconciliationHistory");
        Objects.requireNonNull(upsertCustomer, "upsertCustomer");
        Objects.requireNonNull(handleProviderEvent, "handleProviderEvent");
        Objects.requireNonNull(registerWebhookEndpoint, "registerWebhookEndpoint");
        Objects.requireNonNull(webhookEndpoints, "webhookEndpoints");
        Objects.requireNonNull(webhookDeliveryLog, "webhookDeliveryLog");
        Objects.requireNonNull(redeliverWebhook, "redeliverWebhook");
        Objects.requireNonNull(enableWebhookEndpoint, "enableWebhookEndpoint");
        Objects.requireNonNull(setLowBalanceThreshold, "setLowBalanceThreshold");
        Objects.requireNonNull(lowBalanceThreshold, "lowBalanceThreshold");
        Objects.requireNonNull(listCustomers, "listCustomers");
        Objects.requireNonNull(grantCredits, "grantCredits");
        Objects.requireNonNull(creditNotes, "creditNotes");
        Objects.requireNonNull(coupons, "coupons");
    }
}
