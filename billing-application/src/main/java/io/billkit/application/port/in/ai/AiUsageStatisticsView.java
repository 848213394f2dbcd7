package io.billkit.application.port.in.ai;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * AI usage over a range of local days: the token meter's events, their tokens and their cost at the live plan's
 * price, in total and per model (the value of the event property {@code modelProperty}; {@code ""} for events
 * without it). {@code requests} counts token-meter events (one per AI request). Each cost is rounded once, so the
 * per-model costs may differ from the total by rounding.
 */
public record AiUsageStatisticsView(CustomerId customer, LocalDate from, LocalDate to, String modelProperty,
                                    BigDecimal totalTokens, long requests, Money totalCost, List<ModelUsage> models) {
    public AiUsageStatisticsView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(modelProperty, "modelProperty");
        Objects.requireNonNull(totalTokens, "totalTokens");
        Objects.requireNonNull(totalCost, "totalCost");
        models = List.copyOf(Objects.requireNonNull(models, "models"));
    }

    public record ModelUsage(String model, BigDecimal tokens, long requests, Money cost) {
        public ModelUsage {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(cost, "cost");
        }
    }
}
