package io.billkit.domain.credit;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A customer's spendable credits at one instant: the remaining credits of the grants active then
 * (expired and not-yet-started grants excluded), in total and per {@link CreditSource}.
 *
 * @param at           the instant the balance is for
 * @param total        sum of the three buckets
 * @param purchased    remaining purchased credits
 * @param subscription remaining subscription credits active at {@code at}
 * @param promotional  remaining promotional credits active at {@code at}
 */
public record CreditBalance(Instant at, BigDecimal total, BigDecimal purchased, BigDecimal subscription,
                            BigDecimal promotional) {
    public CreditBalance {
        Objects.requireNonNull(at, "at");
        CreditAmounts.requireNotNegative(total, "total");
        CreditAmounts.requireNotNegative(purchased, "purchased");
        CreditAmounts.requireNotNegative(subscription, "subscription");
        CreditAmounts.requireNotNegative(promotional, "promotional");
        BillingException.require(total.compareTo(purchased.add(subscription).add(promotional)) == 0,
                "balance total " + total.toPlainString() + " must be the sum of its buckets");
    }

    /** The remaining credits of {@code source}. */
    public BigDecimal of(CreditSource source) {
        return switch (Objects.requireNonNull(source, "source")) {
            case PURCHASED -> purchased;
            case SUBSCRIPTION -> subscription;
            case PROMOTIONAL -> promotional;
        };
    }

    /** True when at least {@code amount} credits can be spent. */
    public boolean covers(BigDecimal amount) {
        return total.compareTo(Objects.requireNonNull(amount, "amount")) >= 0;
    }

    /** True when nothing can be spent. */
    public boolean isEmpty() {
        return total.signum() == 0;
    }
}
