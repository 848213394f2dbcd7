package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The price of billable units of a meter (the units past its allowance). {@link #exactAmount}
 * returns the exact, unrounded charge; {@link #charge} rounds it once, as an invoice line does.
 *
 * <p>Charge models: {@link PerUnit}, {@link Package} (per started package of N units), {@link Graduated}
 * and {@link Volume} tiers, and the percentage models {@link Percentage} and {@link GraduatedPercentage}
 * for meters that sum an amount of money (payment volume, in the major unit of the price's currency).
 *
 * <p><b>Flat fees of tiers at zero usage.</b> A tier's flat fee is charged "regardless of the number of
 * units in the tier" (Stripe API reference, {@code price.tiers[].flat_amount}); Stripe puts a quantity
 * of zero in the first tier, so the first tier's flat fee is charged at zero usage, for graduated and for
 * volume tiers alike. BillKit follows that rule: {@code exactAmount(0)} of a tiered price is the first
 * tier's flat fee (zero when it has none), so a tier table with a first-tier flat fee works like a
 * minimum charge.
 */
public sealed interface Price
        permits Price.PerUnit, Price.Package, Price.Graduated, Price.Volume, Price.Percentage,
        Price.GraduatedPercentage {

    /**
     * The exact charge for {@code billableUnits} (>= 0) units, before per-line rounding.
     *
     * @param billableUnits units past the allowance, in the meter's unit (an amount in the major unit for
     *                      the percentage models)
     * @return the exact amount in {@link #currency()}, never negative
     */
    BigDecimal exactAmount(BigDecimal billableUnits);

    /** The currency every amount of this price is in. */
    Currency currency();

    /** A short human description, e.g. {@code USD 0.50 per 1000 units}. */
    String describe();

    /**
     * How the charge for {@code billableUnits} breaks down per tier; empty for prices without tiers.
     * The tiers' amounts add up to {@link #exactAmount}.
     */
    default List<TierCharge> breakdown(BigDecimal billableUnits) {
        return List.of();
    }

    /** The charge for {@code quantity} units, rounded once to the currency's minor unit (HALF_UP). */
    default Money charge(BigDecimal quantity) {
        return RoundingPolicy.PER_LINE_HALF_UP.round(exactAmount(quantity), currency());
    }

    /** The charge for {@code quantity} units, rounded once to the currency's minor unit (HALF_UP). */
    default Money charge(long quantity) {
        return charge(BigDecimal.valueOf(quantity));
    }

    /** Every unit at {@code unitPrice}. */
    static Price perUnit(UnitPrice unitPrice) {
        return new PerUnit(unitPrice);
    }

    /** Every unit at {@code amount} of {@code currencyCode}, e.g. {@code perUnit("0.00003", "USD")}. */
    static Price perUnit(String amount, String currencyCode) {
        return new PerUnit(UnitPrice.of(amount, currencyCode));
    }

    /** {@code pricePerPackage} per started package of {@code packageSize} units. */
    static Price perPackage(UnitPrice pricePerPackage, long packageSize) {
        return new Package(pricePerPackage, BigDecimal.valueOf(packageSize));
    }

    /** {@code amount} of {@code currencyCode} per started package, e.g. {@code perPackage("0.50", "USD", 1000)}. */
    static Price perPackage(String amount, String currencyCode, long packageSize) {
        return perPackage(UnitPrice.of(amount, currencyCode), packageSize);
    }

    /** Graduated tiers: each band's units at that band's price. */
    static Price graduated(List<Tier> tiers) {
        return new Graduated(tiers);
    }

    /** Volume tiers: all units at the price of the band the total falls in. */
    static Price volume(List<Tier> tiers) {
        return new Volume(tiers);
    }

    /**
     * A builder of graduated tiers in one currency:
     * {@code Price.graduatedIn("USD").upTo(1_000, "0").upTo(10_000, "0.002").above("0.001")}.
     */
    static TierTable graduatedIn(String currencyCode) {
        return new TierTable(Money.currency(currencyCode), false);
    }

    /** A builder of volume tiers in one currency (see {@link #graduatedIn}). */
    static TierTable volumeIn(String currencyCode) {
        return new TierTable(Money.currency(currencyCode), true);
    }

    /**
     * {@code percent} % of the summed amount, e.g. {@code percentage("2.9", "USD")}; add a fixed fee and
     * bounds per transaction with {@link Percentage#withFixedFee}, {@link Percentage#withMinimum} and
     * {@link Percentage#withMaximum}.
     */
    static Percentage percentage(String percent, String currencyCode) {
        return new Percentage(new BigDecimal(percent), Money.currency(currencyCode), BigDecimal.ZERO,
                Optional.empty(), Optional.empty());
    }

    private static void requireUnits(BigDecimal units) {
        Objects.requireNonNull(units, "billableUnits");
        BillingException.require(units.signum() >= 0, "billable units must not be negative: " + units.toPlainString());
    }

    private static void requirePercent(BigDecimal percent) {
        Objects.requireNonNull(percent, "percent");
        BillingException.require(percent.signum() >= 0 && percent.compareTo(BigDecimal.valueOf(100)) <= 0,
                "percent must be in [0, 100] but was " + percent.toPlainString());
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

    /**
     * Each band's units at that band's price, plus the flat fee of every band reached; the first band's
     * flat fee is charged at zero units too (see {@link Price}).
     */
    record Graduated(List<Tier> tiers) implements Price {
        public Graduated {
            requireTiers(tiers);
            tiers = List.copyOf(tiers);
        }

        @Override
        public BigDecimal exactAmount(BigDecimal billableUnits) {
            return breakdown(billableUnits).stream().map(TierCharge::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        @Override
        public List<TierCharge> breakdown(BigDecimal billableUnits) {
            requireUnits(billableUnits);
            List<TierCharge> charges = new ArrayList<>();
            BigDecimal lower = BigDecimal.ZERO;
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                if (i > 0 && billableUnits.compareTo(lower) <= 0) {
                    break;
                }
                BigDecimal upper = tier.upTo().map(u -> u.min(billableUnits)).orElse(billableUnits);
                BigDecimal units = upper.subtract(lower).max(BigDecimal.ZERO);
                BigDecimal fee = tier.flatFee().amount();
                charges.add(new TierCharge(i + 1, lower, tier.upTo(), units, tier.unitPrice(), tier.packageSize(), fee,
                        tier.variableCharge(units).add(fee)));
                lower = tier.upTo().orElse(billableUnits);
            }
            return List.copyOf(charges);
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

    /**
     * All units at the price of the band the total falls in, plus that band's flat fee; zero units fall in
     * the first band (see {@link Price}).
     */
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
            return breakdown(billableUnits).get(0).amount();
        }

        @Override
        public List<TierCharge> breakdown(BigDecimal billableUnits) {
            requireUnits(billableUnits);
            Tier tier = tierFor(billableUnits);
            int index = tiers.indexOf(tier);
            BigDecimal firstUnit = index == 0 ? BigDecimal.ZERO : tiers.get(index - 1).upTo().orElseThrow();
            BigDecimal fee = tier.flatFee().amount();
            return List.of(new TierCharge(index + 1, firstUnit, tier.upTo(), billableUnits, tier.unitPrice(),
                    tier.packageSize(), fee, tier.variableCharge(billableUnits).add(fee)));
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

    /**
     * A percentage of an amount of money, as payment products bill: {@code percent} % of each
     * transaction, plus {@code fixedFee} per transaction, then held within {@code minimum} and
     * {@code maximum} per transaction (e.g. 2.9 % + USD 0.30, at least USD 0.50).
     *
     * <p>{@link #exactAmount(BigDecimal)} applies the rate to a summed amount (the meter's total); the
     * fixed fee and the bounds are per transaction and apply through {@link #exactAmountOf(List)}, which
     * takes the transactions' amounts. Amounts are in the major unit of {@code currency}.
     *
     * @param percent  the rate in percent, in [0, 100] (2.9 = 2.9 %)
     * @param currency the currency of the amounts and fees
     * @param fixedFee fee per transaction, exact, never negative
     * @param minimum  least charge per transaction, when set
     * @param maximum  greatest charge per transaction, when set (not below the minimum)
     */
    record Percentage(BigDecimal percent, Currency currency, BigDecimal fixedFee, Optional<BigDecimal> minimum,
                      Optional<BigDecimal> maximum) implements Price {
        public Percentage {
            requirePercent(percent);
            Objects.requireNonNull(currency, "currency");
            Objects.requireNonNull(fixedFee, "fixedFee");
            Objects.requireNonNull(minimum, "minimum");
            Objects.requireNonNull(maximum, "maximum");
            BillingException.require(fixedFee.signum() >= 0, "fixed fee must not be negative: " + fixedFee.toPlainString());
            minimum.ifPresent(m -> BillingException.require(m.signum() >= 0, "minimum must not be negative"));
            maximum.ifPresent(m -> BillingException.require(m.signum() >= 0, "maximum must not be negative"));
            if (minimum.isPresent() && maximum.isPresent()) {
                BillingException.require(minimum.get().compareTo(maximum.get()) <= 0,
                        "minimum " + minimum.get().toPlainString() + " exceeds maximum " + maximum.get().toPlainString());
            }
        }

        /** This price with {@code amount} charged per transaction on top of the rate. */
        public Percentage withFixedFee(String amount) {
            return new Percentage(percent, currency, new BigDecimal(amount), minimum, maximum);
        }

        /** This price charging at least {@code amount} per transaction. */
        public Percentage withMinimum(String amount) {
            return new Percentage(percent, currency, fixedFee, Optional.of(new BigDecimal(amount)), maximum);
        }

        /** This price charging at most {@code amount} per transaction. */
        public Percentage withMaximum(String amount) {
            return new Percentage(percent, currency, fixedFee, minimum, Optional.of(new BigDecimal(amount)));
        }

        /** The rate on a summed amount: {@code amount x percent / 100} (no per-transaction terms). */
        @Override
        public BigDecimal exactAmount(BigDecimal summedAmount) {
            requireUnits(summedAmount);
            return summedAmount.multiply(percent).movePointLeft(2);
        }

        /** The exact charge of one transaction of {@code amount}: rate, fixed fee, then the bounds. */
        public BigDecimal exactAmountOfTransaction(BigDecimal amount) {
            BigDecimal charge = exactAmount(amount).add(fixedFee);
            if (minimum.isPresent()) {
                charge = charge.max(minimum.get());
            }
            if (maximum.isPresent()) {
                charge = charge.min(maximum.get());
            }
            return charge;
        }

        /** The exact charge of {@code transactions} (their amounts), each charged on its own, summed. */
        public BigDecimal exactAmountOf(List<BigDecimal> transactions) {
            Objects.requireNonNull(transactions, "transactions");
            return transactions.stream().map(this::exactAmountOfTransaction).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        /** {@link #exactAmountOf} rounded once to the minor unit (HALF_UP). */
        public Money chargeTransactions(List<BigDecimal> transactions) {
            return RoundingPolicy.PER_LINE_HALF_UP.round(exactAmountOf(transactions), currency);
        }

        @Override
        public String describe() {
            StringBuilder text = new StringBuilder(percent.stripTrailingZeros().toPlainString()).append(" %");
            if (fixedFee.signum() > 0) {
                text.append(" + ").append(new UnitPrice(fixedFee, currency)).append(" per transaction");
            }
            minimum.ifPresent(m -> text.append(", min ").append(new UnitPrice(m, currency)));
            maximum.ifPresent(m -> text.append(", max ").append(new UnitPrice(m, currency)));
            return text.toString();
        }
    }

    /**
     * Graduated percentage tiers on a summed amount: each band of the amount at its own rate (e.g. 2.9 % of
     * the first USD 10,000, 2.5 % of the next USD 90,000, 2 % above).
     *
     * @param bands    the bands in order; only the last is open
     * @param currency the currency of the amount
     */
    record GraduatedPercentage(List<PercentBand> bands, Currency currency) implements Price {
        public GraduatedPercentage {
            bands = List.copyOf(Objects.requireNonNull(bands, "bands"));
            Objects.requireNonNull(currency, "currency");
            BillingException.require(!bands.isEmpty(), "a graduated percentage needs at least one band");
            BigDecimal previous = BigDecimal.ZERO;
            for (int i = 0; i < bands.size(); i++) {
                boolean last = i == bands.size() - 1;
                PercentBand band = bands.get(i);
                BillingException.require(last == band.upTo().isEmpty(),
                        "band " + (i + 1) + ": only the last band is open (and it must be)");
                if (!last) {
                    BillingException.require(band.upTo().get().compareTo(previous) > 0,
                            "band " + (i + 1) + ": upper bounds must increase");
                    previous = band.upTo().get();
                }
            }
        }

        /** One band: {@code percent} % of the amount up to {@code upTo} (inclusive), open when empty. */
        public record PercentBand(Optional<BigDecimal> upTo, BigDecimal percent) {
            public PercentBand {
                Objects.requireNonNull(upTo, "upTo");
                requirePercent(percent);
                upTo.ifPresent(u -> BillingException.require(u.signum() > 0, "band bound must be positive"));
            }

            /** {@code percent} % of the amount up to {@code upTo}. */
            public static PercentBand upTo(String upTo, String percent) {
                return new PercentBand(Optional.of(new BigDecimal(upTo)), new BigDecimal(percent));
            }

            /** {@code percent} % of the amount above the previous band. */
            public static PercentBand above(String percent) {
                return new PercentBand(Optional.empty(), new BigDecimal(percent));
            }
        }

        /** Graduated percentage bands in {@code currencyCode}. */
        public static GraduatedPercentage of(String currencyCode, PercentBand... bands) {
            return new GraduatedPercentage(List.of(bands), Money.currency(currencyCode));
        }

        @Override
        public BigDecimal exactAmount(BigDecimal summedAmount) {
            requireUnits(summedAmount);
            BigDecimal total = BigDecimal.ZERO;
            BigDecimal lower = BigDecimal.ZERO;
            for (PercentBand band : bands) {
                if (summedAmount.compareTo(lower) <= 0) {
                    break;
                }
                BigDecimal upper = band.upTo().map(u -> u.min(summedAmount)).orElse(summedAmount);
                total = total.add(upper.subtract(lower).multiply(band.percent()).movePointLeft(2));
                lower = band.upTo().orElse(summedAmount);
            }
            return total;
        }

        @Override
        public String describe() {
            return "graduated percentage, " + bands.size() + " bands";
        }
    }
}
