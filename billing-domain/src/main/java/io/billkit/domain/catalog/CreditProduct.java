package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/** A pack of purchased credits (they never expire), sold at {@code price}. */
public record CreditProduct(String code, String name, BigDecimal credits, Money price) {
    public CreditProduct {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(price, "price");
        BillingException.require(credits.signum() > 0, "credit product " + code + " must grant credits");
        BillingException.require(price.isPositive(), "credit product " + code + " must have a positive price");
    }
}
