package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.scenario.CreditNotesScenarioTest;

/** {@link CreditNotesScenarioTest} (its assertions unchanged, to the cent) with every store on PostgreSQL. */
class CreditNotesScenarioOnPostgresTest extends CreditNotesScenarioTest {

    @Override
    protected BillingPorts ports(MockPaymentProvider provider) {
        TestDatabase.truncateAll();
        return TestDatabase.adapter().billingPorts(provider, new PlainTextInvoiceRenderer(), new RecordingWebhookSender());
    }
}
