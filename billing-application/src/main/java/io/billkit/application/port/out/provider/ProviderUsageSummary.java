package io.billkit.application.port.out.provider;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** The provider's aggregated usage of one meter over {@code [start, end)}. */
public record ProviderUsageSummary(String meter, Instant start, Instant end, BigDecimal quantity) {
    public ProviderUsageSummary {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(quantity, "quantity");
    }
}
