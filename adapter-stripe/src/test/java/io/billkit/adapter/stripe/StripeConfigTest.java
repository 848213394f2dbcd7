package io.billkit.adapter.stripe;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeConfigTest {

    private static final Map<PlanCode, String> PRICES = Map.of(PlanCode.of("starter"), "price_starter", PlanCode.of("growth"), "price_growth");

    @Test
    void defaults_point_at_stripe_with_timeouts_that_bound_a_request_thread_during_an_outage() {
        StripeConfig config = StripeConfig.of("sk_test_123456789", PRICES, Map.of(SeedCatalogs.API_CALLS, "mtr_api"));
        assertThat(config.apiBase()).isEqualTo("https://api.stripe.com");
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxNetworkRetries()).isEqualTo(2);
    }

    @Test
    void plans_and_prices_map_both_ways() {
        StripeConfig config = StripeConfig.of("sk_test_123456789", PRICES, Map.of());
        assertThat(config.priceFor(PlanCode.of("growth"))).isEqualTo("price_growth");
        assertThat(config.planForPrice("price_starter")).contains(PlanCode.of("starter"));
        assertThat(config.planForPrice("price_other")).isEmpty();
    }

    @Test
    void an_unmapped_plan_or_meter_names_itself() {
        StripeConfig config = StripeConfig.of("sk_test_123456789", PRICES, Map.of());
        assertThatThrownBy(() -> config.priceFor(PlanCode.of("scale")))
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.UNKNOWN_PLAN))
                .hasMessageContaining("scale");
        assertThatThrownBy(() -> config.meterIdFor(MeterKey.of("impressions")))
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.UNKNOWN_METER))
                .hasMessageContaining("impressions");
    }

    @Test
    void one_price_for_two_plans_is_refused_because_webhooks_could_not_tell_them_apart() {
        assertThatThrownBy(() -> StripeConfig.of("sk_test_123456789",
                Map.of(PlanCode.of("starter"), "price_same", PlanCode.of("growth"), "price_same"), Map.of()))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("price_same");
    }

    @Test
    void to_string_never_shows_the_api_key() {
        StripeConfig config = StripeConfig.of("sk_live_supersecretvalue", PRICES, Map.of());
        assertThat(config.toString()).doesNotContain("supersecretvalue").contains("sk_live_****");
    }

    @Test
    void network_settings_are_validated() {
        StripeConfig config = StripeConfig.of("sk_test_123456789", PRICES, Map.of());
        assertThatThrownBy(() -> config.withNetwork(Duration.ZERO, Duration.ofSeconds(1), 1)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> config.withNetwork(Duration.ofSeconds(1), Duration.ofSeconds(1), 11)).hasMessageContaining("maxNetworkRetries");
        assertThatThrownBy(() -> config.withApiBase("ftp://example.com")).hasMessageContaining("http");
        assertThat(config.withApiBase("http://127.0.0.1:1234/").apiBase()).isEqualTo("http://127.0.0.1:1234");
    }
}
