package io.billkit.application.port.in.webhook;

/**
 * Registers an outbound webhook endpoint and generates its signing secret. Throws INVALID_ARGUMENT for a
 * URL that is not https (http is allowed for localhost only) or a malformed event type, NOT_FOUND for an
 * unknown customer.
 */
public interface RegisterWebhookEndpointUseCase {
    RegisteredWebhookEndpoint register(RegisterWebhookEndpointCommand command);
}
