package io.billkit.domain.reconciliation;

import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * Compares internal and provider quantities (pure). The relative difference is
 * {@code |provider - internal| / max(internal, provider)}: equal quantities (both zero included) are
 * MATCHED; a difference at or below the policy's tolerance is WITHIN_TOLERANCE (decided exactly, as
 * {@code |diff| <= tolerance x max}, never on a rounded ratio); anything else is MISMATCH. The money at
 * stake is {@code |diff| x unit price}, rounded HALF_UP to the currency's minor unit.
 */
public final class Reconciler {
    /** Decimals of the reported relative discrepancy. */
    public static final int RELATIVE_SCALE = 10;

    private final ReconciliationPolicy policy;

    public Reconciler(ReconciliationPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A reconciler with {@link ReconciliationPolicy#defaults()}. */
    public static Reconciler withDefaults() {
        return new Reconciler(ReconciliationPolicy.defaults());
    }

    public ReconciliationPolicy policy() {
        return policy;
    }

    /** The finding for one comparison. */
    public MeterReconciliation reconcile(UsageComparison comparison) {
        Objects.requireNonNull(comparison, "comparison");
        BigDecimal internal = comparison.internalQuantity();
        BigDecimal provider = comparison.providerQuantity();
        BigDecimal difference = provider.subtract(internal);
        BigDecimal absolute = difference.abs();
        BigDecimal larger = internal.max(provider);
        BigDecimal relative = larger.signum() == 0
                ? BigDecimal.ZERO
                : absolute.divide(larger, RELATIVE_SCALE, RoundingMode.HALF_UP);
        ReconciliationOutcome outcome;
        if (absolute.signum() == 0) {
            outcome = ReconciliationOutcome.MATCHED;
        } else if (absolute.compareTo(policy.relativeTolerance().multiply(larger)) <= 0) {
            outcome = ReconciliationOutcome.WITHIN_TOLERANCE;
        } else {
            outcome = ReconciliationOutcome.MISMATCH;
        }
        Money money = RoundingPolicy.PER_LINE_HALF_UP.round(comparison.unitPrice().extend(absolute),
                comparison.unitPrice().currency());
        return new MeterReconciliation(comparison.subscriptionId(), comparison.customerId(), comparison.meter(),
                internal, provider, difference, relative, money, outcome);
    }

    /** Reconciles every comparison and sums them up into a report. */
    public ReconciliationReport run(List<UsageComparison> comparisons) {
        Objects.requireNonNull(comparisons, "comparisons");
        return ReconciliationReport.of(comparisons.stream().map(this::reconcile).toList(), policy);
    }
}
