package io.billkit.domain.usage;

import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.time.TimeWindow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** Test-data helpers for usage tests. */
final class UsageFixtures {
    static final CustomerId ACME = CustomerId.of("acme");
    static final Instant MARCH_1 = Instant.parse("2026-03-01T00:00:00Z");
    static final TimeWindow MARCH = new TimeWindow(MARCH_1, Instant.parse("2026-04-01T00:00:00Z"));

    private UsageFixtures() {
    }

    static Meter meter(Aggregation aggregation) {
        return aggregation == Aggregation.UNIQUE_COUNT
                ? new Meter(MeterKey.of("active_users"), "Active users", "user", aggregation, "user_id")
                : new Meter(MeterKey.of("m_" + aggregation.name().toLowerCase(java.util.Locale.ROOT)), "M", "unit", aggregation, "");
    }

    static UsageEvent event(Meter meter, String id, String quantity, String instant) {
        return UsageEvent.of(id, ACME, meter.key(), new BigDecimal(quantity), Instant.parse(instant));
    }

    static UsageEvent event(Meter meter, String id, String quantity, String instant, Map<String, String> properties) {
        return new UsageEvent(id, ACME, meter.key(), new BigDecimal(quantity), Instant.parse(instant), properties);
    }
}
