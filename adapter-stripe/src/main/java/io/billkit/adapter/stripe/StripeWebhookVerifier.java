package io.billkit.adapter.stripe;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Verifies Stripe webhook deliveries ({@code Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256>}) with
 * stripe-java's {@link Webhook#constructEvent(String, String, String, long, Clock)} and maps the event to a
 * typed {@link ProviderEvent} ({@link StripeEventMapper} says which Stripe type becomes which event).
 *
 * <p>A missing, malformed or wrong signature, or a timestamp more than the tolerance away from now (older
 * <em>or in the future</em>), is {@link ErrorCode#UNAUTHENTICATED}; a correctly signed body that is not a Stripe
 * event is {@link ErrorCode#INVALID_ARGUMENT}. (stripe-java alone accepts any timestamp in the future, so a
 * signature captured with a skewed or forged future {@code t} would stay replayable until then; this class checks
 * that side itself.)
 */
public final class StripeWebhookVerifier implements ProviderWebhookVerifier {

    /** Stripe's recommended tolerance: five minutes. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofSeconds(Webhook.DEFAULT_TOLERANCE);

    private final String signingSecret;
    private final long toleranceSeconds;
    private final Clock clock;
    private final StripeEventMapper mapper;

    /**
     * @param signingSecret the endpoint's signing secret ({@code whsec_...})
     * @param config        supplies the price -> plan map for {@code plan}
     */
    public StripeWebhookVerifier(String signingSecret, StripeConfig config) {
        this(signingSecret, config, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /**
     * @param tolerance how old a signature's timestamp may be (at least one second)
     * @param clock     the time the tolerance is measured against
     */
    public StripeWebhookVerifier(String signingSecret, StripeConfig config, Duration tolerance, Clock clock) {
        this.signingSecret = Objects.requireNonNull(signingSecret, "signingSecret");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tolerance, "tolerance");
        this.clock = Objects.requireNonNull(clock, "clock");
        BillingException.require(!signingSecret.isBlank(), "stripe webhook signing secret must not be blank");
        // a tolerance of 0 would make stripe-java skip the timestamp check altogether
        BillingException.require(tolerance.getSeconds() >= 1, "webhook tolerance must be at least one second but was " + tolerance);
        this.toleranceSeconds = tolerance.getSeconds();
        this.mapper = new StripeEventMapper(config);
    }

    @Override
    public ProviderEvent verify(String payload, String signatureHeader) {
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw new BillingException(ErrorCode.UNAUTHENTICATED, "missing Stripe-Signature header");
        }
        if (payload == null) {
            throw BillingException.invalid("webhook payload is required");
        }
        refuseFutureTimestamps(signatureHeader);
        Event event;
        try {
            event = Webhook.constructEvent(payload, signatureHeader, signingSecret, toleranceSeconds, clock);
        } catch (SignatureVerificationException e) {
            throw new BillingException(ErrorCode.UNAUTHENTICATED, "stripe webhook signature rejected: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // the signature matched (it is checked first) but the body does not parse as an event
            throw new BillingException(ErrorCode.INVALID_ARGUMENT, "signed stripe webhook body is not an event: " + e.getMessage(), e);
        }
        if (event == null) {
            throw BillingException.invalid("signed stripe webhook body is empty");
        }
        return mapper.map(event);
    }

    /** Every {@code t=} of the header must be at most the tolerance ahead of the clock (stripe-java checks the past). */
    private void refuseFutureTimestamps(String signatureHeader) {
        long latest = clock.instant().getEpochSecond() + toleranceSeconds;
        for (String item : signatureHeader.split(",")) {
            String[] pair = item.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals("t")) {
                long timestamp;
                try {
                    timestamp = Long.parseLong(pair[1].strip());
                } catch (NumberFormatException e) {
                    continue; // stripe-java rejects the header as malformed
                }
                if (timestamp > latest) {
                    throw new BillingException(ErrorCode.UNAUTHENTICATED, "stripe webhook signature rejected: "
                            + "timestamp is more than " + toleranceSeconds + " s in the future");
                }
            }
        }
    }
}
