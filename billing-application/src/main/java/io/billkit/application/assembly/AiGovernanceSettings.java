package io.billkit.application.assembly;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;

import java.time.Duration;
import java.util.Objects;

/**
 * How AI cost governance reads usage: {@code tokenMeter} is the meter whose usage, priced by the plan, is the AI
 * spend (default {@code ai_tokens}); {@code modelProperty} is the usage event property that names the model
 * (default {@code model}); an unsettled reservation stops counting after {@code reservationTtl} (default 15 min); {@code requestMeter}
 * (default {@code ai_requests}) counts AI requests for the quota prediction.
 */
public record AiGovernanceSettings(MeterKey tokenMeter, String modelProperty, Duration reservationTtl,
                                   MeterKey requestMeter) {
    public static final MeterKey DEFAULT_TOKEN_METER = MeterKey.of("ai_tokens");
    public static final MeterKey DEFAULT_REQUEST_METER = MeterKey.of("ai_requests");
    public static final String DEFAULT_MODEL_PROPERTY = "model";
    public static final Duration DEFAULT_RESERVATION_TTL = Duration.ofMinutes(15);

    public AiGovernanceSettings {
        Objects.requireNonNull(tokenMeter, "tokenMeter");
        Objects.requireNonNull(modelProperty, "modelProperty");
        Objects.requireNonNull(reservationTtl, "reservationTtl");
        Objects.requireNonNull(requestMeter, "requestMeter");
        BillingException.require(!modelProperty.isBlank(), "modelProperty must not be blank");
        BillingException.require(!reservationTtl.isNegative() && !reservationTtl.isZero(),
                "reservationTtl must be positive");
    }

    /** With the default request meter ({@code ai_requests}), whose windows the quota prediction shows. */
    public AiGovernanceSettings(MeterKey tokenMeter, String modelProperty, Duration reservationTtl) {
        this(tokenMeter, modelProperty, reservationTtl, DEFAULT_REQUEST_METER);
    }

    public static AiGovernanceSettings defaults() {
        return new AiGovernanceSettings(DEFAULT_TOKEN_METER, DEFAULT_MODEL_PROPERTY, DEFAULT_RESERVATION_TTL);
    }
}
