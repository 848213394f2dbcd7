package io.billkit.adapter.postgres;

import io.billkit.application.assembly.AiGovernancePorts;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.contract.AiGovernanceContract;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;

import java.time.Clock;

/**
 * AI cost governance on PostgreSQL (tables emptied first): the same contract, including 50 concurrent checks
 * against one budget on 50 threads (they queue on the pool and on the customer's governance row lock).
 */
class PostgresAiGovernanceTest extends AiGovernanceContract {
    private final PostgresAdapter postgres = TestDatabase.adapter();

    @Override
    protected BillingPorts newPorts(Clock clock) {
        TestDatabase.truncateAll();
        return postgres.billingPorts(new MockPaymentProvider(clock), new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender());
    }

    @Override
    protected AiGovernancePorts aiPorts(BillingPorts ports) {
        return postgres.aiGovernancePorts();
    }
}
