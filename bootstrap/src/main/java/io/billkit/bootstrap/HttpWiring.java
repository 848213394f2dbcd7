package io.billkit.bootstrap;

import io.billkit.adapter.http.AiUseCases;
import io.billkit.adapter.http.CreditNoteUseCases;
import io.billkit.adapter.http.HttpUseCases;
import io.billkit.application.assembly.AiGovernanceServices;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.quota.ConsumeQuotaUseCase;
import io.billkit.application.port.in.usage.RecordUsageUseCase;
import io.billkit.bootstrap.metrics.BusinessMetrics;
import io.billkit.bootstrap.metrics.MeteredQuota;
import io.billkit.bootstrap.metrics.MeteredRecordUsage;

/**
 * Hands the HTTP adapter the use cases it calls, as interfaces: the adapter never sees {@link BillingServices}
 * (the assembly) nor a service class.
 */
final class HttpWiring {
    private HttpWiring() {
    }

    static AiUseCases aiUseCases(AiGovernanceServices ai) {
        return new AiUseCases(ai.setGovernance(), ai.governance(), ai.checkAiRequest(), ai.settleAiRequest(),
                ai.usageStatistics(), ai.quotaPrediction(), ai.usageSnapshots());
    }

    /**
     * As {@link #useCases(BillingServices)}, with usage recording and quota decisions counted in {@code metrics},
     * and {@code closePeriod} (the metered one the scheduler also runs) in place of the plain use case.
     */
    static HttpUseCases useCases(BillingServices s, BusinessMetrics metrics, ClosePeriodUseCase closePeriod) {
        return useCases(s, new MeteredRecordUsage(s.recordUsage(), metrics), MeteredQuota.check(s.checkQuota(), metrics),
                MeteredQuota.consume(s.consumeQuota(), metrics), closePeriod);
    }

    static HttpUseCases useCases(BillingServices s) {
        return useCases(s, s.recordUsage(), s.checkQuota(), s.consumeQuota(), s.closePeriod());
    }

    private static HttpUseCases useCases(BillingServices s, RecordUsageUseCase recordUsage, CheckQuotaUseCase checkQuota,
                                         ConsumeQuotaUseCase consumeQuota, ClosePeriodUseCase closePeriod) {
        return new HttpUseCases(s.catalog(), recordUsage, checkQuota, consumeQuota,
                s.currentUsage(), s.usageHistory(), s.listInvoices(), s.invoice(), s.renderInvoicePdf(), s.subscription(),
                s.subscribe(), s.startCheckout(), s.openCustomerPortal(), s.changePlan(), s.cancelSubscription(),
                s.resumeSubscription(), s.creditBalance(), s.consumeCredits(), s.billingSummary(), s.auditTrail(),
                closePeriod, s.reconcile(), s.reconciliationHistory(), s.upsertCustomer(), s.handleProviderEvent(),
                s.registerWebhookEndpoint(), s.webhookEndpoints(), s.listCustomers(), s.grantCredits(),
                s.webhookDeliveryLog(), s.redeliverWebhook(), s.enableWebhookEndpoint(), s.setLowBalanceThreshold(),
                s.lowBalanceThreshold(), s.dunning(), s.retryPaymentNow(), s.stopDunning(), coupons(s), creditNotes(s),
                new HttpUseCases.UsageThresholds(s.setUsageThresholds(), s.usageThresholds()));
    }

    private static HttpUseCases.Coupons coupons(BillingServices s) {
        return new HttpUseCases.Coupons(s.coupons().create(), s.coupons().list(), s.coupons().apply(),
                s.coupons().remove(), s.coupons().discounts());
    }

    private static CreditNoteUseCases creditNotes(BillingServices s) {
        return new CreditNoteUseCases(s.issueCreditNote(), s.retryCreditNoteRefund(), s.creditNotes(), s.creditNote(),
                s.renderCreditNotePdf(), s.customerBalance());
    }
}
