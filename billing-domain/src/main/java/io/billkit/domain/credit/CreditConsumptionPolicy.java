package io.billkit.domain.credit;

import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/**
 * The order in which a debit consumes a customer's active grants. Both orders end with the oldest
 * grant and then the grant id, so the order is total and a debit is reproducible.
 */
public enum CreditConsumptionPolicy {
    /**
     * BillKit's default (from the seeds): purchased credits first, then subscription, then
     * promotional; within a source the soonest expiry first (no expiry last), then the oldest grant.
     */
    PURCHASED_FIRST(Comparator.comparing(CreditGrant::source)
            .thenComparing(CreditConsumptionPolicy::expiryOrder)
            .thenComparing(CreditGrant::grantedAt)
            .thenComparing(grant -> grant.id().value())),

    /**
     * The industry's usual order: lowest {@link CreditGrant#priority() priority} first, then the
     * soonest expiry (no expiry last), then the oldest grant.
     */
    PRIORITY_THEN_EXPIRY(Comparator.comparingInt(CreditGrant::priority)
            .thenComparing(CreditConsumptionPolicy::expiryOrder)
            .thenComparing(CreditGrant::grantedAt)
            .thenComparing(grant -> grant.id().value()));

    /** The policy used when none is named. */
    public static final CreditConsumptionPolicy DEFAULT = PURCHASED_FIRST;

    private final Comparator<CreditGrant> order;

    CreditConsumptionPolicy(Comparator<CreditGrant> order) {
        this.order = order;
    }

    /** Orders grants so the one to consume first comes first. */
    public Comparator<CreditGrant> comparator() {
        return order;
    }

    private static Instant expiryOrder(CreditGrant grant) {
        Optional<Instant> expiry = grant.expiresAt();
        return expiry.orElse(Instant.MAX);
    }
}
