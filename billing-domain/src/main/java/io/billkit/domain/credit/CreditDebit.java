package io.billkit.domain.credit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A debit applied in full: which grants paid how much (in consumption order), the ledger after
 * it, and one {@link CreditTransactionType#DEBIT DEBIT} transaction per allocation.
 *
 * @param amount       credits debited, the sum of the allocations
 * @param allocations  the grants consumed, first consumed first
 * @param ledger       the ledger after the debit
 * @param transactions one DEBIT per allocation, same order
 */
public record CreditDebit(BigDecimal amount, List<CreditAllocation> allocations, CreditLedger ledger,
                          List<CreditTransaction> transactions) implements CreditLedgerChange {
    public CreditDebit {
        Objects.requireNonNull(amount, "amount");
        allocations = List.copyOf(Objects.requireNonNull(allocations, "allocations"));
        Objects.requireNonNull(ledger, "ledger");
        transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
    }
}
