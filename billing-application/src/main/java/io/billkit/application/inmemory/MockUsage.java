package io.billkit.application.inmemory;

import io.billkit.application.port.out.provider.ProviderUsage;
import io.billkit.domain.catalog.MeterKey;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Usage the mock provider was told about, deduplicated by identifier. */
final class MockUsage implements ProviderUsage {
    private final MockProviderState state;
    private final Map<String, UsageRecord> usage = new LinkedHashMap<>();

    private record UsageRecord(String customerId, MeterKey meter, BigDecimal quantity, Instant at) {
    }

    MockUsage(MockProviderState state) {
        this.state = state;
    }

    void seed(String customerId, MeterKey meter, BigDecimal quantity, Instant at) {
        synchronized (state) {
            usage.put("seeded-" + state.id("usage"), new UsageRecord(customerId, meter, quantity, at));
        }
    }

    @Override
    public void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier) {
        synchronized (state) {
            state.record("recordUsage", identifier, customerId, meter.value(), quantity.toPlainString(), at.toString());
            state.failIfTold();
            usage.putIfAbsent(identifier, new UsageRecord(customerId, meter, quantity, at));
        }
    }

    @Override
    public BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to) {
        synchronized (state) {
            state.record("usage", "", customerId, meter.value(), from.toString(), to.toString());
            state.failIfTold();
            return usage.values().stream()
                    .filter(u -> u.customerId().equals(customerId) && u.meter().equals(meter))
                    .filter(u -> !u.at().isBefore(from) && u.at().isBefore(to))
                    .map(UsageRecord::quantity)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }
}
