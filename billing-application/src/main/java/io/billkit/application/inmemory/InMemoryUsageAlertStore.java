package io.billkit.application.inmemory;

import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.quota.UsageAlert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link UsageAlertStore} in memory: (customer, meter, window start, threshold) is the unique key, so a
 * threshold fires once per window; alerts roll back with their transaction.
 */
public final class InMemoryUsageAlertStore implements UsageAlertStore {
    private final InMemoryTransactions tx;
    private final Map<AlertKey, FiredAlert> alerts = new LinkedHashMap<>();

    private record AlertKey(CustomerId customer, MeterKey meter, Instant windowStart, int thresholdPercent) {
    }

    public InMemoryUsageAlertStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean recordIfNew(UsageAlert alert, Instant firedAt) {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(firedAt, "firedAt");
        AlertKey key = new AlertKey(alert.customer(), alert.meter(), alert.windowStart(), alert.thresholdPercent());
        return tx.inTransaction(() -> {
            if (alerts.containsKey(key)) {
                return false;
            }
            tx.put(alerts, key, new FiredAlert(alert, firedAt));
            return true;
        });
    }

    @Override
    public Set<Integer> fired(CustomerId customer, MeterKey meter, Instant windowStart) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(windowStart, "windowStart");
        return tx.read(() -> {
            Set<Integer> thresholds = new TreeSet<>();
            alerts.keySet().stream()
                    .filter(k -> k.customer().equals(customer) && k.meter().equals(meter) && k.windowStart().equals(windowStart))
                    .forEach(k -> thresholds.add(k.thresholdPercent()));
            return Set.copyOf(thresholds);
        });
    }

    @Override
    public List<FiredAlert> recent(CustomerId customer, int limit) {
        Objects.requireNonNull(customer, "customer");
        BillingException.require(limit >= 1 && limit <= 1000, "limit must be in 1..1000 but was " + limit);
        return tx.read(() -> {
            List<FiredAlert> mine = new ArrayList<>();
            alerts.values().stream().filter(a -> a.alert().customer().equals(customer)).forEach(mine::add);
            // newest first by firedAt; on equal instants the later-recorded first (the sort is stable)
            List<FiredAlert> ordered = new ArrayList<>();
            for (int i = mine.size() - 1; i >= 0; i--) {
                ordered.add(mine.get(i));
            }
            ordered.sort(Comparator.comparing(FiredAlert::firedAt).reversed());
            return List.copyOf(ordered.subList(0, Math.min(limit, ordered.size())));
        });
    }
}
