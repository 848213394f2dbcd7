package io.billkit.adapter.clickhouse;

import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageEvent;
import io.billkit.domain.usage.UsageRollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * {@link UsageEventStore} on ClickHouse: {@code usage_events} is the event log; aggregates and daily
 * rollups are computed from the events at read time over the primary-key range (customer, meter, day),
 * so there is no rollup table to keep consistent. Every read is correct before merges: it reads only
 * committed units (or the caller's own) and keeps one row per event id ({@code LIMIT 1 BY event_id}),
 * which costs a hash of the ids in the window; {@code FINAL} was not used because it merges whole parts
 * at read time and does not filter uncommitted units. LATEST is {@code argMax(quantity, (ts_ns, event_id))}
 * (latest timestamp, ties to the greater id); UNIQUE_COUNT is {@code uniqExact} over the property value.
 *
 * <p>Dedupe truth: within one process, per-customer lock stripes (held to the end of the unit) around
 * "which of these ids are stored?" and the insert. Across service replicas this is NOT enough: the claim
 * must live in PostgreSQL (see the README's ClickHouse section).
 */
public final class ClickHouseUsageEventStore implements UsageEventStore {
    private static final int STRIPES = 256;
    private final ClickHouse clickHouse;
    private final ClickHouseTransactions tx;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public ClickHouseUsageEventStore(ClickHouse clickHouse, ClickHouseTransactions tx) {
        this.clickHouse = Objects.requireNonNull(clickHouse, "clickHouse");
        this.tx = Objects.requireNonNull(tx, "tx");
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    private String visible() {
        ClickHouseTransactions.Unit unit = tx.current();
        return "(tx_id IN (SELECT tx_id FROM usage_commits)" + (unit == null ? "" : " OR tx_id = " + ClickHouse.quote(unit.id)) + ")";
    }

    @Override
    public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> batch) {
        Objects.requireNonNull(batch, "events");
        Map<String, DatedUsageEvent> firsts = new LinkedHashMap<>();
        for (DatedUsageEvent dated : batch) {
            Objects.requireNonNull(dated, "events must not contain null");
            firsts.putIfAbsent(dated.event().customer().value() + "\u0000" + dated.event().eventId(), dated);
        }
        if (firsts.isEmpty()) {
            return List.of();
        }
        return tx.inTransaction(() -> {
            ClickHouseTransactions.Unit unit = tx.current();
            Set<Integer> needed = new TreeSet<>();
            for (DatedUsageEvent d : firsts.values()) {
                needed.add(Math.floorMod(d.event().customer().value().hashCode(), STRIPES));
            }
            for (int stripe : needed) {
                ReentrantLock lock = stripes[stripe];
                if (!lock.isHeldByCurrentThread()) {
                    lock.lock();
                    unit.locks.add(lock);
                }
            }
            Set<String> existing = new HashSet<>();
            String keys = firsts.values().stream()
                    .map(d -> "(" + ClickHouse.quote(d.event().customer().value()) + ", " + ClickHouse.quote(d.event().eventId()) + ")")
                    .collect(Collectors.joining(", "));
            String customers = firsts.values().stream().map(d -> ClickHouse.quote(d.event().customer().value()))
                    .distinct().collect(Collectors.joining(", "));
            for (String[] row : clickHouse.rows("SELECT customer_id, event_id FROM usage_events WHERE customer_id IN (" + customers
                    + ") AND (customer_id, event_id) IN (" + keys + ") AND " + visible())) {
                existing.add(row[0] + "\u0000" + row[1]);
            }
            List<DatedUsageEvent> stored = new ArrayList<>();
            StringBuilder values = new StringBuilder();
            for (Map.Entry<String, DatedUsageEvent> e : firsts.entrySet()) {
                if (existing.contains(e.getKey())) {
                    continue;
                }
                DatedUsageEvent d = e.getValue();
                UsageEvent ev = d.event();
                Meter meter = d.aggregationMeter();
                Optional<String> unique = meter.aggregation() == Aggregation.UNIQUE_COUNT
                        ? ev.property(meter.uniqueProperty()) : Optional.empty();
                if (!values.isEmpty()) {
                    values.append(", ");
                }
                values.append('(').append(ClickHouse.quote(ev.customer().value())).append(", ")
                        .append(ClickHouse.quote(ev.eventId())).append(", ")
                        .append(ClickHouse.quote(ev.meter().value())).append(", ")
                        .append(ClickHouse.quote(meter.aggregation().name())).append(", ")
                        .append(ClickHouse.quote(d.day().toString())).append(", ")
                        .append(nanos(ev.timestamp())).append(", ")
                        .append(ev.quantity().toPlainString()).append(", ")
                        .append(unique.isPresent() ? 1 : 0).append(", ")
                        .append(ClickHouse.quote(unique.orElse(""))).append(", ")
                        .append(ClickHouse.quote(unit.id)).append(')');
                stored.add(d);
            }
            if (!stored.isEmpty()) {
                clickHouse.execute("INSERT INTO usage_events (customer_id, event_id, meter, aggregation, day, ts_ns, quantity,"
                        + " has_unique, unique_value, tx_id) VALUES " + values);
                unit.wrote = true;
            }
            return List.copyOf(stored);
        });
    }

    static long nanos(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000_000L), at.getNano());
    }

    private String events(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate toInclusive) {
        return "(SELECT * FROM usage_events WHERE customer_id = " + ClickHouse.quote(customer.value())
                + meter.map(m -> " AND meter = " + ClickHouse.quote(m.value())).orElse("")
                + " AND day >= " + ClickHouse.quote(from.toString()) + " AND day <= " + ClickHouse.quote(toInclusive.toString())
                + " AND " + visible() + " LIMIT 1 BY customer_id, event_id)";
    }

    @Override
    public BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toExclusive, "toExclusive");
        if (!toExclusive.isAfter(from)) {
            return BigDecimal.ZERO;
        }
        String expression = switch (meter.aggregation()) {
            case COUNT -> "toString(count())";
            case SUM -> "toString(sum(quantity))";
            case MAX -> "toString(max(quantity))";
            case LATEST -> "toString(argMax(quantity, (ts_ns, event_id)))";
            case UNIQUE_COUNT -> "toString(uniqExact(unique_value))";
        };
        String where = meter.aggregation() == Aggregation.UNIQUE_COUNT ? " WHERE has_unique = 1" : "";
        List<String[]> rows = clickHouse.rows("SELECT " + expression + ", count() FROM "
                + events(customer, Optional.of(meter.key()), from, toExclusive.minusDays(1)) + where);
        if (rows.isEmpty() || rows.get(0)[1].equals("0")) {
            return BigDecimal.ZERO;
        }
        return decimal(rows.get(0)[0]);
    }

    /**
     * A Decimal as ClickHouse prints it ({@code 42.000000000000}) without the column's trailing zeros, as the
     * PostgreSQL store answers ({@code 42}).
     */
    static BigDecimal decimal(String text) {
        BigDecimal value = new BigDecimal(text).stripTrailingZeros();
        return value.scale() < 0 ? value.setScale(0) : value;
    }

    @Override
    public List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from, LocalDate toInclusive) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(toInclusive, "toInclusive");
        List<UsageRollup> out = new ArrayList<>();
        for (String[] r : clickHouse.rows("SELECT meter, toString(day), any(aggregation), count(), toString(sum(quantity)),"
                + " toString(max(quantity)), toString(argMax(quantity, (ts_ns, event_id))), max(ts_ns) FROM "
                + events(customer, meter, from, toInclusive) + " WHERE aggregation != 'UNIQUE_COUNT'"
                + " GROUP BY meter, day ORDER BY day, meter")) {
            long count = Long.parseLong(r[3]);
            BigDecimal value = switch (Aggregation.valueOf(r[2])) {
                case COUNT -> BigDecimal.valueOf(count);
                case SUM -> decimal(r[4]);
                case MAX -> decimal(r[5]);
                case LATEST -> decimal(r[6]);
                case UNIQUE_COUNT -> throw new IllegalStateException("UNIQUE_COUNT meters have no rollups");
            };
            long ns = Long.parseLong(r[7]);
            out.add(new UsageRollup(MeterKey.of(r[0]), LocalDate.parse(r[1]), value, count,
                    Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L))));
        }
        return out;
    }

    @Override
    public boolean contains(CustomerId customer, String eventId) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(eventId, "eventId");
        return !clickHouse.rows("SELECT 1 FROM usage_events WHERE customer_id = " + ClickHouse.quote(customer.value())
                + " AND event_id = " + ClickHouse.quote(eventId) + " AND " + visible() + " LIMIT 1").isEmpty();
    }
}
