package io.billkit.domain.customer;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A billed customer. Daily windows and billing periods are computed in {@code timeZone}
 * (default UTC). {@code taxRate} is an exclusive rate as a fraction (0.20 = 20 %), never negative.
 * {@code paymentTermsDays} sets an invoice's due date (net 30 by default). {@code address} may be
 * empty, never null.
 */
public record Customer(CustomerId id, String name, String email, ZoneId timeZone, BigDecimal taxRate,
                       int paymentTermsDays, String address) {
    public static final int DEFAULT_PAYMENT_TERMS_DAYS = 30;

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(address, "address");
        BillingException.require(!name.isBlank(), "customer name must not be blank");
        BillingException.require(taxRate.signum() >= 0 && taxRate.compareTo(BigDecimal.ONE) < 0,
                "taxRate must be in [0, 1) but was " + taxRate.toPlainString());
        BillingException.require(paymentTermsDays >= 0 && paymentTermsDays <= 365,
                "paymentTermsDays must be in 0..365 but was " + paymentTermsDays);
    }

    /** A customer in UTC, without tax, on net-30 terms. */
    public static Customer of(CustomerId id, String name, String email) {
        return new Customer(id, name, email, ZoneOffset.UTC, BigDecimal.ZERO, DEFAULT_PAYMENT_TERMS_DAYS, "");
    }

    public Customer withTimeZone(ZoneId zone) {
        return new Customer(id, name, email, zone, taxRate, paymentTermsDays, address);
    }

    public Customer withTaxRate(BigDecimal rate) {
        return new Customer(id, name, email, timeZone, rate, paymentTermsDays, address);
    }

    public Customer withPaymentTermsDays(int days) {
        return new Customer(id, name, email, timeZone, taxRate, days, address);
    }

    public Customer withAddress(String newAddress) {
        return new Customer(id, name, email, timeZone, taxRate, paymentTermsDays, newAddress);
    }
}
