package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Progressive billing's thresholds of a plan or a subscription: amounts of accrued usage charges within one
 * period (before discounts and tax) at which a threshold invoice is issued mid-period.
 * <p>{@code amounts} are one-off levels, strictly ascending and positive (at most 20); {@code recurringEvery},
 * when present, adds a level every that much past the last one-off level (or from zero without one-off levels):
 * amounts {@code [100, 500]} and every {@code 1,000} give levels 100, 500, 1,500, 2,500, ... At least one of the
 * two is given. All in {@code currency}.
 */
public record UsageThresholds(Currency currency, List<Money> amounts, Optional<Money> recurringEvery) {
    public static final int MAX_AMOUNTS = 20;

    public UsageThresholds {
        Objects.requireNonNull(currency, "currency");
        amounts = List.copyOf(Objects.requireNonNull(amounts, "amounts"));
        Objects.requireNonNull(recurringEvery, "recurringEvery");
        BillingException.require(!amounts.isEmpty() || recurringEvery.isPresent(),
                "usage thresholds need at least one amount or a recurring amount");
        BillingException.require(amounts.size() <= MAX_AMOUNTS,
                "at most " + MAX_AMOUNTS + " threshold amounts, but " + amounts.size() + " were given");
        Money previous = null;
        List<Money> all = new ArrayList<>(amounts);
        recurringEvery.ifPresent(all::add);
        for (Money amount : all) {
            if (!amount.currency().equals(currency)) {
                throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "threshold " + amount + " is not in "
                        + currency.getCurrencyCode());
            }
            BillingException.require(amount.isPositive(), "a threshold amount must be positive but was " + amount);
        }
        for (Money amount : amounts) {
            BillingException.require(previous == null || amount.isGreaterThan(previous),
                    "threshold amounts must be strictly ascending: " + amount + " follows " + previous);
            previous = amount;
        }
    }

    /**
     * The highest level at or below {@code accrued}; empty when {@code accrued} is below the first level.
     * A threshold invoice is due when this is above the level reached by the period's last threshold invoice.
     */
    public Optional<Money> levelReached(Money accrued) {
        Objects.requireNonNull(accrued, "accrued");
        if (!accrued.currency().equals(currency)) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "accrued usage " + accrued + " is not in "
                    + currency.getCurrencyCode());
        }
        Optional<Money> reached = Optional.empty();
        for (Money amount : amounts) {
            if (amount.isGreaterThan(accrued)) {
                return reached;
            }
            reached = Optional.of(amount);
        }
        if (recurringEvery.isEmpty()) {
            return reached;
        }
        Money last = reached.orElse(Money.zero(currency));
        Money step = recurringEvery.get();
        // whole steps past the last one-off level: floor((accrued - last) / step)
        java.math.BigDecimal steps = accrued.minus(last).amount()
                .divideToIntegralValue(step.amount());
        if (steps.signum() <= 0) {
            return reached;
        }
        return Optional.of(Money.of(last.amount().add(step.amount().multiply(steps)), currency));
    }
}
