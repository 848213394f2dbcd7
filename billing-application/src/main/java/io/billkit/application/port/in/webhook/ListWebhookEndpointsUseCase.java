package io.billkit.application.port.in.webhook;

import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Optional;

/** The registered webhook endpoints (without secrets): a customer's own, or every one when none is named. */
public interface ListWebhookEndpointsUseCase {
    List<WebhookEndpointView> list(Optional<CustomerId> customer);
}
