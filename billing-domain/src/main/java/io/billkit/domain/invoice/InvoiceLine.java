package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.TierCharge;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * One line of an invoice. Every amount is already rounded {@link Money} (rounded once, when the line
 * was built), so an invoice's totals are plain sums of its lines. Charge lines (base fee, usage,
 * proration, adjustment, discount) make up the subtotal; {@link CreditAppliedLine}s make up the credits. Tax is
 * not a line: it is computed from the lines by {@link InvoiceTotals} (see {@link TaxLine} for printing).
 */
public sealed interface InvoiceLine
        permits InvoiceLine.BaseFeeLine, InvoiceLine.UsageLine, InvoiceLine.ProrationLine,
        InvoiceLine.CreditAppliedLine, InvoiceLine.AdjustmentLine, InvoiceLine.DiscountLine {

    /** What the customer reads, never blank. */
    String description();

    /** The line's rounded amount (sign depends on the kind of line). */
    Money amount();

    default Currency currency() {
        return amount().currency();
    }

    /** True for lines that count towards the subtotal (all but credits applied). */
    default boolean isCharge() {
        return !(this instanceof CreditAppliedLine);
    }

    private static void requireDescription(String description) {
        Objects.requireNonNull(description, "description");
        BillingException.require(!description.isBlank(), "invoice line description must not be blank");
    }

    /** The plan's base price for the period; never negative. */
    record BaseFeeLine(String description, PlanCode planCode, Money amount) implements InvoiceLine {
        public BaseFeeLine {
            requireDescription(description);
            Objects.requireNonNull(planCode, "planCode");
            Objects.requireNonNull(amount, "amount");
            BillingException.require(!amount.isNegative(), "base fee must not be negative: " + amount);
        }
    }

    /**
     * Overage of one meter: {@code quantity} units used in the period, {@code includedQuantity}
     * units the plan included (summed over the allowance's windows), {@code billableQuantity} units
     * charged at the price described by {@code priceDescription}. Quantities are in the meter's unit
     * and never negative; billable never exceeds quantity; the amount is never negative.
     * {@code meterName} and {@code unit} are the meter's display name and unit as printed (the key and
     * an empty unit when unknown); {@code tiers} is the per-tier breakdown of a tiered price (empty
     * otherwise), whose exact amounts add up to the line's amount before its one rounding.
     */
    record UsageLine(String description, MeterKey meter, BigDecimal quantity, BigDecimal includedQuantity,
                     BigDecimal billableQuantity, String priceDescription, Money amount, String meterName,
                     String unit, List<TierCharge> tiers) implements InvoiceLine {
        public UsageLine {
            requireDescription(description);
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(quantity, "quantity");
            Objects.requireNonNull(includedQuantity, "includedQuantity");
            Objects.requireNonNull(billableQuantity, "billableQuantity");
            Objects.requireNonNull(priceDescription, "priceDescription");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(meterName, "meterName");
            Objects.requireNonNull(unit, "unit");
            tiers = List.copyOf(Objects.requireNonNull(tiers, "tiers"));
            BillingException.require(quantity.signum() >= 0, "usage quantity must not be negative: " + quantity);
            BillingException.require(includedQuantity.signum() >= 0,
                    "included quantity must not be negative: " + includedQuantity);
            BillingException.require(billableQuantity.signum() >= 0,
                    "billable quantity must not be negative: " + billableQuantity);
            BillingException.require(billableQuantity.compareTo(quantity) <= 0,
                    "billable quantity " + billableQuantity + " exceeds used quantity " + quantity);
            BillingException.require(!amount.isNegative(), "usage amount must not be negative: " + amount);
        }

        /** A usage line without display name, unit or tier breakdown (named by its meter key). */
        public UsageLine(String description, MeterKey meter, BigDecimal quantity, BigDecimal includedQuantity,
                         BigDecimal billableQuantity, String priceDescription, Money amount) {
            this(description, meter, quantity, includedQuantity, billableQuantity, priceDescription, amount,
                    meter.value(), "", List.of());
        }
    }

    /** A charge (positive) or refund (negative) for part of a period after a plan change. */
    record ProrationLine(String description, Money amount) implements InvoiceLine {
        public ProrationLine {
            requireDescription(description);
            Objects.requireNonNull(amount, "amount");
        }
    }

    /** Credit applied against the charges: zero or negative. */
    record CreditAppliedLine(String description, Money amount) implements InvoiceLine {
        public CreditAppliedLine {
            requireDescription(description);
            Objects.requireNonNull(amount, "amount");
            BillingException.require(!amount.isPositive(), "credit applied must be zero or negative: " + amount);
        }
    }

    /** A manual correction, positive or negative; counts towards the subtotal. */
    record AdjustmentLine(String description, Money amount) implements InvoiceLine {
        public AdjustmentLine {
            requireDescription(description);
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * A coupon's discount (see {@link DiscountCalculator}): negative, never zero; counts towards the subtotal
     * (it is applied before credits and tax). {@code appliesTo} says what it was taken off, e.g.
     * {@code all charges} or {@code API calls overage}.
     */
    record DiscountLine(String description, CouponCode coupon, String appliesTo, Money amount) implements InvoiceLine {
        public DiscountLine {
            requireDescription(description);
            Objects.requireNonNull(coupon, "coupon");
            Objects.requireNonNull(appliesTo, "appliesTo");
            Objects.requireNonNull(amount, "amount");
            BillingException.require(amount.isNegative(), "a discount must be negative: " + amount);
        }
    }
}
