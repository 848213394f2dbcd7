package io.billkit.adapter.http;

import io.billkit.application.port.in.coupon.AppliedDiscountView;
import io.billkit.application.port.in.coupon.ApplyCouponCommand;
import io.billkit.application.port.in.coupon.CouponView;
import io.billkit.application.port.in.coupon.CreateCouponCommand;
import io.billkit.application.port.in.coupon.RemoveCouponCommand;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponDuration;
import io.billkit.domain.coupon.Discount;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Coupons and discounts:
 * <ul>
 *   <li>{@code POST /api/v1/admin/coupons} (admin): {@code {"code", "name", "percentOff" | "amountOff" + "currency",
 *       "duration": "once|repeating|forever", "durationPeriods"?, "plans"?, "meters"?, "maxRedemptions"?,
 *       "redeemBy"?}} creates a coupon (201; 409 when the code is taken);</li>
 *   <li>{@code GET /api/v1/admin/coupons} (admin): every coupon with its redemption count;</li>
 *   <li>{@code POST /api/v1/admin/customers/{customerId}/discounts} (admin): {@code {"coupon": "CODE"}} applies a
 *       coupon to the customer's live subscription (201; 404 unknown coupon or no subscription, 409
 *       {@code coupon-expired}, {@code coupon-exhausted} or already applied, 400 {@code coupon-not-applicable});</li>
 *   <li>{@code DELETE /api/v1/admin/customers/{customerId}/discounts/{redemptionId}} (admin): removes it (200;
 *       404 for another customer's redemption);</li>
 *   <li>{@code GET /api/v1/billing/discounts} (member; {@code ?customerId=} for an admin): the customer's discounts
 *       (another customer's: 403).</li>
 * </ul>
 * The POSTs go through the registry's Idempotency-Key replay like every POST.
 */
final class CouponRoutes implements RouteGroup {
    static final String ADMIN_PATH = "/api/v1/admin/coupons";
    static final String CUSTOMER_DISCOUNTS = "/api/v1/admin/customers/{customerId}/discounts";

    record CreateCouponRequest(String code, String name, BigDecimal percentOff, BigDecimal amountOff, String currency,
                               String duration, Integer durationPeriods, List<String> plans, List<String> meters,
                               Integer maxRedemptions, Instant redeemBy) {
    }

    record ApplyCouponRequest(String coupon) {
    }

    /** A coupon's terms and redemption count. */
    record CouponBody(String code, String name, Optional<BigDecimal> percentOff, Optional<Money> amountOff,
                      String duration, Optional<Integer> durationPeriods, List<String> plans, List<String> meters,
                      Optional<Integer> maxRedemptions, int timesRedeemed, Optional<Integer> redemptionsLeft,
                      Optional<Instant> redeemBy, Instant createdAt, String describe) {
        static CouponBody of(Coupon c, int timesRedeemed, Optional<Integer> left) {
            return new CouponBody(c.code().value(), c.name(),
                    c.discount() instanceof Discount.PercentOff p ? Optional.of(p.percent()) : Optional.empty(),
                    c.discount() instanceof Discount.AmountOff a ? Optional.of(a.amount()) : Optional.empty(),
                    c.duration().kind().name().toLowerCase(Locale.ROOT),
                    c.duration().kind() == CouponDuration.Kind.REPEATING ? Optional.of(c.duration().periods())
                            : Optional.empty(),
                    c.plans().stream().map(PlanCode::value).sorted().toList(),
                    c.meters().stream().map(MeterKey::value).sorted().toList(),
                    c.maxRedemptions(), timesRedeemed, left, c.redeemBy(), c.createdAt(), c.discount().describe());
        }

        static CouponBody of(CouponView v) {
            return of(v.coupon(), v.timesRedeemed(), v.redemptionsLeft());
        }
    }

    record CouponsBody(List<CouponBody> coupons) {
    }

    /** A coupon applied to a customer's subscription: {@code status} active, used_up or removed. */
    record DiscountBody(String id, String customerId, String subscriptionId, String coupon, String name,
                        String discount, String duration, Optional<Integer> durationPeriods, List<String> plans,
                        List<String> meters, String status, int periodsApplied, Optional<Integer> periodsLeft,
                        Instant redeemedAt, Optional<Instant> removedAt) {
        static DiscountBody of(AppliedDiscountView v) {
            Coupon c = v.coupon();
            return new DiscountBody(v.redemption().id(), v.redemption().customer().value(),
                    v.redemption().subscription().value(), c.code().value(), c.name(), c.discount().describe(),
                    c.duration().kind().name().toLowerCase(Locale.ROOT),
                    c.duration().kind() == CouponDuration.Kind.REPEATING ? Optional.of(c.duration().periods())
                            : Optional.empty(),
                    c.plans().stream().map(PlanCode::value).sorted().toList(),
                    c.meters().stream().map(MeterKey::value).sorted().toList(),
                    v.status().name().toLowerCase(Locale.ROOT), v.redemption().periodsApplied(), v.periodsLeft(),
                    v.redemption().redeemedAt(), v.redemption().removedAt());
        }
    }

    record DiscountsBody(String customerId, List<DiscountBody> discounts) {
    }

    private final HttpUseCases.Coupons coupons;
    private final JsonBody json;

    CouponRoutes(HttpUseCases.Coupons coupons, JsonBody json) {
        this.coupons = Objects.requireNonNull(coupons, "coupons");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "coupons";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post(ADMIN_PATH, Access.ADMIN, "Create a coupon: percentage or amount off, once / for N periods / forever",
                this::create);
        routes.body(CreateCouponRequest.class)
                .answers(201, "The coupon", CouponBody.class)
                .problem(400, "A field is missing or invalid (names it), or an unknown plan or meter")
                .problem(409, "A coupon with this code exists");
        routes.get(ADMIN_PATH, Access.ADMIN, "Every coupon with its redemption count, oldest first",
                ctx -> ctx.json(new CouponsBody(coupons.list().list().stream().map(CouponBody::of).toList())));
        routes.answers(200, "The coupons", CouponsBody.class);
        routes.post(CUSTOMER_DISCOUNTS, Access.ADMIN,
                "Apply a coupon to the customer's live subscription (from the period being billed on)", this::apply);
        routes.body(ApplyCouponRequest.class)
                .answers(201, "The discount", DiscountBody.class)
                .problem(400, "coupon-not-applicable: the coupon's plans, meters or currency do not fit the subscription")
                .problem(404, "No such coupon, or the customer has no live subscription")
                .problem(409, "coupon-expired (past its redeem-by), coupon-exhausted (its redemption limit is reached),"
                        + " or the coupon is already applied to the subscription");
        routes.delete(CUSTOMER_DISCOUNTS + "/{redemptionId}", Access.ADMIN,
                "Remove a coupon from the customer's subscription: no later invoice takes it", this::remove);
        routes.answers(200, "The discount, removed", DiscountBody.class)
                .problem(404, "The customer has no such discount");
        routes.get("/api/v1/billing/discounts", Access.MEMBER,
                "The coupons applied to the customer's subscriptions, with what is left of each", ctx -> {
                    CustomerId customer = Callers.customer(ctx);
                    ctx.json(new DiscountsBody(customer.value(), coupons.discounts().discounts(customer).stream()
                            .map(DiscountBody::of).toList()));
                });
        routes.answers(200, "The discounts", DiscountsBody.class)
                .query(Callers.CUSTOMER_PARAM, "Another customer's discounts (admin only)");
    }

    private void create(Context ctx) {
        CreateCouponRequest body = json.read(ctx, CreateCouponRequest.class);
        CouponCode code = parse("code", TextBounds.check(JsonBody.requiredText(body.code(), "code"), "code",
                TextBounds.ID).strip(), CouponCode::of);
        String name = TextBounds.check(body.name() == null || body.name().isBlank() ? code.value() : body.name(),
                "name", TextBounds.COUPON_NAME);
        Discount discount = discount(body);
        CouponDuration duration = duration(body);
        Set<PlanCode> plans = new LinkedHashSet<>();
        List<String> planTexts = TextBounds.checkCount(body.plans() == null ? List.of() : body.plans(), "plans",
                TextBounds.COUPON_LIMITS);
        for (int i = 0; i < planTexts.size(); i++) {
            String field = "plans[" + i + "]";
            plans.add(parse(field, TextBounds.check(JsonBody.requiredText(planTexts.get(i), field), field, TextBounds.ID),
                    PlanCode::of));
        }
        Set<MeterKey> meters = new LinkedHashSet<>();
        List<String> meterTexts = TextBounds.checkCount(body.meters() == null ? List.of() : body.meters(), "meters",
                TextBounds.COUPON_LIMITS);
        for (int i = 0; i < meterTexts.size(); i++) {
            String field = "meters[" + i + "]";
            meters.add(parse(field, TextBounds.check(JsonBody.requiredText(meterTexts.get(i), field), field,
                    TextBounds.ID), MeterKey::of));
        }
        if (body.maxRedemptions() != null && body.maxRedemptions() < 1) {
            throw ApiProblem.invalidField("maxRedemptions", "maxRedemptions must be at least 1 but was "
                    + body.maxRedemptions());
        }
        CouponView created;
        try {
            created = coupons.create().create(new CreateCouponCommand(code, name, discount, duration, plans, meters,
                    Optional.ofNullable(body.maxRedemptions()), Optional.ofNullable(body.redeemBy()), Callers.user(ctx)));
        } catch (BillingException e) {
            throw named(e);
        }
        ctx.status(201).json(CouponBody.of(created));
    }

    private static Discount discount(CreateCouponRequest body) {
        if ((body.percentOff() == null) == (body.amountOff() == null)) {
            throw ApiProblem.invalidField(body.percentOff() == null ? "percentOff" : "amountOff",
                    "give exactly one of percentOff (e.g. 20) and amountOff (e.g. 50.00, with currency)");
        }
        if (body.percentOff() != null) {
            return parse("percentOff", body.percentOff(), Discount.PercentOff::new);
        }
        String currencyText = TextBounds.check(JsonBody.requiredText(body.currency(), "currency"), "currency",
                TextBounds.CURRENCY);
        java.util.Currency currency = parse("currency", currencyText.strip().toUpperCase(Locale.ROOT), Money::currency);
        BigDecimal amount = body.amountOff();
        if (amount.stripTrailingZeros().scale() > Money.minorDigits(currency)) {
            throw ApiProblem.invalidField("amountOff", "amountOff must be whole " + currency.getCurrencyCode()
                    + " minor units (at most " + Money.minorDigits(currency) + " decimals) but was " + amount.toPlainString());
        }
        return parse("amountOff", amount, a -> new Discount.AmountOff(Money.of(a, currency)));
    }

    private static CouponDuration duration(CreateCouponRequest body) {
        String text = JsonBody.requiredText(body.duration(), "duration").strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "once" -> {
                requireNoPeriods(body);
                yield CouponDuration.once();
            }
            case "forever" -> {
                requireNoPeriods(body);
                yield CouponDuration.forever();
            }
            case "repeating" -> parse("durationPeriods", JsonBody.required(body.durationPeriods(), "durationPeriods"),
                    CouponDuration::repeating);
            default -> throw ApiProblem.invalidField("duration", "duration must be once, repeating or forever but was '"
                    + body.duration() + "'");
        };
    }

    private static void requireNoPeriods(CreateCouponRequest body) {
        if (body.durationPeriods() != null) {
            throw ApiProblem.invalidField("durationPeriods", "durationPeriods is only for duration repeating");
        }
    }

    private void apply(Context ctx) {
        CustomerId customer = Callers.parseCustomer("customerId", ctx.pathParam("customerId"));
        ApplyCouponRequest body = json.read(ctx, ApplyCouponRequest.class);
        CouponCode code = parse("coupon", TextBounds.check(JsonBody.requiredText(body.coupon(), "coupon"), "coupon",
                TextBounds.ID).strip(), CouponCode::of);
        AppliedDiscountView applied = coupons.apply().apply(new ApplyCouponCommand(customer, code, Callers.user(ctx)));
        ctx.status(201).json(DiscountBody.of(applied));
    }

    private void remove(Context ctx) {
        CustomerId customer = Callers.parseCustomer("customerId", ctx.pathParam("customerId"));
        String id = TextBounds.check(ctx.pathParam("redemptionId"), "redemptionId", TextBounds.ID);
        ctx.json(DiscountBody.of(coupons.remove().remove(new RemoveCouponCommand(customer, id, Callers.user(ctx)))));
    }

    /** {@code parser(value)}, or a 400 naming {@code field} with the domain's message. */
    private static <T, R> R parse(String field, T value, Function<T, R> parser) {
        try {
            return parser.apply(value);
        } catch (BillingException e) {
            throw ApiProblem.invalidField(field, e.code(), e.getMessage());
        }
    }

    /** The create's catalog refusals name their field. */
    private static RuntimeException named(BillingException e) {
        return switch (e.code()) {
            case UNKNOWN_PLAN -> ApiProblem.invalidField("plans", e.code(), e.getMessage());
            case UNKNOWN_METER -> ApiProblem.invalidField("meters", e.code(), e.getMessage());
            case INVALID_ARGUMENT -> e.getMessage().startsWith("redeemBy")
                    ? ApiProblem.invalidField("redeemBy", e.code(), e.getMessage()) : e;
            default -> e;
        };
    }
}
