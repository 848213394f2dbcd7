package io.billkit.application.port.in.ai;

import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.BudgetCheck;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a customer's AI usage is heading, at {@code at}:
 *
 * @param windows                  the request and token meters' current allowance windows: used, remaining
 *                                 (empty = unlimited) and the linear projection to the window's end
 * @param spentThisPeriod          the token meter's cost so far in the billing period
 * @param estimatedCostToPeriodEnd the period's token usage projected linearly to the period's end, priced by the plan
 * @param daily                    today's spend and its projection to the day's end against the daily budget
 * @param monthly                  this month's spend and its projection to the month's end against the monthly budget
 * @param willExceedBudget         whether a budget is exceeded or projected to be
 * @param recommendation           what to do about it
 */
public record AiQuotaPredictionView(CustomerId customer, Instant at, List<MeterWindow> windows, Money spentThisPeriod,
                                    Money estimatedCostToPeriodEnd, Optional<BudgetCheck> daily,
                                    Optional<BudgetCheck> monthly, boolean willExceedBudget,
                                    Recommendation recommendation) {
    public AiQuotaPredictionView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(at, "at");
        windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
        Objects.requireNonNull(spentThisPeriod, "spentThisPeriod");
        Objects.requireNonNull(estimatedCostToPeriodEnd, "estimatedCostToPeriodEnd");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(monthly, "monthly");
        Objects.requireNonNull(recommendation, "recommendation");
    }

    public record MeterWindow(MeterKey meter, Window window, LimitMode mode, Instant windowStart, Instant windowEnd,
                              BigDecimal used, Optional<BigDecimal> limit, Optional<BigDecimal> remaining,
                              BigDecimal projectedUsage, boolean willReachLimit) {
        public MeterWindow {
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(windowStart, "windowStart");
            Objects.requireNonNull(windowEnd, "windowEnd");
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(remaining, "remaining");
            Objects.requireNonNull(projectedUsage, "projectedUsage");
        }
    }

    /** What to do: {@code model}, {@code plan} or {@code creditProduct} is set for the action that names one. */
    public record Recommendation(Action action, Optional<String> model, Optional<String> plan,
                                 Optional<String> creditProduct, String message) {
        public Recommendation {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(creditProduct, "creditProduct");
            Objects.requireNonNull(message, "message");
        }
    }

    public enum Action {
        /** Nothing is projected to run out. */
        NONE,
        /** A HARD limit of the plan will be reached: a plan with more (named) lifts it. */
        UPGRADE_PLAN,
        /** A budget will be passed: use the (named) fallback model. */
        SWITCH_TO_FALLBACK_MODEL,
        /** A budget will be passed and there is no fallback: buy the (named) cheapest credit pack. */
        BUY_CREDITS,
        /** A budget will be passed and nothing else helps: raise it. */
        RAISE_BUDGET
    }
}
