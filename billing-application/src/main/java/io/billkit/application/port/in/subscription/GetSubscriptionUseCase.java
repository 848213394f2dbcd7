package io.billkit.application.port.in.subscription;

import io.billkit.domain.customer.CustomerId;
import java.util.Optional;

/**
 * The customer's live (or latest) subscription, if any.
 */
public interface GetSubscriptionUseCase {
    Optional<SubscriptionView> current(CustomerId customer);
}
