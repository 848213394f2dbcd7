package io.billkit.application.port.out.provider;

import io.billkit.application.port.in.ProviderEvent;

/**
 * Checks that a webhook delivery really comes from the payment provider and turns its body into a
 * {@link ProviderEvent}. The HTTP adapter hands over the raw body exactly as received.
 */
public interface ProviderWebhookVerifier {
    /**
     * @param payload         the raw request body, byte for byte as received (decoded as UTF-8)
     * @param signatureHeader the provider's signature header (e.g. {@code Stripe-Signature}); may be null
     * @return the verified, normalised event
     * @throws io.billkit.domain.BillingException {@code UNAUTHENTICATED} when the signature is missing, wrong or
     *                                            outside the timestamp tolerance; {@code INVALID_ARGUMENT} when a
     *                                            correctly signed body is not an event
     */
    ProviderEvent verify(String payload, String signatureHeader);
}
