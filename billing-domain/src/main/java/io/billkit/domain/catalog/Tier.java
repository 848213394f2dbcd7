package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * One band of a tiered price. {@code upTo} is the band's inclusive upper bound (empty for the last,
 * open band). {@code unitPrice} is charged per unit, or per started package of {@code packageSize}
 * units when a package size is set. {@code flatFee} is charged once when usage reaches the band.
 */
public record Tier(Optional<BigDecimal> upTo, UnitPrice unitPrice, Money flatFee, Optional<BigDecimal> packageSize) {
    public Tier {
        Objects.requireNonNull(upTo, "upTo");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(flatFee, "flatFee");
        Objects.requireNonNull(packageSize, "packageSize");
        upTo.ifPresent(u -> BillingException.require(u.signum() > 0, "tier upper bound must be positive: " + u));
        packageSize.ifPresent(p -> BillingException.require(p.signum() > 0, "tier package size must be positive: " + p));
        BillingException.require(!flatFee.isNegative(), "tier flat fee must not be negative: " + flatFee);
        BillingException.require(flatFee.currency().equals(unitPrice.currency()),
                "tier flat fee and unit price must share a currency");
    }

    /** A band up to and including unit {@code upTo} (a bound, not to be confused with {@link #upTo()}). */
    public static Tier bounded(long upTo, UnitPrice unitPrice) {
        return new Tier(Optional.of(BigDecimal.valueOf(upTo)), unitPrice, Money.zero(unitPrice.currency()), Optional.empty());
    }

    public static Tier open(UnitPrice unitPrice) {
        return new Tier(Optional.empty(), unitPrice, Money.zero(unitPrice.currency()), Optional.empty());
    }

    public Tier withFlatFee(Money fee) {
        return new Tier(upTo, unitPrice, fee, packageSize);
    }

    public Tier withPackageSize(long size) {
        return new Tier(upTo, unitPrice, flatFee, Optional.of(BigDecimal.valueOf(size)));
    }

    public boolean isOpen() {
        return upTo.isEmpty();
    }

    /** Exact charge (without the flat fee) for {@code units} units falling in this band. */
    BigDecimal variableCharge(BigDecimal units) {
        if (units.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal chargeable = packageSize
                .map(size -> units.divide(size, 0, RoundingMode.CEILING))
                .orElse(units);
        return unitPrice.extend(chargeable);
    }
}
