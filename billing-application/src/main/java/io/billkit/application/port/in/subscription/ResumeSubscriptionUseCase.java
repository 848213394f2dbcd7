package io.billkit.application.port.in.subscription;

/**
 * Resumes a subscription whose cancellation at period end was scheduled.
 */
public interface ResumeSubscriptionUseCase {
    SubscriptionView resume(ResumeSubscriptionCommand command);
}
