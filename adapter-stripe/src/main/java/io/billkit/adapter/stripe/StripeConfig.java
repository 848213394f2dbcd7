package io.billkit.adapter.stripe;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How BillKit talks to one Stripe account.
 *
 * @param apiKey            the secret API key ({@code sk_live_...} / {@code sk_test_...}); never printed by {@link #toString()}
 * @param apiBase           base URL of the Stripe API, {@link #DEFAULT_API_BASE} in production (a local fake in tests);
 *                          also used for the connect, files and meter-events bases
 * @param planPrices        BillKit plan code -> Stripe price id ({@code price_...}); each price id at most once,
 *                          so webhook events can be mapped back to a plan
 * @param meterIds          BillKit meter key -> Stripe billing meter id ({@code mtr_...}); the meter's
 *                          {@code event_name} must equal the meter key
 * @param connectTimeout    TCP connect timeout per attempt (1 ms .. 24 days)
 * @param readTimeout       read timeout per attempt (1 ms .. 24 days)
 * @param maxNetworkRetries retries after a network error, timeout, 409, 429 or 5xx (0..10); every retry
 *                          carries the same {@code Idempotency-Key}
 */
public record StripeConfig(String apiKey, String apiBase, Map<PlanCode, String> planPrices, Map<MeterKey, String> meterIds,
                           Duration connectTimeout, Duration readTimeout, int maxNetworkRetries) {

    /** Stripe's production API. */
    public static final String DEFAULT_API_BASE = "https://api.stripe.com";
    /** stripe-java's own defaults. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_NETWORK_RETRIES = 2;

    public StripeConfig {
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(apiBase, "apiBase");
        Objects.requireNonNull(planPrices, "planPrices");
        Objects.requireNonNull(meterIds, "meterIds");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        BillingException.require(!apiKey.isBlank(), "stripe apiKey must not be blank");
        apiBase = apiBase.endsWith("/") ? apiBase.substring(0, apiBase.length() - 1) : apiBase;
        URI base = parseBase(apiBase);
        BillingException.require("https".equals(base.getScheme()) || "http".equals(base.getScheme()),
                "stripe apiBase must be an http(s) URL but was '" + apiBase + "'");
        planPrices = Map.copyOf(planPrices);
        meterIds = Map.copyOf(meterIds);
        Map<String, PlanCode> seen = new HashMap<>();
        planPrices.forEach((plan, price) -> {
            BillingException.require(price != null && !price.isBlank(), "stripe price id of plan " + plan + " must not be blank");
            PlanCode other = seen.putIfAbsent(price, plan);
            BillingException.require(other == null,
                    "stripe price id " + price + " is mapped to two plans (" + other + ", " + plan + ")");
        });
        meterIds.forEach((meter, id) ->
                BillingException.require(id != null && !id.isBlank(), "stripe meter id of meter " + meter + " must not be blank"));
        requireTimeout(connectTimeout, "connectTimeout");
        requireTimeout(readTimeout, "readTimeout");
        BillingException.require(maxNetworkRetries >= 0 && maxNetworkRetries <= 10,
                "maxNetworkRetries must be 0..10 but was " + maxNetworkRetries);
    }

    /**
     * A configuration against Stripe's production API: connect timeout 5 s and read timeout 30 s (stripe-java's
     * own 30 s / 80 s would hold a request thread for minutes while Stripe is unreachable), 2 retries with the
     * same idempotency key.
     */
    public static StripeConfig of(String apiKey, Map<PlanCode, String> planPrices, Map<MeterKey, String> meterIds) {
        return new StripeConfig(apiKey, DEFAULT_API_BASE, planPrices, meterIds,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_MAX_NETWORK_RETRIES);
    }

    /** This configuration against another API base (a local fake, a proxy). */
    public StripeConfig withApiBase(String newApiBase) {
        return new StripeConfig(apiKey, newApiBase, planPrices, meterIds, connectTimeout, readTimeout, maxNetworkRetries);
    }

    /** This configuration with other timeouts and retries. */
    public StripeConfig withNetwork(Duration newConnectTimeout, Duration newReadTimeout, int newMaxNetworkRetries) {
        return new StripeConfig(apiKey, apiBase, planPrices, meterIds, newConnectTimeout, newReadTimeout, newMaxNetworkRetries);
    }

    /** The Stripe price of {@code plan}; {@link ErrorCode#UNKNOWN_PLAN} when none is configured. */
    public String priceFor(PlanCode plan) {
        Objects.requireNonNull(plan, "plan");
        String price = planPrices.get(plan);
        if (price == null) {
            throw new BillingException(ErrorCode.UNKNOWN_PLAN, "no stripe price is configured for plan '" + plan + "'");
        }
        return price;
    }

    /** The plan whose Stripe price is {@code priceId}, if any. */
    public Optional<PlanCode> planForPrice(String priceId) {
        if (priceId == null) {
            return Optional.empty();
        }
        return planPrices.entrySet().stream().filter(e -> e.getValue().equals(priceId)).map(Map.Entry::getKey).findFirst();
    }

    /** The Stripe billing meter of {@code meter}; {@link ErrorCode#UNKNOWN_METER} when none is configured. */
    public String meterIdFor(MeterKey meter) {
        Objects.requireNonNull(meter, "meter");
        String id = meterIds.get(meter);
        if (id == null) {
            throw new BillingException(ErrorCode.UNKNOWN_METER, "no stripe meter is configured for meter '" + meter + "'");
        }
        return id;
    }

    /** Masks the API key. */
    @Override
    public String toString() {
        String masked = apiKey.length() <= 8 ? "****" : apiKey.substring(0, 8) + "****";
        return "StripeConfig[apiKey=" + masked + ", apiBase=" + apiBase + ", planPrices=" + planPrices
                + ", meterIds=" + meterIds + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout
                + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }

    private static URI parseBase(String apiBase) {
        try {
            return URI.create(apiBase);
        } catch (IllegalArgumentException e) {
            throw BillingException.invalid("stripe apiBase is not a URL: '" + apiBase + "'");
        }
    }

    private static void requireTimeout(Duration timeout, String name) {
        BillingException.require(!timeout.isNegative() && !timeout.isZero()
                        && timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) <= 0,
                name + " must be between 1 ms and " + Integer.MAX_VALUE + " ms but was " + timeout);
    }
}
