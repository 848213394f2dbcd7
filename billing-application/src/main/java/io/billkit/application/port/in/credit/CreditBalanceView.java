package io.billkit.application.port.in.credit;

import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's spendable credits now, in total and by bucket.
 *
 * @param nextExpiry   when the soonest-expiring active grant expires, if any
 * @param expiringNext how many credits expire then
 */
public record CreditBalanceView(CustomerId customer, BigDecimal total, BigDecimal purchased, BigDecimal subscription, BigDecimal promotional, Optional<Instant> nextExpiry, BigDecimal expiringNext, Instant asOf) {
    public CreditBalanceView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(purchased, "purchased");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(promotional, "promotional");
        Objects.requireNonNull(nextExpiry, "nextExpiry");
        Objects.requireNonNull(expiringNext, "expiringNext");
        Objects.requireNonNull(asOf, "asOf");
    }
}
