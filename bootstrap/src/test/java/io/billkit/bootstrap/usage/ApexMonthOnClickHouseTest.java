package io.billkit.bootstrap.usage;

import io.billkit.adapter.clickhouse.ClickHouse;
import io.billkit.adapter.postgres.PostgresAdapter;
import io.billkit.adapter.postgres.PostgresDatabase;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.scenario.ApexMonthScenarioTest;
import io.billkit.application.usagelog.EventLogUsageStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;

/**
 * The apex month ({@link ApexMonthScenarioTest}, its assertions unchanged) with usage events in a real ClickHouse
 * and event-id claims, quota counters and money in PostgreSQL, wired as {@code USAGE_STORE=clickhouse} wires it:
 * the same invoice to the cent as {@link ApexMonthOnPostgresTest} and the in-memory run (the late event, the
 * replayed day answered DUPLICATE, the grace-hour usage and the DST-shifted period end included).
 */
class ApexMonthOnClickHouseTest extends ApexMonthScenarioTest {
    private static Path dir;
    private static PostgresDatabase database;
    private static ClickHouse clickHouse;

    @BeforeAll
    static void servers() {
        UsageStoreFixtures.requireClickHouse();
        dir = UsageStoreFixtures.temporaryDirectory("billkit-apex-ch");
        database = UsageStoreFixtures.embeddedPostgres(dir);
        clickHouse = UsageStoreFixtures.freshClickHouse();
    }

    @Override
    protected BillingPorts ports(MockPaymentProvider provider) {
        PostgresAdapter postgres = new PostgresAdapter(database);
        EventLogUsageStore events = UsageStoreFixtures.eventLog(postgres, clickHouse);
        return postgres.billingPorts(provider, new PlainTextInvoiceRenderer(), new RecordingWebhookSender())
                .withUsageEvents(events, events.transactions());
    }

    @AfterAll
    static void stop() {
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (database != null) {
            database.close();
        }
        UsageStoreFixtures.deleteRecursively(dir);
    }
}
