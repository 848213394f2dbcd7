package io.billkit.adapter.http;

import io.billkit.application.port.in.invoice.GetUsageThresholdsUseCase;
import io.billkit.application.port.in.invoice.SetUsageThresholdsCommand;
import io.billkit.application.port.in.invoice.SetUsageThresholdsUseCase;
import io.billkit.application.port.in.invoice.UsageThresholdsView;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Progressive billing's usage thresholds (a threshold invoice is issued mid-period when the usage charges accrued
 * in the period cross one), per plan or per subscription (admin):
 * <ul>
 *   <li>{@code GET /api/v1/admin/usage-thresholds?plan=} or {@code ?subscriptionId=}: the thresholds in effect and
 *       their {@code source} ({@code subscription}, {@code plan} or {@code none});</li>
 *   <li>{@code PUT} (same query) {@code {"currency":"USD","amounts":["100.00","500.00"],"recurringEvery":"1000.00"}}
 *       sets them (amounts strictly ascending, at most 20, each positive at the currency's minor unit; at least
 *       one amount or {@code recurringEvery}); audited;</li>
 *   <li>{@code DELETE} (same query) removes them (a subscription falls back to its plan's).</li>
 * </ul>
 */
final class UsageThresholdRoutes implements RouteGroup {
    static final String PATH = "/api/v1/admin/usage-thresholds";
    static final String PLAN_PARAM = "plan";
    static final String SUBSCRIPTION_PARAM = "subscriptionId";

    /**
     * @param currency       ISO 4217 code, the plan's currency
     * @param amounts        one-off levels of accrued usage charges, ascending (may be empty with recurringEvery)
     * @param recurringEvery a level every this much past the last amount; null for none
     */
    record ThresholdsRequest(String currency, List<BigDecimal> amounts, BigDecimal recurringEvery) {
    }

    /** The thresholds in effect; {@code amounts} empty and {@code currency} absent when {@code source} is none. */
    record ThresholdsBody(Optional<String> plan, Optional<String> subscriptionId, String source,
                          Optional<String> currency, List<BigDecimal> amounts, Optional<BigDecimal> recurringEvery) {
        static ThresholdsBody of(UsageThresholdsView v) {
            boolean plan = v.scope().equals("plan");
            return new ThresholdsBody(plan ? Optional.of(v.target()) : Optional.empty(),
                    plan ? Optional.empty() : Optional.of(v.target()), v.source(),
                    v.thresholds().map(t -> t.currency().getCurrencyCode()),
                    v.thresholds().map(t -> t.amounts().stream().map(Money::amount).toList()).orElse(List.of()),
                    v.thresholds().flatMap(UsageThresholds::recurringEvery).map(Money::amount));
        }
    }

    private final SetUsageThresholdsUseCase set;
    private final GetUsageThresholdsUseCase get;
    private final JsonBody json;

    UsageThresholdRoutes(SetUsageThresholdsUseCase set, GetUsageThresholdsUseCase get, JsonBody json) {
        this.set = Objects.requireNonNull(set, "set");
        this.get = Objects.requireNonNull(get, "get");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "usage-thresholds";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get(PATH, Access.ADMIN, "The progressive billing thresholds in effect for a plan or a subscription",
                        ctx -> {
                            Target target = target(ctx);
                            ctx.json(ThresholdsBody.of(target.plan().isPresent() ? get.forPlan(target.plan().get())
                                    : get.forSubscription(target.subscription().orElseThrow())));
                        })
                .query(PLAN_PARAM, "The plan (or give subscriptionId)")
                .query(SUBSCRIPTION_PARAM, "The subscription (or give plan)")
                .answers(200, "The thresholds in effect and their source", ThresholdsBody.class)
                .problem(404, "No such plan or subscription")
                .problem(400, "Neither or both of plan and subscriptionId");
        routes.put(PATH, Access.ADMIN, "Set a plan's or a subscription's progressive billing thresholds; audited",
                        this::put)
                .query(PLAN_PARAM, "The plan (or give subscriptionId)")
                .query(SUBSCRIPTION_PARAM, "The subscription (or give plan)")
                .body(ThresholdsRequest.class)
                .answers(200, "The thresholds now in effect", ThresholdsBody.class)
                .problem(404, "No such plan or subscription")
                .problem(400, "Neither or both of plan and subscriptionId, bad amounts, or another currency than the plan's");
        routes.delete(PATH, Access.ADMIN, "Remove a plan's or a subscription's progressive billing thresholds; audited",
                        ctx -> ctx.json(ThresholdsBody.of(change(ctx, Optional.empty()))))
                .query(PLAN_PARAM, "The plan (or give subscriptionId)")
                .query(SUBSCRIPTION_PARAM, "The subscription (or give plan)")
                .answers(200, "The thresholds in effect now (a subscription's plan's, or none)", ThresholdsBody.class)
                .problem(404, "No such plan or subscription")
                .problem(400, "Neither or both of plan and subscriptionId");
    }

    private void put(Context ctx) {
        Target target = target(ctx);
        ThresholdsRequest body = json.read(ctx, ThresholdsRequest.class);
        ctx.json(ThresholdsBody.of(change(ctx, target, Optional.of(thresholds(body)))));
    }

    private UsageThresholdsView change(Context ctx, Optional<UsageThresholds> thresholds) {
        return change(ctx, target(ctx), thresholds);
    }

    private UsageThresholdsView change(Context ctx, Target target, Optional<UsageThresholds> thresholds) {
        return set.set(new SetUsageThresholdsCommand(target.plan(), target.subscription(), thresholds, Callers.user(ctx)));
    }

    private static UsageThresholds thresholds(ThresholdsRequest body) {
        if (body.currency() == null || !body.currency().matches("[A-Z]{3}")) {
            throw ApiProblem.invalidField("currency", "currency must be an ISO 4217 code such as USD");
        }
        Currency currency;
        try {
            currency = Money.currency(body.currency());
        } catch (BillingException | IllegalArgumentException e) {
            throw ApiProblem.invalidField("currency", "unknown currency " + body.currency());
        }
        List<BigDecimal> raw = body.amounts() == null ? List.of() : body.amounts();
        if (raw.size() > UsageThresholds.MAX_AMOUNTS) {
            throw ApiProblem.invalidField("amounts", "at most " + UsageThresholds.MAX_AMOUNTS + " amounts");
        }
        List<Money> amounts = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            amounts.add(money("amounts[" + i + "]", raw.get(i), currency));
        }
        Optional<Money> every = Optional.ofNullable(body.recurringEvery()).map(e -> money("recurringEvery", e, currency));
        try {
            return new UsageThresholds(currency, amounts, every);
        } catch (BillingException e) {
            throw ApiProblem.invalidField(amounts.isEmpty() ? "recurringEvery" : "amounts", e.getMessage());
        }
    }

    private static Money money(String field, BigDecimal amount, Currency currency) {
        if (amount == null || amount.signum() <= 0) {
            throw ApiProblem.invalidField(field, field + " must be a positive amount");
        }
        if (amount.stripTrailingZeros().scale() > Money.minorDigits(currency) || amount.compareTo(new BigDecimal("1e15")) >= 0) {
            throw ApiProblem.invalidField(field, field + " must be below 10^15 with at most " + Money.minorDigits(currency)
                    + " decimal places in " + currency.getCurrencyCode());
        }
        return Money.of(amount.setScale(Math.max(0, Money.minorDigits(currency))), currency);
    }

    private static Target target(Context ctx) {
        Optional<PlanCode> plan = Optional.ofNullable(ctx.queryParam(PLAN_PARAM)).filter(p -> !p.isBlank())
                .map(p -> PlanCode.of(TextBounds.check(p, PLAN_PARAM, TextBounds.ID)));
        Optional<SubscriptionId> subscription = Optional.ofNullable(ctx.queryParam(SUBSCRIPTION_PARAM))
                .filter(p -> !p.isBlank()).map(p -> SubscriptionId.of(TextBounds.check(p, SUBSCRIPTION_PARAM, TextBounds.ID)));
        if (plan.isPresent() == subscription.isPresent()) {
            throw ApiProblem.invalidField(PLAN_PARAM, "give exactly one of plan and subscriptionId");
        }
        return new Target(plan, subscription);
    }

    private record Target(Optional<PlanCode> plan, Optional<SubscriptionId> subscription) {
    }
}
