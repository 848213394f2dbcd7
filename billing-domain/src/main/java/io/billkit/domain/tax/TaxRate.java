package io.billkit.domain.tax;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One tax applying in a jurisdiction: its printed {@code name} ({@code VAT}, {@code GST}, {@code PST}) and
 * {@code rate} as a fraction in [0, 1) ({@code 0.19} = 19 %).
 */
public record TaxRate(String name, BigDecimal rate) {
    public TaxRate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rate, "rate");
        BillingException.require(name.matches("[A-Za-z][A-Za-z0-9 .-]{0,29}"),
                "tax name must be 1..30 letters, digits, spaces, '.' or '-' starting with a letter but was '" + name + "'");
        BillingException.require(rate.signum() >= 0 && rate.compareTo(BigDecimal.ONE) < 0,
                "tax rate must be a fraction in [0, 1) (0.19 = 19 %) but was " + rate.toPlainString());
    }

    public static TaxRate of(String name, String rate) {
        return new TaxRate(name, new BigDecimal(rate));
    }
}
