package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.util.Objects;

/** An action priced in credits, e.g. {@code api_call_premium} = 5 credits each. */
public record CreditEvent(String name, BigDecimal credits) {
    public CreditEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credits, "credits");
        BillingException.require(name.matches("[a-z][a-z0-9_]{0,63}"), "credit event name is invalid: '" + name + "'");
        BillingException.require(credits.signum() > 0, "credit event " + name + " must cost more than 0 credits");
    }

    /** Credits for {@code quantity} occurrences. */
    public BigDecimal creditsFor(BigDecimal quantity) {
        BillingException.require(quantity.signum() > 0, "quantity must be positive but was " + quantity.toPlainString());
        return credits.multiply(quantity);
    }
}
