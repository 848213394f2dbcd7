package io.billkit.domain.reconciliation;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Tier;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.UnitPrice;
import io.billkit.domain.subscription.SubscriptionId;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * The two quantities to reconcile for one subscription and meter over the same period: what BillKit
 * metered ({@code internalQuantity}) and what the payment provider billed ({@code providerQuantity}),
 * both in the meter's unit and never negative. {@code unitPrice} values one unit of discrepancy.
 */
public record UsageComparison(SubscriptionId subscriptionId, CustomerId customerId, MeterKey meter,
                              BigDecimal internalQuantity, BigDecimal providerQuantity, UnitPrice unitPrice) {
    public UsageComparison {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(internalQuantity, "internalQuantity");
        Objects.requireNonNull(providerQuantity, "providerQuantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        BillingException.require(internalQuantity.signum() >= 0,
                "internal quantity of " + meter + " must not be negative: " + internalQuantity.toPlainString());
        BillingException.require(providerQuantity.signum() >= 0,
                "provider quantity of " + meter + " must not be negative: " + providerQuantity.toPlainString());
    }

    /**
     * A comparison valued at the overage price of {@code terms} (see {@link #unitPriceOf(Price, BigDecimal)},
     * taken at the larger of the two quantities).
     */
    public static UsageComparison of(SubscriptionId subscriptionId, CustomerId customerId, MeterTerms terms,
                                     BigDecimal internalQuantity, BigDecimal providerQuantity) {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(internalQuantity, "internalQuantity");
        Objects.requireNonNull(providerQuantity, "providerQuantity");
        return new UsageComparison(subscriptionId, customerId, terms.meter(), internalQuantity, providerQuantity,
                unitPriceOf(terms.overagePrice(), internalQuantity.max(providerQuantity)));
    }

    /**
     * The price of one unit under {@code price}: the unit price for per-unit prices; the package price
     * divided by the package size for package prices (USD 0.50 per 1,000 = USD 0.0005); for tiered
     * prices, the marginal unit price of the tier {@code atQuantity} falls in (flat fees ignored).
     * Rounded HALF_UP to {@link UnitPrice#MAX_SCALE} decimals.
     */
    public static UnitPrice unitPriceOf(Price price, BigDecimal atQuantity) {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(atQuantity, "atQuantity");
        if (price instanceof Price.PerUnit perUnit) {
            return perUnit.unitPrice();
        }
        if (price instanceof Price.Package pack) {
            return perOne(pack.pricePerPackage(), pack.size());
        }
        List<Tier> tiers = price instanceof Price.Graduated graduated
                ? graduated.tiers()
                : ((Price.Volume) price).tiers();
        Tier marginal = marginalTier(tiers, atQuantity);
        return marginal.packageSize().map(size -> perOne(marginal.unitPrice(), size)).orElse(marginal.unitPrice());
    }

    private static Tier marginalTier(List<Tier> tiers, BigDecimal atQuantity) {
        for (Tier tier : tiers) {
            if (tier.upTo().map(upTo -> atQuantity.compareTo(upTo) <= 0).orElse(true)) {
                return tier;
            }
        }
        return tiers.get(tiers.size() - 1);
    }

    private static UnitPrice perOne(UnitPrice perPackage, BigDecimal size) {
        return new UnitPrice(perPackage.amount().divide(size, UnitPrice.MAX_SCALE, RoundingMode.HALF_UP),
                perPackage.currency());
    }
}
