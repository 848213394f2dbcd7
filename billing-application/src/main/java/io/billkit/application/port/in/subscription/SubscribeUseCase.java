package io.billkit.application.port.in.subscription;

/**
 * Starts a subscription, mirrors it at the payment provider and grants the period's included credits.
 */
public interface SubscribeUseCase {
    SubscriptionView subscribe(SubscribeCommand command);
}
