package io.billkit.application.port.out.provider;

import io.billkit.domain.catalog.PlanCode;

import java.time.Instant;
import java.util.Optional;

/**
 * The payment provider's subscriptions, mirrored from BillKit's by Subscribe, ChangePlan, CancelSubscription and
 * ResumeSubscription. Every call takes an {@code idempotencyKey} derived from the BillKit operation.
 *
 * <p>BillKit is the biller of record: it prices plan changes (proration) on its own invoices, so the provider's
 * subscription is only kept in step and must never bill a proration of its own (Stripe: {@code proration_behavior=none}).
 */
public interface ProviderSubscriptions {

    ProviderSubscription createSubscription(String customerId, PlanCode plan, Optional<Instant> trialEnd,
                                            String idempotencyKey);

    /** Moves the subscription to {@code plan} without any proration by the provider (BillKit bills it). */
    ProviderSubscription changePlan(String subscriptionId, PlanCode plan, String idempotencyKey);

    ProviderSubscription cancelSubscription(String subscriptionId, boolean atPeriodEnd, String idempotencyKey);

    /** Undoes a scheduled cancellation. */
    ProviderSubscription resumeSubscription(String subscriptionId, String idempotencyKey);
}
