package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.util.Objects;

/**
 * The result of comparing spend with a budget, all in the budget's currency: {@code spent} so far in the
 * window, {@code projected} spend at the window's end, and the {@code budget}. Spending exactly the budget is
 * WITHIN; strictly more is EXCEEDED (spent) or WILL_EXCEED (projected). Build it with {@link #of}.
 */
public record BudgetCheck(BudgetStatus status, Money budget, Money spent, Money projected) {
    public BudgetCheck {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(projected, "projected");
        BudgetStatus expected = classify(budget, spent, projected);
        BillingException.require(status == expected,
                "budget check status " + status + " contradicts its amounts (should be " + expected + ")");
    }

    /** Classifies {@code spent} and {@code projected} against {@code budget} (same currency, else CURRENCY_MISMATCH). */
    public static BudgetCheck of(Money budget, Money spent, Money projected) {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(spent, "spent");
        Objects.requireNonNull(projected, "projected");
        return new BudgetCheck(classify(budget, spent, projected), budget, spent, projected);
    }

    /** Money comparisons throw CURRENCY_MISMATCH when the currencies differ. */
    private static BudgetStatus classify(Money budget, Money spent, Money projected) {
        if (spent.isGreaterThan(budget)) {
            return BudgetStatus.EXCEEDED;
        }
        if (projected.isGreaterThan(budget)) {
            return BudgetStatus.WILL_EXCEED;
        }
        return BudgetStatus.WITHIN;
    }

    /** What is left of the budget, never negative. */
    public Money remaining() {
        return budget.minus(spent).max(Money.zero(budget.currency()));
    }

    /** How far the projection goes past the budget (zero when within). */
    public Money projectedOverrun() {
        return projected.minus(budget).max(Money.zero(budget.currency()));
    }

    /**
     * Returns this check unless EXCEEDED.
     *
     * @throws BillingException {@link ErrorCode#BUDGET_EXCEEDED} when the spend is over the budget
     */
    public BudgetCheck requireNotExceeded() {
        if (status == BudgetStatus.EXCEEDED) {
            throw new BillingException(ErrorCode.BUDGET_EXCEEDED,
                    "budget of " + budget + " exceeded: spent " + spent);
        }
        return this;
    }
}
