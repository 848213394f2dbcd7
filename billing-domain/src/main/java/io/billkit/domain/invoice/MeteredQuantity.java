package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * How much of one meter a subscription used in a billing period, in the meter's unit, as the
 * {@link InvoiceCalculator} needs it to apply the meter's allowance:
 * <ul>
 *   <li>{@link PeriodTotal}: one number for the whole period. Enough for allowances per
 *       {@code PERIOD} (and per {@code MONTH} on a monthly plan);</li>
 *   <li>{@link PerWindow}: one number per allowance window of the period (per day for a
 *       {@code DAY} allowance), so each window's overage is counted on its own.</li>
 * </ul>
 * Quantities are never negative.
 */
public sealed interface MeteredQuantity permits MeteredQuantity.PeriodTotal, MeteredQuantity.PerWindow {

    /** The period's total quantity. */
    BigDecimal total();

    static MeteredQuantity total(BigDecimal quantity) {
        return new PeriodTotal(quantity);
    }

    static MeteredQuantity perWindow(List<BigDecimal> quantities) {
        return new PerWindow(quantities);
    }

    private static void requireQuantity(BigDecimal quantity) {
        Objects.requireNonNull(quantity, "quantity");
        BillingException.require(quantity.signum() >= 0, "used quantity must not be negative: " + quantity.toPlainString());
    }

    /** The whole period's quantity, not split by window. */
    record PeriodTotal(BigDecimal quantity) implements MeteredQuantity {
        public PeriodTotal {
            requireQuantity(quantity);
        }

        @Override
        public BigDecimal total() {
            return quantity;
        }
    }

    /** One quantity per allowance window in the period, in window order; at least one window. */
    record PerWindow(List<BigDecimal> quantities) implements MeteredQuantity {
        public PerWindow {
            quantities = List.copyOf(Objects.requireNonNull(quantities, "quantities"));
            BillingException.require(!quantities.isEmpty(), "per-window usage needs at least one window");
            quantities.forEach(MeteredQuantity::requireQuantity);
        }

        @Override
        public BigDecimal total() {
            return quantities.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
