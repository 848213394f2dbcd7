package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiQuotaPredictionView;
import io.billkit.application.port.in.ai.AiQuotaPredictionView.Action;
import io.billkit.application.port.in.ai.AiQuotaPredictionView.MeterWindow;
import io.billkit.application.port.in.ai.AiQuotaPredictionView.Recommendation;
import io.billkit.application.port.in.ai.GetAiQuotaPredictionUseCase;
import io.billkit.application.port.out.AiGovernance;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.application.port.out.AiReservationStore;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.Budget;
import io.billkit.domain.forecast.BudgetCheck;
import io.billkit.domain.forecast.BudgetStatus;
import io.billkit.domain.forecast.LinearForecast;
import io.billkit.domain.forecast.UsageForecast;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.CustomerCalendar;
import io.billkit.domain.time.TimeWindow;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * AI quota prediction from the domain's {@link LinearForecast}/{@link UsageForecast}:
 * <ul>
 *   <li>per AI meter of the plan (requests, tokens): the current allowance window's usage (the quota counter for
 *       counted HARD limits, else the usage store), remaining and projected usage;</li>
 *   <li>the token cost so far in the billing period and projected to its end;</li>
 *   <li>budgets: today's and this month's token spend (with open reservations) projected linearly to the day's and
 *       the month's end ({@link Budget#checkDaily}/{@link Budget#checkMonthly});</li>
 *   <li>the recommendation, first that applies: a HARD limit projected to be reached -> UPGRADE_PLAN to the
 *       cheapest dearer plan of the catalog (same currency) whose allowance for that meter is larger, SOFT or
 *       unlimited; a budget projected to be passed -> SWITCH_TO_FALLBACK_MODEL when there is a fallback, else
 *       BUY_CREDITS (the cheapest credit product) when the catalog sells credits, else RAISE_BUDGET; else NONE.</li>
 * </ul>
 */
public final class GetAiQuotaPredictionService implements GetAiQuotaPredictionUseCase {
    private final BillingContexts contexts;
    private final AiGovernanceStore governance;
    private final UsageEventStore events;
    private final UsageQuotas quotas;
    private final AiSpend spend;
    private final Catalog catalog;
    private final MeterKey requestMeter;
    private final Clock clock;

    public GetAiQuotaPredictionService(BillingContexts contexts, AiGovernanceStore governance,
                                       AiReservationStore reservations, UsageEventStore events, QuotaCounters counters,
                                       Catalog catalog, MeterKey tokenMeter, MeterKey requestMeter, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.governance = Objects.requireNonNull(governance, "governance");
        this.events = Objects.requireNonNull(events, "events");
        this.quotas = new UsageQuotas(events, counters);
        this.spend = new AiSpend(events, reservations, catalog, tokenMeter);
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.requestMeter = Objects.requireNonNull(requestMeter, "requestMeter");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AiQuotaPredictionView predict(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        Instant now = clock.instant();
        BillingContext context = contexts.live(customer, now);
        Plan plan = context.plan();
        CustomerCalendar calendar = context.calendar();
        Optional<AiGovernance> current = governance.find(customer);

        List<MeterWindow> windows = new ArrayList<>();
        Optional<MeterWindow> limiting = Optional.empty();
        for (MeterKey key : List.of(requestMeter, spend.tokenMeter())) {
            Optional<MeterTerms> terms = plan.terms(key);
            Optional<Meter> meter = catalog.meter(key);
            if (terms.isEmpty() || meter.isEmpty()) {
                continue;
            }
            MeterWindow window = window(context, meter.get(), terms.get(), now);
            windows.add(window);
            if (window.willReachLimit() && window.mode() == LimitMode.HARD && limiting.isEmpty()) {
                limiting = Optional.of(window);
            }
        }

        TimeWindow period = context.period().window();
        BigDecimal periodTokens = spend.usedTokens(customer, context.period().start(),
                context.period().endExclusive());
        Money spentThisPeriod = spend.cost(plan, periodTokens);
        Money toPeriodEnd = spend.cost(plan, LinearForecast.project(periodTokens, period, now));

        Budget budget = current.map(AiGovernance::budget).orElseGet(() -> Budget.none(customer));
        BigDecimal today = spend.tokensToday(customer, calendar, now);
        BigDecimal month = spend.tokensThisMonth(customer, calendar, now);
        Optional<BudgetCheck> daily = budget.checkDaily(spend.cost(plan, today),
                spend.cost(plan, LinearForecast.project(today, calendar.day(now), now)));
        Optional<BudgetCheck> monthly = budget.checkMonthly(spend.cost(plan, month),
                spend.cost(plan, LinearForecast.project(month, calendar.month(now), now)));
        boolean willExceed = daily.map(c -> c.status() != BudgetStatus.WITHIN).orElse(false)
                || monthly.map(c -> c.status() != BudgetStatus.WITHIN).orElse(false);

        Recommendation recommendation = recommend(plan, limiting, willExceed,
                current.flatMap(g -> g.models().fallback()));
        return new AiQuotaPredictionView(customer, now, windows, spentThisPeriod, toPeriodEnd, daily, monthly,
                willExceed, recommendation);
    }

    private MeterWindow window(BillingContext context, Meter meter, MeterTerms terms, Instant now) {
        AllowanceWindow window = AllowanceWindow.at(context, terms.allowance().window(), now);
        BigDecimal used = quotas.used(context.customer().id(), meter, terms, window);
        UsageForecast forecast = UsageForecast.of(terms, used, window.instants(), now);
        Limit included = terms.allowance().included();
        Optional<BigDecimal> limit = included instanceof Limit.Finite finite ? Optional.of(finite.quantity()) : Optional.empty();
        Optional<BigDecimal> remaining = MeterUsage.remaining(included, used) instanceof Limit.Finite finite
                ? Optional.of(finite.quantity())
                : Optional.empty();
        boolean reach = limit.map(l -> forecast.projectedUsage().compareTo(l) >= 0 && l.signum() > 0).orElse(false);
        return new MeterWindow(terms.meter(), terms.allowance().window(), terms.allowance().mode(), window.start(),
                window.end(), used, limit, remaining, forecast.projectedUsage(), reach);
    }

    private Recommendation recommend(Plan plan, Optional<MeterWindow> limiting, boolean willExceed,
                                     Optional<String> fallback) {
        if (limiting.isPresent()) {
            MeterWindow window = limiting.get();
            Optional<Plan> bigger = catalog.plans().stream()
                    .filter(p -> !p.code().equals(plan.code()) && p.currency().equals(plan.currency()))
                    .filter(p -> p.basePrice().isGreaterThan(plan.basePrice()))
                    .filter(p -> p.terms(window.meter()).map(t -> liftsLimit(t, window.limit().orElseThrow())).orElse(false))
                    .min(Comparator.comparing(p -> p.basePrice().amount()));
            if (bigger.isPresent()) {
                return new Recommendation(Action.UPGRADE_PLAN, Optional.empty(), Optional.of(bigger.get().code().value()),
                        Optional.empty(), window.meter().value() + " is projected to reach its " + window.window()
                        + " limit of " + window.limit().get().toPlainString() + ": upgrade to "
                        + bigger.get().name() + " (" + bigger.get().code().value() + ")");
            }
        }
        if (willExceed) {
            if (fallback.isPresent()) {
                return new Recommendation(Action.SWITCH_TO_FALLBACK_MODEL, fallback, Optional.empty(), Optional.empty(),
                        "AI spend is projected to pass a budget: switch to the fallback model '" + fallback.get() + "'");
            }
            Optional<CreditProduct> pack = catalog.creditProducts().stream()
                    .min(Comparator.comparing(c -> c.price().amount()));
            if (pack.isPresent()) {
                return new Recommendation(Action.BUY_CREDITS, Optional.empty(), Optional.empty(),
                        Optional.of(pack.get().code()), "AI spend is projected to pass a budget: buy credits ("
                        + pack.get().name() + ")");
            }
            return new Recommendation(Action.RAISE_BUDGET, Optional.empty(), Optional.empty(), Optional.empty(),
                    "AI spend is projected to pass a budget and there is no fallback model: raise the budget");
        }
        return new Recommendation(Action.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                "no AI limit or budget is projected to run out");
    }

    private static boolean liftsLimit(MeterTerms terms, BigDecimal currentLimit) {
        if (terms.allowance().isUnlimited() || terms.allowance().mode() == LimitMode.SOFT) {
            return true;
        }
        return terms.allowance().included() instanceof Limit.Finite finite && finite.quantity().compareTo(currentLimit) > 0;
    }

}
