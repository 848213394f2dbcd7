package io.billkit.application.port.in.ai;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A settled reservation: the estimate it held, the real count, and the usage event recorded for it (empty when
 * the real count was zero).
 */
public record AiSettlementView(String reservationId, String model, BigDecimal reservedTokens, BigDecimal actualTokens,
                               Optional<String> usageEventId, Instant settledAt) {
    public AiSettlementView {
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reservedTokens, "reservedTokens");
        Objects.requireNonNull(actualTokens, "actualTokens");
        Objects.requireNonNull(usageEventId, "usageEventId");
        Objects.requireNonNull(settledAt, "settledAt");
    }
}
