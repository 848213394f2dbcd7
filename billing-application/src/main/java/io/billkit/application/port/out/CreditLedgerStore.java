package io.billkit.application.port.out;

import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditLedgerChange;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.customer.CustomerId;

import java.time.Instant;
import java.util.List;

/**
 * Credit grants and the transaction history of each customer's ledger (credit_grants,
 * credit_transactions). Writers load the ledger, let the domain compute a change, and apply it with the
 * version they loaded, so two concurrent debits can never both spend the same credits.
 */
public interface CreditLedgerStore {
    /**
     * The customer's ledger with every grant and its version ({@link CreditLedger#empty} when none). Inside
     * a transaction the PostgreSQL store also locks the ledger until the transaction ends.
     */
    CreditLedger load(CustomerId customer);

    /**
     * Writes the grants of {@code change.ledger()} and appends {@code change.transactions()}.
     *
     * @param expectedVersion the version of the ledger the change was computed from
     * @throws io.billkit.domain.BillingException CONFLICT when the stored ledger moved past {@code expectedVersion}
     */
    void apply(long expectedVersion, CreditLedgerChange change);

    /** The customer's transactions, newest first, at most {@code limit}. */
    List<CreditTransaction> transactions(CustomerId customer, int limit);

    /** The customer's transactions carrying {@code reference} (e.g. a consume request id), oldest first. */
    List<CreditTransaction> transactionsByReference(CustomerId customer, String reference);

    /** Customers that have an active grant expiring at or before {@code at} with credits left, at most {@code limit}. */
    List<CustomerId> customersWithGrantsExpiringBy(Instant at, int limit);
}
