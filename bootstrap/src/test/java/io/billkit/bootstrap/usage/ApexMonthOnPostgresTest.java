package io.billkit.bootstrap.usage;

import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.scenario.ApexMonthScenarioTest;
import org.junit.jupiter.api.AfterAll;

import java.nio.file.Path;

/**
 * The apex month ({@link ApexMonthScenarioTest}, its assertions unchanged: the invoice to the cent) with every
 * store on PostgreSQL, the reference for {@link ApexMonthOnClickHouseTest}.
 */
class ApexMonthOnPostgresTest extends ApexMonthScenarioTest {
    private static Path dir;
    private static PostgresDatabase database;

    @Override
    protected BillingPorts ports(MockPaymentProvider provider) {
        return postgres().billingPorts(provider, new PlainTextInvoiceRenderer(), new RecordingWebhookSender());
    }

    static synchronized PostgresAdapter postgres() {
        if (database == null) {
            dir = UsageStoreFixtures.temporaryDirectory("billkit-apex-pg");
            database = UsageStoreFixtures.embeddedPostgres(dir);
        }
        return new PostgresAdapter(database);
    }

    @AfterAll
    static void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
        UsageStoreFixtures.deleteRecursively(dir);
    }
}
