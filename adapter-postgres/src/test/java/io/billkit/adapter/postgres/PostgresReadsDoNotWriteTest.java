package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A GET never writes (issue 11): reading the credit balance and the billing summary at the first instant of a
 * new period, before period close ran, shows the new period's credits and the old period's expiry, and leaves
 * every table of the database as it was (row counts and a digest of every row, the audit log among them).
 */
class PostgresReadsDoNotWriteTest {
    private static final Actor ACTOR = Actor.of("reads-test");

    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void reading_credits_and_the_summary_in_a_new_period_before_its_close_changes_no_row() {
        BillingServices billing = new BillingServices(postgres.billingPorts(provider, new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender()), SeedCatalogs.credits(), clock, BillingSettings.defaults());
        CustomerId customer = CustomerId.of("cus_reader");
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(customer, "Reader", "reader@example.com"), ACTOR));
        billing.subscribe().subscribe(new SubscribeCommand(customer, PlanCode.of("monthly"), ACTOR));
        clock.set(Instant.parse("2026-02-01T00:00:30Z")); // February has started; its close runs after the grace
        Map<String, String> before = fingerprint();
        assertThat(before.get("billing_audit")).doesNotStartWith("0 ");
        assertThat(before.get("credit_grants")).startsWith("1 ");

        CreditBalanceView balance = billing.creditBalance().balance(customer);
        billing.billingSummary().summary(customer);
        billing.creditBalance().balance(customer);

        assertThat(balance.subscription()).as("February's included credits").isEqualByComparingTo("10000");
        assertThat(balance.nextExpiry()).contains(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(fingerprint()).isEqualTo(before);
    }

    /** Per table: its row count and an md5 of all its rows in a stable order. */
    private static Map<String, String> fingerprint() {
        return TestDatabase.owner().withHandle(h -> {
            List<String> tables = h.createQuery("""
                            SELECT quote_ident(tablename) FROM pg_tables
                            WHERE schemaname = current_schema() AND tablename <> 'flyway_schema_history'
                            ORDER BY tablename""")
                    .mapTo(String.class).list();
            Map<String, String> prints = new LinkedHashMap<>();
            for (String table : tables) {
                prints.put(table, h.createQuery("SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, '|'"
                                + " ORDER BY t::text)), '-') FROM " + table + " t")
                        .mapTo(String.class).one());
            }
            return prints;
        });
    }
}
