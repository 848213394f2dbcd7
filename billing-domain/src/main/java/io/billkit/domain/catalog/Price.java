package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The price of billable units of a meter (the units past its allowance). {@link #exactAmount}
 * returns the exact, unrounded charge; the invoice line rounds it once.
 */
public sealed interface Price permits Price.PerUnit, Price.Package, Price.Graduated, Price.Volume {

    /** The exact charge for {@code billableUnits} (>= 0) units, before per-line rounding. */
    BigDecimal exactAmount(BigDecimal billableUnits);

    Currency currency();

    /** A short human description, e.g. {@code USD 0.50 per 1000 units}. */
    String describe();

    static Price perUnit(UnitPrice unitPrice) {
        return new PerUnit(unitPrice);
    }

    static Price perPackage(UnitPrice pricePerPackage, long packageSize) {
        return new Package(pricePerPackage, BigDecimal.valueOf(packageSize));
    }

    static Price graduated(List<Tier> tiers) {
        return new Graduated(tiers);
    }

    static Price volume(List<Tier> tiers) {
        return new Volume(tiers);
    }

    private static void requireUnits(BigDecimal units) {
        Objects.requireNonNull(units, "billableUnits");
        BillingException.require(units.signum() >= 0, "billable units must not be negative: " + units.toPlainString());
    }

    private static void requireTiers(List<Tier> tiers) {
        Objects.requireNonNull(tiers, "tiers");
        BillingException.require(!tiers.isEmpty(), "a tiered price needs at least one tier");
        BigDecimal previous = BigDecimal.ZERO;
        for (int i = 0; i < tiers.size(); i++) {
            Tier tier = tiers.get(i);
            boolean last = i == tiers.size() - 1;
            BillingException.require(last == tier.isOpen(),
                    "tier " + (i + 1) + ": only the last tier is open (and it must be)");
            if (!last) {
                BigDecimal upTo = tier.upTo().orElseThrow();
                BillingException.require(upTo.compareTo(previous) > 0,
                        "tier " + (i + 1) + ": upper bounds must increase");
                previous = upTo;
            }
            BillingException.require(tier.unitPrice().currency().equals(tiers.get(0).unitPrice().currency()),
                    "tier " + (i + 1) + ": all tiers must share a currency");
        }
    }

    /** Every unit at one price. */
    record PerUnit(UnitPrice unitPrice) implements Price {
        public PerUnit {
            Objects.requireNonNull(unitPrice, "unitPrice");
        }

        @Override
        public BigDecimal exactAmount(BigDecimal billableUnits) {
            requireUnits(billableUnits);
            return unitPrice.extend(billableUnits);
        }

        @Override
        public Currency currency() {
            return unitPrice.currency();
        }

        @Override
        public String describe() {
            return unitPrice + " per unit";
        }
    }

    /** A price per package of {@code size} units; a started package counts whole. */
    record Package(UnitPrice pricePerPackage, BigDecimal size) implements Price {
        public Package {
            Objects.requireNonNull(pricePerPackage, "pricePerPackage");
            Objects.requireNonNull(size, "size");
            BillingException.require(size.signum() > 0, "package size must be positive: " + size.toPlainString());
        }

        /** Packages billed for {@code billableUnits}: started packages count whole. */
        public BigDecimal packages(BigDecimal billableUnits) {
            requireUnits(billableUnits);
            return billableUnits.divide(size, 0, RoundingMode.CEILING);
        }

        @Override
        public BigDecimal exactAmount(BigDecimal billableUnits) {
            return pricePerPackage.extend(packages(billableUnits));
        }

        @Override
        public Currency currency() {
            return pricePerPackage.currency();
        }

        @Override
        public String describe() {
            return pricePerPackage + " per " + size.toPlainString() + " units";
        }
    }

    /** Each band's units at that band's price; flat fees of every band reached. */
    record Graduated(List<Tier> tiers) implements Price {
        public Graduated {
            requireTiers(tiers);
            tiers = List.copyOf(tiers);
        }

        @Override
        public BigDecimal exactAmount(BigDecimal billableUnits) {
            requireUnits(billableUnits);
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal lower = BigDecimal.ZERO;
            for (Tier tier : tiers) {
                if (billableUnits.compareTo(lower) <= 0) {
                    break;
                }
                BigDecimal upper = tier.upTo().map(u -> u.min(billableUnits)).orElse(billableUnits);
                total = total.add(tier.variableCharge(upper.subtract(lower))).add(tier.flatFee().amount());
                lower = tier.upTo().orElse(billableUnits);
            }
            return total;
        }

        @Override
        public Currency currency() {
            return tiers.get(0).unitPrice().currency();
        }

        @Override
        public String describe() {
            return "graduated, " + tiers.size() + " tiers";
        }
    }

    /** All units at the price of the band the total falls in, plus that band's flat fee. */
    record Volume(List<Tier> tiers) implements Price {
        public Volume {
            requireTiers(tiers);
            tiers = List.copyOf(tiers);
        }

        /** The band {@code units} falls in. */
        public Tier tierFor(BigDecimal units) {
            for (Tier tier : tiers) {
                if (tier.isOpen() || units.compareTo(tier.upTo().orElseThrow()) <= 0) {
                    return tier;
                }
            }
            throw new IllegalStateException("the last tier is open");
        }

        @Override
        public BigDecimal exactAmount(BigDecimal billableUnits) {
            requireUnits(billableUnits);
            if (billableUnits.signum() == 0) {
                return BigDecimal.ZERO;
            }
            Tier tier = tierFor(billableUnits);
            return tier.variableCharge(billableUnits).add(tier.flatFee().amount());
        }

        @Override
        public Currency currency() {
            return tiers.get(0).unitPrice().currency();
        }

        @Override
        public String describe() {
            return "volume, " + tiers.size() + " tiers";
        }
    }
}
