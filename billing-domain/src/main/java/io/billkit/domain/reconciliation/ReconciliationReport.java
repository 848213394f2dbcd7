package io.billkit.domain.reconciliation;

import io.billkit.domain.money.Money;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of one reconciliation run: the findings in input order, how many of each outcome, the
 * total money discrepancy (sum of the findings' non-negative money discrepancies, in the policy
 * threshold's currency) and whether it exceeds the policy's alert threshold.
 */
public record ReconciliationReport(List<MeterReconciliation> findings, Map<ReconciliationOutcome, Integer> counts,
                                   Money totalMoneyDiscrepancy, ReconciliationAlert alert) {
    public ReconciliationReport {
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
        Objects.requireNonNull(counts, "counts");
        Map<ReconciliationOutcome, Integer> complete = new EnumMap<>(ReconciliationOutcome.class);
        for (ReconciliationOutcome outcome : ReconciliationOutcome.values()) {
            complete.put(outcome, counts.getOrDefault(outcome, 0));
        }
        counts = Collections.unmodifiableMap(complete);
        Objects.requireNonNull(totalMoneyDiscrepancy, "totalMoneyDiscrepancy");
        Objects.requireNonNull(alert, "alert");
    }

    /**
     * The report of {@code findings} under {@code policy}. Every finding's money must be in the
     * threshold's currency ({@code CURRENCY_MISMATCH} otherwise).
     */
    public static ReconciliationReport of(List<MeterReconciliation> findings, ReconciliationPolicy policy) {
        Objects.requireNonNull(findings, "findings");
        Objects.requireNonNull(policy, "policy");
        Map<ReconciliationOutcome, Integer> counts = new EnumMap<>(ReconciliationOutcome.class);
        Money total = Money.zero(policy.alertThreshold().currency());
        for (MeterReconciliation finding : findings) {
            counts.merge(finding.outcome(), 1, Integer::sum);
            total = total.plus(finding.moneyDiscrepancy().abs());
        }
        ReconciliationAlert alert = total.isGreaterThan(policy.alertThreshold())
                ? ReconciliationAlert.THRESHOLD_EXCEEDED
                : ReconciliationAlert.NONE;
        return new ReconciliationReport(findings, counts, total, alert);
    }

    /** How many findings have {@code outcome}. */
    public int count(ReconciliationOutcome outcome) {
        return counts.get(Objects.requireNonNull(outcome, "outcome"));
    }

    /** The findings that are MISMATCH, in input order. */
    public List<MeterReconciliation> mismatches() {
        return findings.stream().filter(MeterReconciliation::isMismatch).toList();
    }

    public boolean alerts() {
        return alert == ReconciliationAlert.THRESHOLD_EXCEEDED;
    }
}
