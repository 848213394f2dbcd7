package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Credits given to one customer at one time, and how many of them are left.
 *
 * <p>A grant is active on {@code [grantedAt, expiresAt)}: from the instant it is granted up to, but
 * not including, its expiry; a grant without expiry stays active forever. Rules per source:
 * {@link CreditSource#PURCHASED} never expires ({@code expiresAt} empty);
 * {@link CreditSource#SUBSCRIPTION} and {@link CreditSource#PROMOTIONAL} must expire after
 * {@code grantedAt}.
 *
 * @param id        the grant's id, unique per customer
 * @param customer  whose credits these are
 * @param source    where the credits came from
 * @param amount    credits granted, greater than 0, at most 6 decimals
 * @param remaining credits not yet consumed or expired, {@code 0 <= remaining <= amount}
 * @param grantedAt when the grant starts to count (UTC instant)
 * @param expiresAt when it stops counting (exclusive), empty for never
 * @param priority  lower is consumed first under {@link CreditConsumptionPolicy#PRIORITY_THEN_EXPIRY};
 *                  ignored by {@link CreditConsumptionPolicy#PURCHASED_FIRST}
 * @param reference free text linking the grant to its cause (order id, subscription period); may be
 *                  empty, never null
 */
public record CreditGrant(CreditGrantId id, CustomerId customer, CreditSource source, BigDecimal amount,
                          BigDecimal remaining, Instant grantedAt, Optional<Instant> expiresAt, int priority,
                          String reference) {

    /** The priority the convenience factories use when none is given. */
    public static final int DEFAULT_PRIORITY = 100;

    public CreditGrant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(grantedAt, "grantedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(reference, "reference");
        CreditAmounts.requirePositive(amount, "grant " + id + ": amount");
        CreditAmounts.requireNotNegative(remaining, "grant " + id + ": remaining");
        BillingException.require(remaining.compareTo(amount) <= 0, "grant " + id + ": remaining "
                + remaining.toPlainString() + " must not exceed amount " + amount.toPlainString());
        if (source == CreditSource.PURCHASED) {
            BillingException.require(expiresAt.isEmpty(),
                    "grant " + id + ": purchased credits never expire, but expiresAt was " + expiresAt.orElse(null));
        } else {
            BillingException.require(expiresAt.isPresent(),
                    "grant " + id + ": " + source + " credits need an expiresAt");
            BillingException.require(expiresAt.get().isAfter(grantedAt), "grant " + id + ": expiresAt "
                    + expiresAt.get() + " must be after grantedAt " + grantedAt);
        }
        BillingException.require(reference.length() <= 256,
                "grant " + id + ": reference must be at most 256 characters");
    }

    /**
     * Purchased credits (a pack): never expire; all of {@code amount} remains. The priority comes last,
     * after the arguments every overload shares.
     */
    public static CreditGrant purchased(CreditGrantId id, CustomerId customer, BigDecimal amount, Instant grantedAt,
                                        String reference, int priority) {
        return new CreditGrant(id, customer, CreditSource.PURCHASED, amount, amount, grantedAt, Optional.empty(),
                priority, reference);
    }

    /** Purchased credits with {@link #DEFAULT_PRIORITY}. */
    public static CreditGrant purchased(CreditGrantId id, CustomerId customer, BigDecimal amount, Instant grantedAt,
                                        String reference) {
        return purchased(id, customer, amount, grantedAt, reference, DEFAULT_PRIORITY);
    }

    /** The credits of one purchased {@link CreditProduct} (pack), e.g. {@code pack_1k} = 1,000 credits. */
    public static CreditGrant purchased(CreditGrantId id, CustomerId customer, CreditProduct pack, Instant grantedAt,
                                        String reference) {
        Objects.requireNonNull(pack, "pack");
        return purchased(id, customer, pack.credits(), grantedAt, reference, DEFAULT_PRIORITY);
    }

    /** Subscription credits granted at {@code periodStart}, expiring at {@code periodEnd}. */
    public static CreditGrant subscription(CreditGrantId id, CustomerId customer, BigDecimal amount,
                                           Instant periodStart, Instant periodEnd, String reference, int priority) {
        Objects.requireNonNull(periodEnd, "periodEnd");
        return new CreditGrant(id, customer, CreditSource.SUBSCRIPTION, amount, amount, periodStart,
                Optional.of(periodEnd), priority, reference);
    }

    /** Subscription credits with {@link #DEFAULT_PRIORITY}. */
    public static CreditGrant subscription(CreditGrantId id, CustomerId customer, BigDecimal amount,
                                           Instant periodStart, Instant periodEnd, String reference) {
        return subscription(id, customer, amount, periodStart, periodEnd, reference, DEFAULT_PRIORITY);
    }

    /**
     * The {@link Plan#includedCredits() credits a plan includes} for the period
     * {@code [periodStart, periodEnd)}. A plan that includes no credits cannot be granted.
     */
    public static CreditGrant subscription(CreditGrantId id, CustomerId customer, Plan plan,
                                           Instant periodStart, Instant periodEnd, String reference) {
        Objects.requireNonNull(plan, "plan");
        BillingException.require(plan.includedCredits().signum() > 0,
                "plan " + plan.code() + " includes no credits to grant");
        return subscription(id, customer, plan.includedCredits(), periodStart, periodEnd, reference, DEFAULT_PRIORITY);
    }

    /** Promotional credits with their own {@code expiresAt} (required, after {@code grantedAt}). */
    public static CreditGrant promotional(CreditGrantId id, CustomerId customer, BigDecimal amount, Instant grantedAt,
                                          Instant expiresAt, String reference, int priority) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        return new CreditGrant(id, customer, CreditSource.PROMOTIONAL, amount, amount, grantedAt,
                Optional.of(expiresAt), priority, reference);
    }

    /** Promotional credits with {@link #DEFAULT_PRIORITY}. */
    public static CreditGrant promotional(CreditGrantId id, CustomerId customer, BigDecimal amount, Instant grantedAt,
                                          Instant expiresAt, String reference) {
        return promotional(id, customer, amount, grantedAt, expiresAt, reference, DEFAULT_PRIORITY);
    }

    /** True on {@code [grantedAt, expiresAt)}; a grant is inactive at exactly its expiry instant. */
    public boolean isActiveAt(Instant at) {
        Objects.requireNonNull(at, "at");
        return !at.isBefore(grantedAt) && !isExpiredAt(at);
    }

    /** True from {@code expiresAt} on (inclusive); never for a grant without expiry. */
    public boolean isExpiredAt(Instant at) {
        Objects.requireNonNull(at, "at");
        return expiresAt.map(end -> !at.isBefore(end)).orElse(false);
    }

    /** The credits this grant can spend at {@code at}: {@code remaining} while active, else 0. */
    public BigDecimal availableAt(Instant at) {
        return isActiveAt(at) ? remaining : BigDecimal.ZERO;
    }

    /** Credits already consumed or expired: {@code amount - remaining}. */
    public BigDecimal used() {
        return amount.subtract(remaining);
    }

    /** True when nothing remains. */
    public boolean isExhausted() {
        return remaining.signum() == 0;
    }

    /** This grant with {@code remaining} replaced (validated like any grant). */
    CreditGrant withRemaining(BigDecimal newRemaining) {
        return new CreditGrant(id, customer, source, amount, newRemaining, grantedAt, expiresAt, priority, reference);
    }
}
