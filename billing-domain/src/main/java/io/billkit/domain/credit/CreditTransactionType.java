package io.billkit.domain.credit;

/** What a {@link CreditTransaction} records; the sign of its amount follows from it. */
public enum CreditTransactionType {
    /** Credits added by a grant (amount positive). */
    GRANT,
    /** Credits consumed from one grant by a debit (amount negative). */
    DEBIT,
    /** A grant's unused credits lost at its expiry (amount negative). */
    EXPIRY,
    /** Debited credits given back to their grant (amount positive). */
    REVERSAL;

    /** +1 for types that add credits, -1 for types that remove them. */
    public int sign() {
        return this == GRANT || this == REVERSAL ? 1 : -1;
    }
}
