package io.billkit.domain.coupon;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Objects;

/** What a coupon takes off: a percentage of the lines it applies to, or a fixed amount. */
public sealed interface Discount permits Discount.PercentOff, Discount.AmountOff {

    /** Printed on the invoice, e.g. {@code 20% off} or {@code USD 50.00 off}. */
    String describe();

    /**
     * {@code percent} of the lines the coupon applies to: more than 0, at most 100, at most 4 decimals
     * (e.g. {@code 12.5}).
     */
    record PercentOff(BigDecimal percent) implements Discount {
        private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

        public PercentOff {
            Objects.requireNonNull(percent, "percent");
            BillingException.require(percent.signum() > 0 && percent.compareTo(HUNDRED) <= 0,
                    "percentOff must be more than 0 and at most 100 but was " + percent.toPlainString());
            BillingException.require(percent.stripTrailingZeros().scale() <= 4,
                    "percentOff must have at most 4 decimals but was " + percent.toPlainString());
            percent = percent.stripTrailingZeros();
            if (percent.scale() < 0) {
                percent = percent.setScale(0);
            }
        }

        /** {@code percent / 100}, exact. */
        public BigDecimal fraction() {
            return percent.divide(HUNDRED);
        }

        @Override
        public String describe() {
            return percent.toPlainString() + "% off";
        }
    }

    /** A fixed {@code amount} off (positive, at the currency's minor unit); only for plans in its currency. */
    record AmountOff(Money amount) implements Discount {
        public AmountOff {
            Objects.requireNonNull(amount, "amount");
            BillingException.require(amount.isPositive(), "amountOff must be positive but was " + amount);
        }

        @Override
        public String describe() {
            return amount + " off";
        }
    }
}
