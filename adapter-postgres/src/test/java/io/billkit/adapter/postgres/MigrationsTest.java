package io.billkit.adapter.postgres;

import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Flyway migrations on an empty database, over an external URL, and the embedded server's persistence. */
class MigrationsTest {
    private static final String CHECK_DATABASE = "billkit_migration_check";

    @Test
    void migration_scripts_are_named_V_n__what_sql() throws Exception {
        assertThat(migrationScripts()).isNotEmpty().allMatch(name -> name.matches("V[1-9][0-9]*(_[1-9][0-9]*)?__[a-z0-9_]+\\.sql"));
    }

    @Test
    void migrations_apply_to_an_empty_database_validate_and_apply_nothing_the_second_time() throws Exception {
        TestDatabase.owner().useHandle(h -> {
            h.execute("DROP DATABASE IF EXISTS " + CHECK_DATABASE + " WITH (FORCE)");
            h.execute("CREATE DATABASE " + CHECK_DATABASE);
        });
        String url = "postgresql://postgres@localhost:" + embeddedPort() + "/" + CHECK_DATABASE + "?sslmode=disable";
        try (PostgresDatabase fresh = PostgresDatabase.start(PostgresConfig.external(url).withMaxPoolSize(2))) {
            assertThat(fresh.migrationsApplied()).isEqualTo(migrationScripts().size());

            Flyway flyway = Migrations.flyway(DatabaseUrl.parse(url));
            flyway.validate();
            assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
            assertThat(flyway.migrate().migrationsExecuted).isZero();
            assertThat(flyway.info().pending()).isEmpty();

            List<String> tables = Jdbi(fresh).withHandle(h -> h.createQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").mapTo(String.class).list());
            assertThat(tables).contains("customers", "provider_references", "billing_audit", "billing_idempotency",
                    "stripe_webhook_events", "events", "quota_counters", "api_keys", "usage_alerts", "usage_events",
                    "usage_daily_rollups", "subscriptions", "credit_grants", "credit_transactions", "invoices",
                    "invoice_lines", "invoice_number_sequences", "reconciliation_runs", "webhook_endpoints",
                    "webhook_deliveries", "plans", "catalog_snapshots", "closed_periods", "pending_charges",
                    "credit_ledgers", "reconciliation_findings", "provider_event_cursors");

            new PostgresAdapter(fresh).customers().save(Customer.of(CustomerId.of("cus_url"), "Via URL", "u@example.com"));
            assertThat(new PostgresAdapter(fresh).customers().find(CustomerId.of("cus_url"))).isPresent();
        }
        try (PostgresDatabase again = PostgresDatabase.start(PostgresConfig.external(url).withMaxPoolSize(1))) {
            assertThat(again.migrationsApplied()).isZero();
        }
        TestDatabase.owner().useHandle(h -> h.execute("DROP DATABASE " + CHECK_DATABASE + " WITH (FORCE)"));
    }

    @Test
    void the_baseline_refuses_orphan_invoices_charges_and_credit_transactions_and_malformed_currencies() {
        TestDatabase.truncateAll();
        TestDatabase.owner().useHandle(h -> {
            h.execute("""
                    INSERT INTO subscriptions (id, customer_id, plan_code, status, anchor_date, billing_interval, time_zone,
                        period_index, period_start, period_end, period_end_at, cancel_at_period_end, created_at, version)
                    VALUES ('sub_fk', 'cus_fk', 'growth', 'ACTIVE', DATE '2026-01-01', 'MONTH', 'UTC', 0,
                        DATE '2026-01-01', DATE '2026-02-01', TIMESTAMPTZ '2026-02-01T00:00:00Z', false, now(), 0)""");
            h.execute("""
                    INSERT INTO credit_grants (customer_id, id, position, source, amount, remaining, granted_at, priority)
                    VALUES ('cus_fk', 'grant_fk', 0, 'PURCHASED', 10, 10, now(), 0)""");
        });
        String invoice = "INSERT INTO invoices (id, customer_id, subscription_id, status, currency, period_start, period_end,"
                + " tax_rate, payment_terms_days, subtotal, credits, tax, total) VALUES ('inv_%s', 'cus_fk', '%s', 'DRAFT',"
                + " '%s', DATE '2026-01-01', DATE '2026-02-01', 0, 30, 0, 0, 0, 0)";
        String charge = "INSERT INTO pending_charges (id, subscription_id, customer_id, kind, description, amount, currency,"
                + " created_at) VALUES ('pc_%s', '%s', 'cus_fk', 'ADJUSTMENT', 'x', 1, '%s', now())";
        String transaction = "INSERT INTO credit_transactions (id, customer_id, type, amount, grant_id, occurred_at)"
                + " VALUES ('ct_%s', '%s', 'DEBIT', -1, %s, now())";

        assertThat(refusal(String.format(invoice, "ok", "sub_fk", "USD"))).isNull();
        assertThat(refusal(String.format(charge, "ok", "sub_fk", "EUR"))).isNull();
        assertThat(refusal(String.format(transaction, "ok", "cus_fk", "'grant_fk'"))).isNull();
        assertThat(refusal(String.format(transaction, "none", "cus_fk", "NULL"))).as("no grant: allowed").isNull();

        assertThat(refusal(String.format(invoice, "orphan", "sub_missing", "USD"))).contains("invoices_subscription_id_fkey");
        assertThat(refusal(String.format(charge, "orphan", "sub_missing", "USD"))).contains("pending_charges_subscription_id_fkey");
        assertThat(refusal(String.format(transaction, "orphan", "cus_fk", "'grant_missing'")))
                .contains("credit_transactions_grant_fkey");
        assertThat(refusal(String.format(transaction, "other", "cus_other", "'grant_fk'")))
                .as("another customer's grant").contains("credit_transactions_grant_fkey");
        for (String currency : List.of("usd", "US", "USDX", "")) {
            assertThat(refusal(String.format(invoice, "cur" + currency, "sub_fk", currency)))
                    .as(currency).contains("invoices_currency_check");
        }
        assertThat(refusal(String.format(charge, "cur", "sub_fk", "eur"))).contains("pending_charges_currency_check");
        TestDatabase.truncateAll();
    }

    /** The constraint violation message of {@code sql}, or null when it was accepted. */
    private static String refusal(String sql) {
        try {
            TestDatabase.owner().useHandle(h -> h.execute(sql));
            return null;
        } catch (org.jdbi.v3.core.statement.UnableToExecuteStatementException e) {
            return e.getMessage();
        }
    }

    @Test
    void an_embedded_server_keeps_its_data_between_runs() {
        Path dir = TestDatabase.temporaryDirectory("billkit-pg-persist");
        try {
            try (PostgresDatabase first = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(2))) {
                assertThat(first.migrationsApplied()).isPositive();
                new PostgresAdapter(first).customers()
                        .save(Customer.of(CustomerId.of("cus_kept"), "Kept Ltd", "kept@example.com"));
            }
            try (PostgresDatabase second = PostgresDatabase.start(PostgresConfig.embedded(dir).withMaxPoolSize(2))) {
                assertThat(second.migrationsApplied()).isZero();
                assertThat(new PostgresAdapter(second).customers().find(CustomerId.of("cus_kept")))
                        .map(Customer::name).contains("Kept Ltd");
            }
        } finally {
            TestDatabase.deleteRecursively(dir);
        }
    }

    private static org.jdbi.v3.core.Jdbi Jdbi(PostgresDatabase database) {
        return database.jdbi();
    }

    private static int embeddedPort() {
        Matcher m = Pattern.compile("//localhost:(\\d+)/").matcher(TestDatabase.database().ownerUrl().jdbcUrl());
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<String> migrationScripts() throws IOException, URISyntaxException {
        Path dir = Path.of(MigrationsTest.class.getClassLoader().getResource("db/migration").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
