package io.billkit.adapter.http;

import io.billkit.application.port.in.credit.GetLowBalanceThresholdUseCase;
import io.billkit.application.port.in.credit.LowBalanceThresholdView;
import io.billkit.application.port.in.credit.SetLowBalanceThresholdCommand;
import io.billkit.application.port.in.credit.SetLowBalanceThresholdUseCase;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The low credit balance threshold ({@code credits.balance_low} fires when a debit crosses it downwards):
 * <ul>
 *   <li>{@code GET /api/v1/billing/credits/low-balance-threshold} (member): the threshold in effect for the
 *       caller's customer, with its {@code source} ({@code CUSTOMER}, {@code PLAN} or {@code DEFAULT});</li>
 *   <li>{@code PUT /api/v1/admin/credits/low-balance-threshold?customerId=} or {@code ?plan=} (admin):
 *       {@code {"threshold": 500}} sets a customer's or a plan's threshold (credits, >= 0);
 *       {@code {"threshold": null}} removes it (back to the plan's, then the default 1,000).</li>
 * </ul>
 */
final class LowBalanceThresholdRoutes implements RouteGroup {
    static final String MEMBER_PATH = "/api/v1/billing/credits/low-balance-threshold";
    static final String ADMIN_PATH = "/api/v1/admin/credits/low-balance-threshold";
    static final String PLAN_PARAM = "plan";

    /** @param threshold credits (>= 0); null removes the threshold */
    record ThresholdRequest(BigDecimal threshold) {
    }

    /** @param customerId the customer, when the threshold is a customer's; @param plan the plan's code, for a plan's */
    record ThresholdBody(Optional<String> customerId, Optional<String> plan, BigDecimal threshold, String source) {
        static ThresholdBody ofCustomer(CustomerId customer, LowBalanceThresholdView v) {
            return new ThresholdBody(Optional.of(customer.value()), Optional.empty(), v.threshold(), v.source().name());
        }

        static ThresholdBody ofPlan(PlanCode plan, LowBalanceThresholdView v) {
            return new ThresholdBody(Optional.empty(), Optional.of(plan.value()), v.threshold(), v.source().name());
        }
    }

    private final SetLowBalanceThresholdUseCase set;
    private final GetLowBalanceThresholdUseCase get;
    private final JsonBody json;

    LowBalanceThresholdRoutes(SetLowBalanceThresholdUseCase set, GetLowBalanceThresholdUseCase get, JsonBody json) {
        this.set = Objects.requireNonNull(set, "set");
        this.get = Objects.requireNonNull(get, "get");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "low-balance-threshold";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get(MEMBER_PATH, Access.MEMBER,
                "The credit balance below which credits.balance_low is raised for the customer, and its source",
                ctx -> {
                    CustomerId customer = Callers.customer(ctx);
                    ctx.json(ThresholdBody.ofCustomer(customer, get.forCustomer(customer)));
                })
                .answers(200, "The threshold in effect", ThresholdBody.class);
        routes.put(ADMIN_PATH, Access.ADMIN,
                "Set (or with null remove) a customer's or a plan's low credit balance threshold; audited", this::put)
                .query(Callers.CUSTOMER_PARAM, "The customer whose threshold is set (or give plan)")
                .query(PLAN_PARAM, "The plan whose threshold is set (or give customerId)")
                .body(ThresholdRequest.class)
                .answers(200, "The threshold now in effect (for the customer, or the plan's)", ThresholdBody.class)
                .problem(404, "No such customer")
                .problem(400, "Neither or both of customerId and plan, an unknown plan, or a bad threshold");
    }

    private void put(Context ctx) {
        Optional<CustomerId> customer = Callers.requestedCustomer(ctx);
        Optional<PlanCode> plan = Optional.ofNullable(ctx.queryParam(PLAN_PARAM)).filter(p -> !p.isBlank())
                .map(p -> PlanCode.of(TextBounds.check(p, PLAN_PARAM, TextBounds.ID)));
        if (customer.isPresent() == plan.isPresent()) {
            throw ApiProblem.invalidField(Callers.CUSTOMER_PARAM, "give exactly one of customerId and plan");
        }
        ThresholdRequest body = json.read(ctx, ThresholdRequest.class);
        Optional<BigDecimal> threshold = Optional.ofNullable(body.threshold());
        if (threshold.isPresent() && threshold.get().signum() < 0) {
            throw ApiProblem.invalidField("threshold", "threshold must not be negative");
        }
        if (threshold.isPresent() && (threshold.get().stripTrailingZeros().scale() > 12
                || threshold.get().compareTo(new BigDecimal("1e15")) >= 0)) {
            throw ApiProblem.invalidField("threshold", "threshold must be below 10^15 with at most 12 decimal places");
        }
        LowBalanceThresholdView view = set.set(new SetLowBalanceThresholdCommand(customer, plan, threshold,
                Callers.user(ctx)));
        ctx.json(customer.map(c -> ThresholdBody.ofCustomer(c, view)).orElseGet(() ->
                ThresholdBody.ofPlan(plan.orElseThrow(), view)));
    }
}
