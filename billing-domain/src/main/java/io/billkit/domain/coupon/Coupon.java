package io.billkit.domain.coupon;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A coupon an admin created: a {@link Discount} for a {@link CouponDuration}, optionally limited to plans
 * ({@code plans}, empty = every plan) and to meters ({@code meters}, empty = every charge of the invoice;
 * otherwise only the usage lines of these meters), with an optional limit on the number of redemptions
 * ({@code maxRedemptions}, over all customers) and an optional last instant it can be redeemed
 * ({@code redeemBy}, exclusive: a redemption at or after it is {@link ErrorCode#COUPON_EXPIRED}). Once
 * redeemed, a coupon keeps applying for its duration after {@code redeemBy}.
 *
 * @param name shown on the invoice line, 1..100 characters
 */
public record Coupon(CouponCode code, String name, Discount discount, CouponDuration duration, Set<PlanCode> plans,
                     Set<MeterKey> meters, Optional<Integer> maxRedemptions, Optional<Instant> redeemBy,
                     Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 100;

    public Coupon {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(discount, "discount");
        Objects.requireNonNull(duration, "duration");
        plans = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(plans, "plans")));
        meters = Set.copyOf(new LinkedHashSet<>(Objects.requireNonNull(meters, "meters")));
        Objects.requireNonNull(maxRedemptions, "maxRedemptions");
        Objects.requireNonNull(redeemBy, "redeemBy");
        Objects.requireNonNull(createdAt, "createdAt");
        BillingException.require(!name.isBlank() && name.length() <= MAX_NAME_LENGTH,
                "coupon name must be 1.." + MAX_NAME_LENGTH + " characters");
        maxRedemptions.ifPresent(max -> BillingException.require(max >= 1,
                "maxRedemptions must be at least 1 but was " + max));
    }

    /**
     * Refuses a redemption at {@code at}: {@link ErrorCode#COUPON_EXPIRED} at or after {@code redeemBy}. The
     * redemption limit is the store's to enforce atomically.
     */
    public void requireRedeemableAt(Instant at) {
        Objects.requireNonNull(at, "at");
        if (redeemBy.isPresent() && !at.isBefore(redeemBy.get())) {
            throw new BillingException(ErrorCode.COUPON_EXPIRED, "coupon " + code + " could be redeemed until "
                    + redeemBy.get() + "; it expired");
        }
    }

    /** Why this coupon does not apply to a subscription on {@code plan}; empty when it applies. */
    public Optional<String> notApplicableTo(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        if (!plans.isEmpty() && !plans.contains(plan.code())) {
            return Optional.of("coupon " + code + " applies to the plans " + sorted(plans) + ", not to " + plan.code());
        }
        if (discount instanceof Discount.AmountOff off && !off.amount().currency().equals(plan.currency())) {
            return Optional.of("coupon " + code + " takes " + off.amount() + " off but plan " + plan.code()
                    + " is billed in " + plan.currency().getCurrencyCode());
        }
        if (!meters.isEmpty() && meters.stream().noneMatch(m -> plan.terms(m).isPresent())) {
            return Optional.of("coupon " + code + " applies to the meters " + sorted(meters) + ", none of which plan "
                    + plan.code() + " bills");
        }
        return Optional.empty();
    }

    /** Whether this coupon applies to a subscription on {@code plan}. */
    public boolean appliesTo(Plan plan) {
        return notApplicableTo(plan).isEmpty();
    }

    /** {@link #notApplicableTo} as {@link ErrorCode#COUPON_NOT_APPLICABLE}. */
    public void requireApplicableTo(Plan plan) {
        notApplicableTo(plan).ifPresent(reason -> {
            throw new BillingException(ErrorCode.COUPON_NOT_APPLICABLE, reason);
        });
    }

    private static String sorted(Set<?> values) {
        return values.stream().map(Object::toString).sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
