package io.billkit.domain.credit;

import java.util.List;

/**
 * The outcome of one {@link CreditLedger} operation: the ledger after it and the transactions it
 * produced, which a store persists together (in one database transaction).
 */
public sealed interface CreditLedgerChange permits CreditGranted, CreditDebit, CreditExpiry, CreditReversal {

    /** The ledger after the operation. */
    CreditLedger ledger();

    /** The history entries the operation produced, in order; empty when nothing changed. */
    List<CreditTransaction> transactions();
}
