package io.billkit.application.service;

import io.billkit.application.port.in.coupon.CouponView;
import io.billkit.application.port.in.coupon.CreateCouponCommand;
import io.billkit.application.port.in.coupon.CreateCouponUseCase;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.Discount;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** {@link CreateCouponUseCase}: checks the coupon against the catalog and the clock, inserts it, audits it. */
public final class CreateCouponService implements CreateCouponUseCase {
    private final CouponStore coupons;
    private final Catalog catalog;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public CreateCouponService(CouponStore coupons, Catalog catalog, Transactions tx, AuditTrail audit, Clock clock) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CouponView create(CreateCouponCommand command) {
        Objects.requireNonNull(command, "command");
        for (PlanCode plan : command.plans()) {
            if (catalog.plan(plan).isEmpty()) {
                throw new BillingException(ErrorCode.UNKNOWN_PLAN, "plans: the catalog has no plan '" + plan + "'");
            }
        }
        for (MeterKey meter : command.meters()) {
            if (catalog.meter(meter).isEmpty()) {
                throw new BillingException(ErrorCode.UNKNOWN_METER, "meters: the catalog has no meter '" + meter + "'");
            }
        }
        Instant now = clock.instant();
        command.redeemBy().ifPresent(by -> BillingException.require(by.isAfter(now),
                "redeemBy must be in the future but was " + by));
        Coupon coupon = new Coupon(command.code(), command.name().strip(), command.discount(), command.duration(),
                command.plans(), command.meters(), command.maxRedemptions(), command.redeemBy(), now);
        if (!command.plans().isEmpty() && command.plans().stream().map(p -> catalog.requirePlan(p))
                .noneMatch(coupon::appliesTo)) {
            throw new BillingException(ErrorCode.COUPON_NOT_APPLICABLE, "coupon " + coupon.code()
                    + " would apply to none of its plans: " + coupon.notApplicableTo(
                            catalog.requirePlan(command.plans().iterator().next())).orElse(""));
        }
        return tx.inTransaction(() -> {
            if (!coupons.insert(coupon)) {
                throw new BillingException(ErrorCode.CONFLICT, "a coupon with the code " + coupon.code() + " exists");
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("coupon", coupon.code().value());
            data.put("discount", coupon.discount().describe());
            data.put("duration", coupon.duration().kind().name()
                    + (coupon.duration().kind() == io.billkit.domain.coupon.CouponDuration.Kind.REPEATING
                    ? " " + coupon.duration().periods() : ""));
            if (!coupon.plans().isEmpty()) {
                data.put("plans", coupon.plans().stream().map(PlanCode::value).sorted().collect(Collectors.joining(",")));
            }
            if (!coupon.meters().isEmpty()) {
                data.put("meters", coupon.meters().stream().map(MeterKey::value).sorted().collect(Collectors.joining(",")));
            }
            coupon.maxRedemptions().ifPresent(max -> data.put("maxRedemptions", String.valueOf(max)));
            coupon.redeemBy().ifPresent(by -> data.put("redeemBy", by.toString()));
            if (coupon.discount() instanceof Discount.AmountOff off) {
                data.put("currency", off.amount().currencyCode());
            }
            audit.recordSystemWide(command.actor(), "coupon.created", data);
            return CouponView.of(coupon, 0);
        });
    }
}
