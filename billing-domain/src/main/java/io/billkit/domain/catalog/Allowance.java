package io.billkit.domain.catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The quantity of a meter a plan includes per {@link Window}, and what happens past it.
 * {@link #unlimited()} is its own value.
 */
public record Allowance(Limit included, Window window, LimitMode mode) {
    public Allowance {
        Objects.requireNonNull(included, "included");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(mode, "mode");
    }

    public static Allowance unlimited() {
        return new Allowance(Limit.unlimited(), Window.PERIOD, LimitMode.SOFT);
    }

    public static Allowance hard(long included, Window window) {
        return new Allowance(Limit.of(included), window, LimitMode.HARD);
    }

    public static Allowance soft(long included, Window window) {
        return new Allowance(Limit.of(included), window, LimitMode.SOFT);
    }

    public boolean isUnlimited() {
        return included.isUnlimited();
    }

    /** Units above the allowance for {@code used} (zero when unlimited or within). */
    public BigDecimal overage(BigDecimal used) {
        if (included instanceof Limit.Finite finite && used.compareTo(finite.quantity()) > 0) {
            return used.subtract(finite.quantity());
        }
        return BigDecimal.ZERO;
    }
}
