package io.billkit.adapter.postgres;

import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.reconciliation.MeterReconciliation;
import io.billkit.domain.reconciliation.ReconciliationAlert;
import io.billkit.domain.reconciliation.ReconciliationOutcome;
import io.billkit.domain.reconciliation.ReconciliationReport;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ReconciliationRunStore} on {@code reconciliation_runs} (one row per run: key, time, totals,
 * counts, alert) and {@code reconciliation_findings} (one row per finding, in report order). Decimals are
 * unconstrained {@code numeric}, which keeps the scale they were written with, so a report reads back
 * exactly as saved. A second run with the same id is a CONFLICT. Runs span customers: system scope.
 */
final class PostgresReconciliationRunStore implements ReconciliationRunStore {
    private static final String RUN_COLUMNS = "id, idempotency_key, ran_at, currency, total_discrepancy, alert,"
            + " matched_count, within_tolerance_count, mismatch_count";
    private static final String FINDING_COLUMNS = "run_id, position, subscription_id, customer_id, meter,"
            + " internal_quantity, provider_quantity, unit_discrepancy, relative_discrepancy, money_discrepancy,"
            + " money_currency, outcome";

    private final JdbiTransactions tx;

    PostgresReconciliationRunStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code reconciliation_runs} row. */
    record RunRow(String id, String idempotencyKey, Instant ranAt, String currency, BigDecimal totalDiscrepancy,
                  String alert, int matched, int withinTolerance, int mismatch) {
        static RunRow of(StoredRun run) {
            ReconciliationReport r = run.report();
            return new RunRow(run.runId(), run.idempotencyKey(), run.ranAt(), r.totalMoneyDiscrepancy().currencyCode(),
                    r.totalMoneyDiscrepancy().amount(), r.alert().name(), r.count(ReconciliationOutcome.MATCHED),
                    r.count(ReconciliationOutcome.WITHIN_TOLERANCE), r.count(ReconciliationOutcome.MISMATCH));
        }

        static RunRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new RunRow(rs.getString("id"), rs.getString("idempotency_key"), SqlValues.instant(rs, "ran_at"),
                    rs.getString("currency"), rs.getBigDecimal("total_discrepancy"), rs.getString("alert"),
                    rs.getInt("matched_count"), rs.getInt("within_tolerance_count"), rs.getInt("mismatch_count"));
        }

        StoredRun toDomain(List<MeterReconciliation> findings) {
            Map<ReconciliationOutcome, Integer> counts = new EnumMap<>(ReconciliationOutcome.class);
            counts.put(ReconciliationOutcome.MATCHED, matched);
            counts.put(ReconciliationOutcome.WITHIN_TOLERANCE, withinTolerance);
            counts.put(ReconciliationOutcome.MISMATCH, mismatch);
            ReconciliationReport report = new ReconciliationReport(findings, counts,
                    Money.of(totalDiscrepancy, Money.currency(currency)), ReconciliationAlert.valueOf(alert));
            return new StoredRun(id, idempotencyKey, ranAt, report);
        }
    }

    /** A {@code reconciliation_findings} row. */
    record FindingRow(String runId, int position, String subscriptionId, String customerId, String meter,
                      BigDecimal internalQuantity, BigDecimal providerQuantity, BigDecimal unitDiscrepancy,
                      BigDecimal relativeDiscrepancy, BigDecimal moneyDiscrepancy, String moneyCurrency, String outcome) {
        static FindingRow of(String runId, int position, MeterReconciliation f) {
            return new FindingRow(runId, position, f.subscriptionId().value(), f.customerId().value(), f.meter().value(),
                    f.internalQuantity(), f.providerQuantity(), f.unitDiscrepancy(), f.relativeDiscrepancy(),
                    f.moneyDiscrepancy().amount(), f.moneyDiscrepancy().currencyCode(), f.outcome().name());
        }

        static FindingRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new FindingRow(rs.getString("run_id"), rs.getInt("position"), rs.getString("subscription_id"),
                    rs.getString("customer_id"), rs.getString("meter"), rs.getBigDecimal("internal_quantity"),
                    rs.getBigDecimal("provider_quantity"), rs.getBigDecimal("unit_discrepancy"),
                    rs.getBigDecimal("relative_discrepancy"), rs.getBigDecimal("money_discrepancy"),
                    rs.getString("money_currency"), rs.getString("outcome"));
        }

        MeterReconciliation toDomain() {
            return new MeterReconciliation(SubscriptionId.of(subscriptionId), CustomerId.of(customerId),
                    MeterKey.of(meter), internalQuantity, providerQuantity, unitDiscrepancy, relativeDiscrepancy,
                    Money.of(moneyDiscrepancy, Money.currency(moneyCurrency)), ReconciliationOutcome.valueOf(outcome));
        }
    }

    @Override
    public void save(StoredRun run) {
        Objects.requireNonNull(run, "run");
        RunRow row = RunRow.of(run);
        tx.useHandle(RowScope.system(), h -> {
            h.createUpdate("INSERT INTO reconciliation_runs (" + RUN_COLUMNS + ") VALUES (:id, :key, :ranAt, :currency,"
                            + " :total, :alert, :matched, :withinTolerance, :mismatch)")
                    .bind("id", row.id())
                    .bind("key", row.idempotencyKey())
                    .bind("ranAt", SqlValues.timestamp(row.ranAt()))
                    .bind("currency", row.currency())
                    .bind("total", row.totalDiscrepancy())
                    .bind("alert", row.alert())
                    .bind("matched", row.matched())
                    .bind("withinTolerance", row.withinTolerance())
                    .bind("mismatch", row.mismatch())
                    .execute();
            List<MeterReconciliation> findings = run.report().findings();
            if (findings.isEmpty()) {
                return;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO reconciliation_findings (" + FINDING_COLUMNS + ") VALUES"
                    + " (:runId, :position, :subscription, :customer, :meter, :internal, :provider, :unit, :relative,"
                    + " :money, :moneyCurrency, :outcome)");
            for (int i = 0; i < findings.size(); i++) {
                FindingRow f = FindingRow.of(row.id(), i, findings.get(i));
                batch.bind("runId", f.runId())
                        .bind("position", f.position())
                        .bind("subscription", f.subscriptionId())
                        .bind("customer", f.customerId())
                        .bind("meter", f.meter())
                        .bind("internal", f.internalQuantity())
                        .bind("provider", f.providerQuantity())
                        .bind("unit", f.unitDiscrepancy())
                        .bind("relative", f.relativeDiscrepancy())
                        .bind("money", f.moneyDiscrepancy())
                        .bind("moneyCurrency", f.moneyCurrency())
                        .bind("outcome", f.outcome())
                        .add();
            }
            batch.execute();
        });
    }

    @Override
    public Optional<StoredRun> find(String runId) {
        Objects.requireNonNull(runId, "runId");
        return tx.withHandle(RowScope.system(), h -> withFindings(h, h.createQuery("SELECT " + RUN_COLUMNS
                        + " FROM reconciliation_runs WHERE id = :id")
                .bind("id", runId)
                .map(RunRow::map)
                .list())).stream().findFirst();
    }

    @Override
    public List<StoredRun> recent(int limit) {
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> withFindings(h, h.createQuery("SELECT " + RUN_COLUMNS
                        + " FROM reconciliation_runs ORDER BY ran_at DESC, id LIMIT :limit")
                .bind("limit", limit)
                .map(RunRow::map)
                .list()));
    }

    private static List<StoredRun> withFindings(Handle h, List<RunRow> runs) {
        if (runs.isEmpty()) {
            return List.of();
        }
        Map<String, List<MeterReconciliation>> findings = new HashMap<>();
        h.createQuery("SELECT " + FINDING_COLUMNS + " FROM reconciliation_findings"
                        + " WHERE run_id = ANY(CAST(:ids AS text[])) ORDER BY run_id, position")
                .bindArray("ids", String.class, runs.stream().map(RunRow::id).toList())
                .map(FindingRow::map)
                .forEach(f -> findings.computeIfAbsent(f.runId(), id -> new ArrayList<>()).add(f.toDomain()));
        return runs.stream().map(run -> run.toDomain(findings.getOrDefault(run.id(), List.of()))).toList();
    }
}
