package io.billkit.adapter.postgres;

import io.billkit.application.port.out.UsageSnapshot;
import io.billkit.application.port.out.UsageSnapshotStore;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** {@link UsageSnapshotStore} on {@code usage_snapshots}: one upsert per (customer, day); quantities as a JSON object. */
final class PostgresUsageSnapshotStore implements UsageSnapshotStore {
    private final JdbiTransactions tx;

    PostgresUsageSnapshotStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void upsert(UsageSnapshot s) {
        Objects.requireNonNull(s, "snapshot");
        Map<String, String> quantities = new LinkedHashMap<>();
        s.quantities().forEach((meter, quantity) -> quantities.put(meter.value(), quantity.toPlainString()));
        tx.useHandle(RowScope.customer(s.customer()), h -> h.createUpdate("""
                        INSERT INTO usage_snapshots (customer_id, day, quantities, cost, currency, taken_at)
                        VALUES (:customer, :day, CAST(:quantities AS jsonb), :cost, :currency, :takenAt)
                        ON CONFLICT (customer_id, day) DO UPDATE SET quantities = EXCLUDED.quantities,
                            cost = EXCLUDED.cost, currency = EXCLUDED.currency, taken_at = EXCLUDED.taken_at""")
                .bind("customer", s.customer().value())
                .bind("day", s.day())
                .bind("quantities", SqlValues.json(quantities))
                .bind("cost", s.cost().amount())
                .bind("currency", s.cost().currencyCode())
                .bind("takenAt", SqlValues.timestamp(s.takenAt()))
                .execute());
    }

    @Override
    public List<UsageSnapshot> list(CustomerId customer, LocalDate from, LocalDate toInclusive) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> h.createQuery("""
                        SELECT customer_id, day, quantities, cost, currency, taken_at FROM usage_snapshots
                        WHERE customer_id = :customer AND day >= :from AND day <= :to ORDER BY day""")
                .bind("customer", customer.value())
                .bind("from", from)
                .bind("to", toInclusive)
                .map((rs, ctx) -> {
                    Map<MeterKey, BigDecimal> quantities = new LinkedHashMap<>();
                    SqlValues.stringMap(rs, "quantities").forEach((k, v) -> quantities.put(MeterKey.of(k), new BigDecimal(v)));
                    return new UsageSnapshot(CustomerId.of(rs.getString("customer_id")), SqlValues.localDate(rs, "day"),
                            quantities, new Money(rs.getBigDecimal("cost"), Money.currency(rs.getString("currency"))),
                            SqlValues.instant(rs, "taken_at"));
                })
                .list());
    }
}
