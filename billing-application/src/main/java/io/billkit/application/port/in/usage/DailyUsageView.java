package io.billkit.application.port.in.usage;

import io.billkit.domain.catalog.MeterKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The aggregated value of one meter on one day.
 */
public record DailyUsageView(LocalDate day, MeterKey meter, BigDecimal value) {
    public DailyUsageView {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(value, "value");
    }
}
