package io.billkit.domain.invoice;

import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.Discount;
import io.billkit.domain.invoice.InvoiceLine.DiscountLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * The discount lines of an invoice's coupons, computed from its charge lines before credits and tax. Pure.
 * <ul>
 *   <li><b>What a coupon applies to.</b> A coupon limited to meters applies to the usage lines of those meters;
 *       any other coupon to every charge line (base fee, usage, proration, adjustments such as a trial's).</li>
 *   <li><b>Order.</b> Coupons apply one after another in the given order (the order of redemption). Each one's
 *       base is what is left of its lines after the coupons before it: {@code max(0, sum of the lines' remaining
 *       amounts)}, so two coupons never take the same cent twice and a line never goes below zero.</li>
 *   <li><b>Rounding.</b> A percentage is taken of that base (a sum of already rounded lines) and rounded once,
 *       HALF_EVEN, to the currency's minor unit: one rounding per discount line, as for every other line
 *       (12.5% of USD 10.01 = 1.25125 -> USD 1.25; 50% of USD 0.05 = 0.025 -> USD 0.02; 50% of USD 0.15 =
 *       0.075 -> USD 0.08; JPY rounds to the yen).</li>
 *   <li><b>Never negative.</b> An amount off takes at most the base; the unused rest is lost (not carried to the
 *       next period; a coupon of USD 500 off once on a USD 120 invoice takes USD 120, and is used up).</li>
 *   <li>A coupon whose discount comes to zero gives no line.</li>
 * </ul>
 * A coupon's discount is spread over its lines in line order (first the first line's remaining amount,
 * then the next), which matters only for the bases of later coupons.
 */
public final class DiscountCalculator {

    private DiscountCalculator() {
    }

    /**
     * One {@link DiscountLine} per coupon of {@code coupons} that takes something off {@code lines}, in coupon
     * order. Lines that are not charges (credits applied) and earlier discount lines are not discounted.
     */
    public static List<DiscountLine> discounts(List<? extends InvoiceLine> lines, List<Coupon> coupons,
                                               Currency currency) {
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(coupons, "coupons");
        Objects.requireNonNull(currency, "currency");
        int digits = Money.minorDigits(currency);
        BigDecimal[] remaining = new BigDecimal[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            InvoiceLine line = lines.get(i);
            InvoiceTotals.requireCurrency(currency, line);
            remaining[i] = line.isCharge() && !(line instanceof DiscountLine) ? line.amount().amount() : null;
        }
        List<DiscountLine> out = new ArrayList<>();
        for (Coupon coupon : coupons) {
            Objects.requireNonNull(coupon, "coupon");
            List<Integer> eligible = new ArrayList<>();
            BigDecimal base = BigDecimal.ZERO;
            for (int i = 0; i < lines.size(); i++) {
                if (remaining[i] != null && covers(coupon, lines.get(i))) {
                    eligible.add(i);
                    base = base.add(remaining[i]);
                }
            }
            if (base.signum() <= 0) {
                continue;
            }
            BigDecimal off = amountOff(coupon.discount(), base, digits, currency);
            if (off.signum() == 0) {
                continue;
            }
            BigDecimal left = off;
            for (int i : eligible) {
                if (left.signum() == 0) {
                    break;
                }
                if (remaining[i].signum() > 0) {
                    BigDecimal take = remaining[i].min(left);
                    remaining[i] = remaining[i].subtract(take);
                    left = left.subtract(take);
                }
            }
            out.add(new DiscountLine(coupon.name() + " (" + coupon.discount().describe() + ")", coupon.code(),
                    appliesTo(coupon, lines, eligible), Money.of(off.negate(), currency)));
        }
        return List.copyOf(out);
    }

    /** {@code lines} followed by their discount lines (see {@link #discounts}). */
    public static List<InvoiceLine> withDiscounts(List<? extends InvoiceLine> lines, List<Coupon> coupons,
                                                  Currency currency) {
        List<InvoiceLine> all = new ArrayList<>(lines);
        all.addAll(discounts(lines, coupons, currency));
        return List.copyOf(all);
    }

    private static boolean covers(Coupon coupon, InvoiceLine line) {
        if (coupon.meters().isEmpty()) {
            return true;
        }
        return line instanceof UsageLine usage && coupon.meters().contains(usage.meter());
    }

    private static BigDecimal amountOff(Discount discount, BigDecimal base, int digits, Currency currency) {
        if (discount instanceof Discount.PercentOff percent) {
            return base.multiply(percent.fraction()).setScale(digits, RoundingMode.HALF_EVEN);
        }
        Discount.AmountOff amount = (Discount.AmountOff) discount;
        InvoiceTotals.requireCurrency(currency, new InvoiceLine.AdjustmentLine("amount off", amount.amount()));
        return amount.amount().amount().min(base);
    }

    private static String appliesTo(Coupon coupon, List<? extends InvoiceLine> lines, List<Integer> eligible) {
        if (coupon.meters().isEmpty()) {
            return "all charges";
        }
        List<String> names = new ArrayList<>();
        for (int i : eligible) {
            names.add(lines.get(i).description());
        }
        return String.join(", ", names);
    }
}
