package io.billkit.domain.credit;

import java.util.List;
import java.util.Objects;

/** A grant added to a ledger, with its {@link CreditTransactionType#GRANT GRANT} transaction. */
public record CreditGranted(CreditGrant grant, CreditLedger ledger, CreditTransaction transaction)
        implements CreditLedgerChange {
    public CreditGranted {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(transaction, "transaction");
    }

    @Override
    public List<CreditTransaction> transactions() {
        return List.of(transaction);
    }
}
