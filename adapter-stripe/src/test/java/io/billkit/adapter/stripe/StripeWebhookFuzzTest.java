package io.billkit.adapter.stripe;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing (Jazzer) of the Stripe webhook handler: correctly signed bodies of any shape, and
 * arbitrary signature headers. Whatever arrives, the verifier answers a {@link ProviderEvent} or throws a
 * {@link BillingException} (401 or 400 at the HTTP edge), never anything else; a forged header is never accepted.
 * Runs for a few seconds in every build (see the module's surefire configuration); longer locally with
 * {@code JAZZER_MAX_DURATION=10m}. Crashes become files under {@code src/test/resources/.../StripeWebhookFuzzTestInputs}
 * and are replayed by every later build.
 */
class StripeWebhookFuzzTest {
    private static final String SECRET = "whsec_billkit_fuzz_secret";
    private static final StripeConfig CONFIG = new StripeConfig(StripeTestSupport.API_KEY, StripeConfig.DEFAULT_API_BASE,
            StripeTestSupport.PRICES, StripeTestSupport.METERS, Duration.ofSeconds(2), Duration.ofSeconds(2), 1);
    private static final StripeWebhookVerifier VERIFIER = new StripeWebhookVerifier(SECRET, CONFIG,
            StripeWebhookVerifier.DEFAULT_TOLERANCE, StripeTestSupport.CLOCK);

    @FuzzTest(maxDuration = "2m") // the build passes -runs, -seed and -max_total_time: see fuzz.seed in the parent pom
    void a_delivery_is_an_event_or_a_billing_error(FuzzedDataProvider data) {
        boolean signed = data.consumeBoolean();
        String forgedHeader = signed ? null : data.consumeString(200);
        String payload = data.consumeRemainingAsString();
        String header = signed
                ? StripeWebhookVerifierTest.sign(payload, SECRET, StripeTestSupport.NOW.getEpochSecond() - 1)
                : forgedHeader;
        try {
            VERIFIER.verify(payload, header);
            assertThat(signed).as("an unsigned delivery was accepted").isTrue();
        } catch (BillingException e) {
            if (!signed) {
                assertThat(e.code()).isIn(ErrorCode.UNAUTHENTICATED, ErrorCode.INVALID_ARGUMENT);
            }
        }
    }
}
