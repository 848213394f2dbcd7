package io.billkit.adapter.postgres;

import io.billkit.application.assembly.AiGovernancePorts;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.contract.AiGovernanceContract;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import java.time.Duration;

/**
 * AI cost governance on PostgreSQL (tables emptied first): the same contract, including 50 concurrent checks
 * against one budget on 50 threads. They run on a pool of their own with a connection for every thread and a
 * generous wait, so on a loaded machine they queue on the customer's governance row lock, never time out on the pool.
 */
class PostgresAiGovernanceTest extends AiGovernanceContract {
    private static PostgresDatabase pool;
    private static PostgresAdapter postgres;

    @BeforeAll
    static void openPool() {
        pool = PostgresDatabase.start(PostgresConfig.external(TestDatabase.sameDatabaseUrl()).withMaxPoolSize(52)
                .withConnectionTimeout(Duration.ofSeconds(60)));
        postgres = new PostgresAdapter(pool);
    }

    @AfterAll
    static void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

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
