package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.Objects;

/**
 * Where a subscription is in its life. Legal transitions:
 * <ul>
 *   <li>{@code TRIALING -> ACTIVE} (trial converted),</li>
 *   <li>{@code ACTIVE -> PAST_DUE} (a payment failed) and {@code PAST_DUE -> ACTIVE} (recovered),</li>
 *   <li>{@code ACTIVE | PAST_DUE -> UNPAID} (dunning's last retry failed; HARD-limited usage is refused) and
 *       {@code UNPAID -> ACTIVE} (the overdue invoice was paid),</li>
 *   <li>{@code TRIALING | ACTIVE | PAST_DUE | UNPAID -> CANCELLED},</li>
 *   <li>any status but {@code EXPIRED} {@code -> EXPIRED} (terminal).</li>
 * </ul>
 * Everything else, including staying in the same status, is illegal.
 */
public enum SubscriptionStatus {
    TRIALING,
    ACTIVE,
    PAST_DUE,
    /** Dunning ran out of retries and marked it unpaid: still live, but HARD-limited meters are blocked. */
    UNPAID,
    CANCELLED,
    EXPIRED;

    /** Whether moving from this status to {@code target} is legal. */
    public boolean canTransitionTo(SubscriptionStatus target) {
        Objects.requireNonNull(target, "target");
        if (target == EXPIRED) {
            return this != EXPIRED;
        }
        return switch (this) {
            case TRIALING -> target == ACTIVE || target == CANCELLED;
            case ACTIVE -> target == PAST_DUE || target == UNPAID || target == CANCELLED;
            case PAST_DUE -> target == ACTIVE || target == UNPAID || target == CANCELLED;
            case UNPAID -> target == ACTIVE || target == CANCELLED;
            case CANCELLED, EXPIRED -> false;
        };
    }

    /**
     * Returns {@code target} when the transition is legal.
     *
     * @throws BillingException {@link ErrorCode#ILLEGAL_TRANSITION} "... from X to Y" otherwise
     */
    public SubscriptionStatus transitionTo(SubscriptionStatus target) {
        if (!canTransitionTo(target)) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "illegal subscription status transition from " + this + " to " + target);
        }
        return target;
    }

    /** Whether the subscription still runs (TRIALING, ACTIVE, PAST_DUE or UNPAID): not CANCELLED or EXPIRED. */
    public boolean isLive() {
        return this == TRIALING || this == ACTIVE || this == PAST_DUE || this == UNPAID;
    }
}
