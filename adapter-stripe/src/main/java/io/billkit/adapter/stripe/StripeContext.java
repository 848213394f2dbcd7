package io.billkit.adapter.stripe;

import com.stripe.StripeClient;
import com.stripe.net.RequestOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** What the Stripe role classes share: the client, the configuration and its mapping, the call runner, the clock. */
record StripeContext(StripeClient stripe, StripeConfig config, StripeMapping mapping, StripeCalls calls, Clock clock) {

    StripeContext {
        Objects.requireNonNull(stripe, "stripe");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mapping, "mapping");
        Objects.requireNonNull(calls, "calls");
        Objects.requireNonNull(clock, "clock");
    }

    static StripeContext of(StripeConfig config, Clock clock, Duration rateLimitBackoff) {
        Objects.requireNonNull(config, "config");
        StripeClient client = StripeClient.builder()
                .setApiKey(config.apiKey())
                .setApiBase(config.apiBase())
                .setConnectBase(config.apiBase())
                .setFilesBase(config.apiBase())
                .setMeterEventsBase(config.apiBase())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setReadTimeout((int) config.readTimeout().toMillis())
                .setMaxNetworkRetries(config.maxNetworkRetries())
                .setHttpClient(new TracingHttpClient())
                .build();
        return new StripeContext(client, config, new StripeMapping(config),
                new StripeCalls(config.maxNetworkRetries(), Objects.requireNonNull(rateLimitBackoff, "rateLimitBackoff")), clock);
    }

    static RequestOptions keyed(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }
}
