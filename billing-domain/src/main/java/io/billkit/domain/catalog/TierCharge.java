package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * What one band of a tiered price charged for a quantity, as printed under a tiered invoice line.
 *
 * @param tier        1-based position of the band in its price
 * @param firstUnit   the first unit of the band (exclusive lower bound, e.g. {@code 0} for the first band)
 * @param upTo        the band's inclusive upper bound, empty for the last, open band
 * @param units       units charged in this band (never negative; for a volume price, all units)
 * @param unitPrice   the band's price per unit, or per package when {@code packageSize} is set
 * @param packageSize the band's package size, when it prices packages of units
 * @param flatFee     the band's flat fee charged (zero when it has none), exact
 * @param amount      the exact, unrounded charge of the band: variable part plus flat fee
 */
public record TierCharge(int tier, BigDecimal firstUnit, Optional<BigDecimal> upTo, BigDecimal units,
                         UnitPrice unitPrice, Optional<BigDecimal> packageSize, BigDecimal flatFee,
                         BigDecimal amount) {
    public TierCharge {
        BillingException.require(tier >= 1, "tier must be 1 or more: " + tier);
        Objects.requireNonNull(firstUnit, "firstUnit");
        Objects.requireNonNull(upTo, "upTo");
        Objects.requireNonNull(units, "units");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(packageSize, "packageSize");
        Objects.requireNonNull(flatFee, "flatFee");
        Objects.requireNonNull(amount, "amount");
        BillingException.require(units.signum() >= 0, "tier units must not be negative: " + units.toPlainString());
        BillingException.require(amount.signum() >= 0, "tier amount must not be negative: " + amount.toPlainString());
    }
}
