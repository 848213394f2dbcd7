package io.billkit.application.inmemory;

import io.billkit.application.port.out.QuotaCounters;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** {@link QuotaCounters} in memory; check and add happen under the transaction lock. */
public final class InMemoryQuotaCounters implements QuotaCounters {
    private final InMemoryTransactions tx;
    private final Map<Key, BigDecimal> counters = new HashMap<>();

    private record Key(CustomerId customer, MeterKey meter, Instant windowStart) {
    }

    public InMemoryQuotaCounters(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public Consumption tryConsume(CustomerId customer, MeterKey meter, Instant windowStart, BigDecimal amount, BigDecimal limit) {
        Key key = new Key(customer, meter, windowStart);
        return tx.inTransaction(() -> {
            BigDecimal used = counters.getOrDefault(key, BigDecimal.ZERO);
            BigDecimal after = used.add(amount);
            if (after.compareTo(limit) > 0) {
                return new Consumption(false, used);
            }
            tx.put(counters, key, after);
            return new Consumption(true, after);
        });
    }

    @Override
    public BigDecimal used(CustomerId customer, MeterKey meter, Instant windowStart) {
        return tx.read(() -> counters.getOrDefault(new Key(customer, meter, windowStart), BigDecimal.ZERO));
    }
}
