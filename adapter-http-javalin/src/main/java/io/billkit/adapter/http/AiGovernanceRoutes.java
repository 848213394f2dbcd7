package io.billkit.adapter.http;

import io.billkit.application.port.in.ai.AiGovernanceView;
import io.billkit.application.port.in.ai.AiQuotaPredictionView;
import io.billkit.application.port.in.ai.AiUsageStatisticsQuery;
import io.billkit.application.port.in.ai.AiUsageStatisticsView;
import io.billkit.application.port.in.ai.AiRequestDecisionView;
import io.billkit.application.port.in.ai.AiSettlementView;
import io.billkit.application.port.in.ai.CheckAiRequestCommand;
import io.billkit.application.port.in.ai.SetAiGovernanceCommand;
import io.billkit.application.port.in.ai.SettleAiRequestCommand;
import io.billkit.application.port.out.UsageSnapshot;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.BudgetCheck;
import io.billkit.domain.forecast.ModelPolicy;
import io.billkit.domain.money.Money;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AI cost governance:
 * <ul>
 *   <li>{@code GET /api/v1/ai/governance} (member; {@code ?customerId=} for an admin): budgets, allowlist, fallback;</li>
 *   <li>{@code PUT /api/v1/admin/ai/governance?customerId=} (admin): {@code {"dailyBudget": {"amount","currency"}?,
 *       "monthlyBudget"?, "allowedModels": [..]?, "fallbackModel"?}} replaces it;</li>
 *   <li>{@code POST /api/v1/ai/check} (API key): {@code {"customerId"?, "model", "estimatedTokens"}} answers
 *       {@code ALLOWED | ALLOWED_ON_FALLBACK | DENIED} (200 either way) and, when allowed, a reservation id;</li>
 *   <li>{@code POST /api/v1/ai/reservations/{id}/settle} (API key): {@code {"customerId"?, "tokens"}} settles it with
 *       the real token count (recorded as usage of the token meter);</li>
 *   <li>{@code GET /api/v1/ai/usage?from=YYYY-MM-DD&to=YYYY-MM-DD} (member): tokens, requests and cost in total and
 *       per model (event property {@code model}) over the customer's local days {@code [from, to]};</li>
 *   <li>{@code GET /api/v1/ai/prediction} (member): remaining requests and tokens in the current windows, cost to
 *       the period's end, whether a budget will be passed, and a recommended action;</li>
 *   <li>{@code GET /api/v1/billing/usage/snapshots?from&to} (member): daily usage snapshots (per meter quantity and
 *       the day's cost) of the finished days in {@code [from, to]}.</li>
 * </ul>
 */
final class AiGovernanceRoutes implements RouteGroup {
    static final int MAX_MODELS = 100;

    record GovernanceRequest(Money dailyBudget, Money monthlyBudget, List<String> allowedModels, String fallbackModel) {
    }

    record CheckRequest(CustomerId customerId, String model, BigDecimal estimatedTokens) {
    }

    record SettleRequest(CustomerId customerId, BigDecimal tokens) {
    }

    record GovernanceBody(String customerId, Optional<Money> dailyBudget, Optional<Money> monthlyBudget,
                          List<String> allowedModels, Optional<String> fallbackModel, Optional<Instant> updatedAt) {
        static GovernanceBody of(AiGovernanceView v) {
            return new GovernanceBody(v.customer().value(), v.dailyBudget(), v.monthlyBudget(),
                    v.allowedModels().stream().sorted().toList(), v.fallbackModel(), v.updatedAt());
        }
    }

    record BudgetCheckBody(String status, Money budget, Money spent, Money projected, Money remaining) {
        static BudgetCheckBody of(BudgetCheck c) {
            return new BudgetCheckBody(c.status().name(), c.budget(), c.spent(), c.projected(), c.remaining());
        }
    }

    record DecisionBody(String customerId, String requestedModel, String decision, Optional<String> model,
                        Optional<String> reason, String message, BigDecimal estimatedTokens, Money estimatedCost,
                        Optional<BudgetCheckBody> daily, Optional<BudgetCheckBody> monthly,
                        Optional<String> fallbackModel, Optional<String> reservationId,
                        Optional<Instant> reservationExpiresAt) {
        static DecisionBody of(AiRequestDecisionView v) {
            return new DecisionBody(v.customer().value(), v.requestedModel(), v.decision().name(), v.model(),
                    v.reason().map(Enum::name), v.message(), v.estimatedTokens(), v.estimatedCost(),
                    v.daily().map(BudgetCheckBody::of), v.monthly().map(BudgetCheckBody::of), v.fallbackModel(),
                    v.reservationId(), v.reservationExpiresAt());
        }
    }

    record SettlementBody(String reservationId, String model, BigDecimal reservedTokens, BigDecimal actualTokens,
                          Optional<String> usageEventId, Instant settledAt) {
        static SettlementBody of(AiSettlementView v) {
            return new SettlementBody(v.reservationId(), v.model(), v.reservedTokens(), v.actualTokens(),
                    v.usageEventId(), v.settledAt());
        }
    }

    record ModelUsageBody(String model, BigDecimal tokens, long requests, Money cost) {
    }

    record StatisticsBody(String customerId, LocalDate from, LocalDate to, String modelProperty, BigDecimal totalTokens,
                          long requests, Money totalCost, List<ModelUsageBody> models) {
        static StatisticsBody of(AiUsageStatisticsView v) {
            return new StatisticsBody(v.customer().value(), v.from(), v.to(), v.modelProperty(), v.totalTokens(),
                    v.requests(), v.totalCost(), v.models().stream()
                    .map(m -> new ModelUsageBody(m.model(), m.tokens(), m.requests(), m.cost())).toList());
        }
    }

    record WindowBody(String meter, String window, String mode, Instant windowStart, Instant windowEnd, BigDecimal used,
                      Optional<BigDecimal> limit, Optional<BigDecimal> remaining, BigDecimal projectedUsage,
                      boolean willReachLimit) {
        static WindowBody of(AiQuotaPredictionView.MeterWindow w) {
            return new WindowBody(w.meter().value(), w.window().name(), w.mode().name(), w.windowStart(), w.windowEnd(),
                    w.used(), w.limit(), w.remaining(), w.projectedUsage(), w.willReachLimit());
        }
    }

    record RecommendationBody(String action, Optional<String> model, Optional<String> plan,
                              Optional<String> creditProduct, String message) {
    }

    record PredictionBody(String customerId, Instant at, List<WindowBody> windows, Money spentThisPeriod,
                          Money estimatedCostToPeriodEnd, Optional<BudgetCheckBody> daily,
                          Optional<BudgetCheckBody> monthly, boolean willExceedBudget,
                          RecommendationBody recommendation) {
        static PredictionBody of(AiQuotaPredictionView v) {
            AiQuotaPredictionView.Recommendation r = v.recommendation();
            return new PredictionBody(v.customer().value(), v.at(), v.windows().stream().map(WindowBody::of).toList(),
                    v.spentThisPeriod(), v.estimatedCostToPeriodEnd(), v.daily().map(BudgetCheckBody::of),
                    v.monthly().map(BudgetCheckBody::of), v.willExceedBudget(),
                    new RecommendationBody(r.action().name(), r.model(), r.plan(), r.creditProduct(), r.message()));
        }
    }

    record SnapshotBody(LocalDate day, java.util.Map<String, BigDecimal> quantities, Money cost, Instant takenAt) {
        static SnapshotBody of(UsageSnapshot s) {
            java.util.Map<String, BigDecimal> quantities = new java.util.LinkedHashMap<>();
            s.quantities().forEach((meter, quantity) -> quantities.put(meter.value(), quantity));
            return new SnapshotBody(s.day(), quantities, s.cost(), s.takenAt());
        }
    }

    record SnapshotsBody(String customerId, List<SnapshotBody> snapshots) {
    }

    private final AiUseCases ai;
    private final JsonBody json;

    AiGovernanceRoutes(AiUseCases ai, JsonBody json) {
        this.ai = Objects.requireNonNull(ai, "ai");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "ai";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/ai/governance", Access.MEMBER, "The customer's AI budgets, model allowlist and fallback model",
                ctx -> ctx.json(GovernanceBody.of(ai.governance().get(Callers.customer(ctx)))))
                .answers(200, "The customer's AI governance settings", GovernanceBody.class);
        routes.put("/api/v1/admin/ai/governance", Access.ADMIN,
                "Set a customer's AI budgets (daily, monthly), model allowlist and fallback model", this::set)
                .query("customerId", "The customer whose settings are set")
                .body(GovernanceRequest.class)
                .answers(200, "The settings now in force", GovernanceBody.class);
        routes.post("/api/v1/ai/check", Access.API_KEY,
                "May this AI request run (model, estimated tokens)? Allowed ones reserve their estimate", this::check)
                .body(CheckRequest.class)
                .answers(200, "Allowed, allowed on the fallback model, or denied with the reason", DecisionBody.class);
        routes.post("/api/v1/ai/reservations/{reservationId}/settle", Access.API_KEY,
                "Settle an AI reservation with the real token count (recorded as token usage)", this::settle)
                .body(SettleRequest.class)
                .answers(200, "The settled reservation", SettlementBody.class);
        routes.get("/api/v1/ai/usage", Access.MEMBER,
                "AI tokens, requests and cost over local days from..to, in total and per model", this::statistics)
                .queryDate("from", "First local day (required)")
                .queryDate("to", "Last local day, inclusive (required)")
                .answers(200, "Totals and the per-model breakdown", StatisticsBody.class);
        routes.get("/api/v1/ai/prediction", Access.MEMBER,
                "AI quota prediction: remaining requests and tokens, cost to period end, budgets, recommended action",
                ctx -> ctx.json(PredictionBody.of(ai.quotaPrediction().predict(Callers.customer(ctx)))))
                .answers(200, "The prediction and a recommended action", PredictionBody.class);
        routes.get("/api/v1/billing/usage/snapshots", Access.MEMBER,
                "Daily usage snapshots (per meter quantity, the day's cost) of finished days from..to", ctx -> {
                    CustomerId customer = Callers.customer(ctx);
                    LocalDate[] range = range(ctx);
                    ctx.json(new SnapshotsBody(customer.value(), ai.usageSnapshots().snapshots(customer, range[0],
                            range[1]).stream().map(SnapshotBody::of).toList()));
                })
                .queryDate("from", "First local day (required)")
                .queryDate("to", "Last local day, inclusive (required)")
                .answers(200, "One snapshot per finished day", SnapshotsBody.class);
    }

    private void set(Context ctx) {
        CustomerId customer = Callers.requestedCustomer(ctx).orElseThrow(() ->
                ApiProblem.invalidField(Callers.CUSTOMER_PARAM, "customerId is required"));
        GovernanceRequest body = json.read(ctx, GovernanceRequest.class);
        Optional<Money> daily = positive(body.dailyBudget(), "dailyBudget");
        Optional<Money> monthly = positive(body.monthlyBudget(), "monthlyBudget");
        if (daily.isPresent() && monthly.isPresent() && !daily.get().currency().equals(monthly.get().currency())) {
            throw ApiProblem.invalidField("monthlyBudget", "dailyBudget and monthlyBudget must share a currency");
        }
        List<String> models = body.allowedModels() == null ? List.of() : body.allowedModels();
        if (models.size() > MAX_MODELS) {
            throw ApiProblem.invalidField("allowedModels", "at most " + MAX_MODELS + " models");
        }
        for (String model : models) {
            if (model == null || model.isBlank() || model.length() > ModelPolicy.MAX_NAME_LENGTH) {
                throw ApiProblem.invalidField("allowedModels",
                        "model names must be 1.." + ModelPolicy.MAX_NAME_LENGTH + " non-blank characters");
            }
        }
        Optional<String> fallback = Optional.ofNullable(body.fallbackModel());
        if (fallback.isPresent() && !models.contains(fallback.get())) {
            throw ApiProblem.invalidField("fallbackModel", "fallbackModel must be one of allowedModels");
        }
        AiGovernanceView view = ai.setGovernance().set(new SetAiGovernanceCommand(customer, daily, monthly,
                new LinkedHashSet<>(models), fallback, Callers.user(ctx)));
        ctx.json(GovernanceBody.of(view));
    }

    private void statistics(Context ctx) {
        CustomerId customer = Callers.customer(ctx);
        LocalDate[] range = range(ctx);
        ctx.json(StatisticsBody.of(ai.usageStatistics().statistics(new AiUsageStatisticsQuery(customer, range[0],
                range[1]))));
    }

    /** {@code from} and {@code to} (both required, to >= from, at most 366 days), 400 naming the field. */
    private static LocalDate[] range(Context ctx) {
        LocalDate from = QueryParams.date(ctx, "from").orElseThrow(() ->
                ApiProblem.invalidField("from", "from (YYYY-MM-DD) is required"));
        LocalDate to = QueryParams.date(ctx, "to").orElseThrow(() ->
                ApiProblem.invalidField("to", "to (YYYY-MM-DD) is required"));
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "to must not be before from");
        }
        if (ChronoUnit.DAYS.between(from, to) >= AiUsageStatisticsQuery.MAX_DAYS) {
            throw ApiProblem.invalidField("to", "the range must be at most " + AiUsageStatisticsQuery.MAX_DAYS + " days");
        }
        return new LocalDate[] {from, to};
    }

    private static Optional<Money> positive(Money money, String field) {
        if (money != null && !money.isPositive()) {
            throw ApiProblem.invalidField(field, field + " must be positive but was " + money);
        }
        return Optional.ofNullable(money);
    }

    private void check(Context ctx) {
        CheckRequest body = json.read(ctx, CheckRequest.class);
        CustomerId customer = apiKeyCustomer(ctx, body.customerId());
        String model = JsonBody.requiredText(body.model(), "model");
        if (model.length() > ModelPolicy.MAX_NAME_LENGTH) {
            throw ApiProblem.invalidField("model", "model must be at most " + ModelPolicy.MAX_NAME_LENGTH + " characters");
        }
        BigDecimal tokens = tokens(JsonBody.required(body.estimatedTokens(), "estimatedTokens"), "estimatedTokens");
        ctx.json(DecisionBody.of(ai.checkAiRequest().check(
                new CheckAiRequestCommand(customer, model, tokens, Callers.apiKey(ctx)))));
    }

    private void settle(Context ctx) {
        String reservationId = ctx.pathParam("reservationId");
        if (reservationId.isBlank() || reservationId.length() > 64) {
            throw ApiProblem.invalidField("reservationId", "reservationId must be 1..64 characters");
        }
        SettleRequest body = json.read(ctx, SettleRequest.class);
        CustomerId customer = apiKeyCustomer(ctx, body.customerId());
        BigDecimal tokens = tokens(JsonBody.required(body.tokens(), "tokens"), "tokens");
        ctx.json(SettlementBody.of(ai.settleAiRequest().settle(
                new SettleAiRequestCommand(customer, reservationId, tokens, Callers.apiKey(ctx)))));
    }

    private static BigDecimal tokens(BigDecimal tokens, String field) {
        if (tokens.signum() < 0 || tokens.compareTo(BigDecimal.valueOf(CheckAiRequestCommand.MAX_TOKENS)) > 0) {
            throw ApiProblem.invalidField(field, field + " must be 0.." + CheckAiRequestCommand.MAX_TOKENS
                    + " but was " + tokens.toPlainString());
        }
        return tokens;
    }

    private static CustomerId apiKeyCustomer(Context ctx, CustomerId asked) {
        ApiKeyPrincipal key = AccessControl.requireApiKey(ctx);
        CustomerId customer = Optional.ofNullable(asked).or(key::customer).orElseThrow(() ->
                ApiProblem.invalidField("customerId", "customerId is required with a service-wide API key"));
        key.requireMayActFor(customer);
        return customer;
    }
}
