package io.billkit.bootstrap;

import io.billkit.adapter.http.AiUseCases;
import io.billkit.adapter.http.HttpUseCases;
import io.billkit.application.assembly.AiGovernanceServices;
import io.billkit.application.assembly.BillingServices;

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

    static HttpUseCases useCases(BillingServices s) {
        return new HttpUseCases(s.catalog(), s.recordUsage(), s.checkQuota(), s.consumeQuota(), s.currentUsage(),
                s.usageHistory(), s.listInvoices(), s.invoice(), s.renderInvoicePdf(), s.subscription(), s.subscribe(),
                s.startCheckout(), s.openCustomerPortal(), s.changePlan(), s.cancelSubscription(),
                s.resumeSubscription(), s.creditBalance(), s.consumeCredits(), s.billingSummary(), s.auditTrail(),
                s.closePeriod(), s.reconcile(), s.reconciliationHistory(), s.upsertCustomer(), s.handleProviderEvent(),
                s.registerWebhookEndpoint(), s.webhookEndpoints(), s.listCustomers(), s.grantCredits(),
                s.webhookDeliveryLog(), s.redeliverWebhook(), new HttpUseCases.Coupons(s.coupons().create(),
                        s.coupons().list(), s.coupons().apply(), s.coupons().remove(), s.coupons().discounts()),
                new io.billkit.adapter.http.CreditNoteUseCases(s.issueCreditNote(), s.retryCreditNoteRefund(),
                        s.creditNotes(), s.creditNote(), s.renderCreditNotePdf(), s.customerBalance()));
    }
}
