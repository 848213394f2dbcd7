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
}
