package io.billkit.domain.planted;

import org.assertj.core.api.Assertions;

import java.math.BigDecimal;
import java.time.Instant;

/** Deliberately breaks the architecture rules; only {@code PlantedViolationTest} imports it. */
public final class PlantedViolation {

    private PlantedViolation() {
    }

    public static boolean breaksTheRules(BigDecimal a, BigDecimal b) {
        Instant now = Instant.now();
        Assertions.assertThat(now).isNotNull();
        return a.equals(b);
    }
}
