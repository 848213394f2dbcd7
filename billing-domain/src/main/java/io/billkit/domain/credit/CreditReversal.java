package io.billkit.domain.credit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Debited credits given back to the grants they came from (a refunded or cancelled action), the
 * ledger after it and one {@link CreditTransactionType#REVERSAL REVERSAL} transaction per grant.
 *
 * @param restored     credits given back per grant
 * @param ledger       the ledger after it
 * @param transactions one REVERSAL per entry of {@code restored}, same order
 */
public record CreditReversal(List<CreditAllocation> restored, CreditLedger ledger,
                             List<CreditTransaction> transactions) implements CreditLedgerChange {
    public CreditReversal {
        restored = List.copyOf(Objects.requireNonNull(restored, "restored"));
        Objects.requireNonNull(ledger, "ledger");
        transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
    }

    /** All credits given back. */
    public BigDecimal total() {
        return restored.stream().map(CreditAllocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
