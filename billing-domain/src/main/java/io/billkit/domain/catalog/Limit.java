package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;

import java.math.BigDecimal;
import java.util.Objects;

/** A quantity cap, or none: "no limit" is {@link Unlimited}, never -1 or null. */
public sealed interface Limit permits Limit.Finite, Limit.Unlimited {

    static Limit of(long quantity) {
        return new Finite(BigDecimal.valueOf(quantity));
    }

    static Limit of(BigDecimal quantity) {
        return new Finite(quantity);
    }

    static Limit unlimited() {
        return Unlimited.INSTANCE;
    }

    default boolean isUnlimited() {
        return this instanceof Unlimited;
    }

    /** True when {@code quantity} is strictly above this limit. */
    boolean isExceededBy(BigDecimal quantity);

    /** A finite, non-negative cap. */
    record Finite(BigDecimal quantity) implements Limit {
        public Finite {
            Objects.requireNonNull(quantity, "quantity");
            BillingException.require(quantity.signum() >= 0, "limit must not be negative: " + quantity.toPlainString());
        }

        @Override
        public boolean isExceededBy(BigDecimal used) {
            return used.compareTo(quantity) > 0;
        }

        @Override
        public String toString() {
            return quantity.toPlainString();
        }
    }

    /** No cap at all. */
    enum Unlimited implements Limit {
        INSTANCE;

        @Override
        public boolean isExceededBy(BigDecimal quantity) {
            return false;
        }

        @Override
        public String toString() {
            return "unlimited";
        }
    }
}
