package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a tiered {@link Price} with the currency given once ({@link Price#graduatedIn},
 * {@link Price#volumeIn}). Amounts are decimal strings in the major unit:
 * <pre>{@code
 * Price price = Price.graduatedIn("USD")
 *         .upTo(1_000, "0").flatFee("5.00")    // the first 1,000 units: USD 5.00 flat
 *         .upTo(10_000, "0.002")               // units 1,001..10,000 at USD 0.002
 *         .above("0.001");                     // the rest at USD 0.001
 * }</pre>
 * Not thread-safe; one builder makes one price.
 */
public final class TierTable {
    private final Currency currency;
    private final boolean volume;
    private final List<Tier> tiers = new ArrayList<>();

    TierTable(Currency currency, boolean volume) {
        this.currency = Objects.requireNonNull(currency, "currency");
        this.volume = volume;
    }

    /** A band up to and including unit {@code upTo}, at {@code unitPrice} per unit. */
    public TierTable upTo(long upTo, String unitPrice) {
        tiers.add(Tier.bounded(upTo, price(unitPrice)));
        return this;
    }

    /** A band up to and including unit {@code upTo}, at {@code unitPrice} per unit. */
    public TierTable upTo(BigDecimal upTo, String unitPrice) {
        tiers.add(new Tier(Optional.of(upTo), price(unitPrice), Money.zero(currency), Optional.empty()));
        return this;
    }

    /** Adds a flat fee to the band added last. */
    public TierTable flatFee(String amount) {
        BillingException.require(!tiers.isEmpty(), "add a tier before its flat fee");
        int last = tiers.size() - 1;
        tiers.set(last, tiers.get(last).withFlatFee(Money.of(new BigDecimal(amount), currency)));
        return this;
    }

    /** Prices the band added last per started package of {@code size} units. */
    public TierTable perPackageOf(long size) {
        BillingException.require(!tiers.isEmpty(), "add a tier before its package size");
        int last = tiers.size() - 1;
        tiers.set(last, tiers.get(last).withPackageSize(size));
        return this;
    }

    /** Closes the table with the open band at {@code unitPrice} per unit and returns the price. */
    public Price above(String unitPrice) {
        return above(unitPrice, "0");
    }

    /** Closes the table with the open band at {@code unitPrice} per unit plus {@code flatFee}. */
    public Price above(String unitPrice, String flatFee) {
        List<Tier> all = new ArrayList<>(tiers);
        all.add(Tier.open(price(unitPrice)).withFlatFee(Money.of(new BigDecimal(flatFee), currency)));
        return volume ? Price.volume(all) : Price.graduated(all);
    }

    private UnitPrice price(String amount) {
        return new UnitPrice(new BigDecimal(amount), currency);
    }
}
