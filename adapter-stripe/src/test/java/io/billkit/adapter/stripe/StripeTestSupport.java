package io.billkit.adapter.stripe;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.assertj.core.api.ThrowableAssert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Shared set-up: the apex seed plans and meters mapped to made-up Stripe ids. */
final class StripeTestSupport {

    static final String API_KEY = "sk_test_billkit_fake";
    static final Map<PlanCode, String> PRICES = Map.of(
            PlanCode.of("starter"), "price_apex_starter",
            PlanCode.of("growth"), "price_apex_growth",
            PlanCode.of("scale"), "price_apex_scale");
    static final Map<MeterKey, String> METERS = Map.of(
            SeedCatalogs.API_CALLS, "mtr_api_calls",
            SeedCatalogs.IMPRESSIONS, "mtr_impressions");
    static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private StripeTestSupport() {
    }

    static StripeConfig config(FakeStripeApi fake) {
        fake.meters.put("mtr_api_calls", "api_calls");
        fake.meters.put("mtr_impressions", "impressions");
        return new StripeConfig(API_KEY, fake.baseUrl(), PRICES, METERS, Duration.ofSeconds(2), Duration.ofSeconds(2), 1);
    }

    static StripePaymentProvider provider(StripeConfig config) {
        return new StripePaymentProvider(config, CLOCK, Duration.ofMillis(10));
    }

    /** Gives the fake's customer a default card, as the customer portal would, so an invoice can be paid. */
    static void giveDefaultCard(FakeStripeApi fake, String customerId) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) fake.customers.get(customerId).get("invoice_settings"))
                .put("default_payment_method", "pm_card_visa");
    }

    static ErrorCode codeOf(ThrowableAssert.ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(BillingException.class);
        return ((BillingException) thrown).code();
    }
}
