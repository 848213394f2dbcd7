package io.billkit.domain.credit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Grants whose expiry had come by {@code at}, with the credits each still held (now lost), the
 * ledger after it and one {@link CreditTransactionType#EXPIRY EXPIRY} transaction per expired
 * grant. Empty when nothing was left to expire; running an expiry twice expires nothing the
 * second time.
 *
 * @param at           the instant the expiry ran for
 * @param expired      the credits each grant lost
 * @param ledger       the ledger after it
 * @param transactions one EXPIRY per entry of {@code expired}, same order
 */
public record CreditExpiry(Instant at, List<CreditAllocation> expired, CreditLedger ledger,
                           List<CreditTransaction> transactions) implements CreditLedgerChange {
    public CreditExpiry {
        Objects.requireNonNull(at, "at");
        expired = List.copyOf(Objects.requireNonNull(expired, "expired"));
        Objects.requireNonNull(ledger, "ledger");
        transactions = List.copyOf(Objects.requireNonNull(transactions, "transactions"));
    }

    /** All credits lost. */
    public BigDecimal total() {
        return expired.stream().map(CreditAllocation::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** True when no grant lost credits. */
    public boolean isEmpty() {
        return expired.isEmpty();
    }
}
