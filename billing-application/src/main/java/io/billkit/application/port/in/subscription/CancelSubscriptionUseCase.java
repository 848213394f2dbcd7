package io.billkit.application.port.in.subscription;

/**
 * Cancels the customer's subscription now or at the period end.
 */
public interface CancelSubscriptionUseCase {
    SubscriptionView cancel(CancelSubscriptionCommand command);
}
