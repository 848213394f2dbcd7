package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.util.Objects;
import java.util.Optional;

/**
 * A customer's spending caps: an optional {@code daily} and an optional {@code monthly} amount, both
 * positive and in the same currency. A budget with neither caps nothing (every check is absent).
 */
public record Budget(CustomerId customer, Optional<Money> daily, Optional<Money> monthly) {
    public Budget {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(monthly, "monthly");
        daily.ifPresent(d -> BillingException.require(d.isPositive(), "daily budget must be positive but was " + d));
        monthly.ifPresent(m -> BillingException.require(m.isPositive(), "monthly budget must be positive but was " + m));
        if (daily.isPresent() && monthly.isPresent()) {
            BillingException.require(daily.get().currency().equals(monthly.get().currency()),
                    "daily (" + daily.get().currencyCode() + ") and monthly (" + monthly.get().currencyCode()
                            + ") budgets must share a currency");
        }
    }

    public static Budget none(CustomerId customer) {
        return new Budget(customer, Optional.empty(), Optional.empty());
    }

    public static Budget of(CustomerId customer, Money daily, Money monthly) {
        return new Budget(customer, Optional.of(daily), Optional.of(monthly));
    }

    public static Budget dailyOnly(CustomerId customer, Money daily) {
        return new Budget(customer, Optional.of(daily), Optional.empty());
    }

    public static Budget monthlyOnly(CustomerId customer, Money monthly) {
        return new Budget(customer, Optional.empty(), Optional.of(monthly));
    }

    /** Today's spend so far and projected for the day's end against the daily budget; empty without one. */
    public Optional<BudgetCheck> checkDaily(Money spentToday, Money projectedToday) {
        return daily.map(d -> BudgetCheck.of(d, spentToday, projectedToday));
    }

    /** This month's spend so far and projected for the month's end against the monthly budget; empty without one. */
    public Optional<BudgetCheck> checkMonthly(Money spentThisMonth, Money projectedThisMonth) {
        return monthly.map(m -> BudgetCheck.of(m, spentThisMonth, projectedThisMonth));
    }
}
