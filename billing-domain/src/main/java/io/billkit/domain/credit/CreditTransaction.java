package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a customer's credit history, as produced by {@link CreditLedger}'s operations for a
 * store to persist (append-only). The sum of a customer's transaction amounts for a grant is what
 * the grant has left.
 *
 * @param id        unique id, {@code <customerId>:<sequence>} when made by the ledger
 * @param customer  whose credits moved
 * @param type      what happened
 * @param amount    signed credits: positive for {@link CreditTransactionType#GRANT GRANT} and
 *                  {@link CreditTransactionType#REVERSAL REVERSAL}, negative for
 *                  {@link CreditTransactionType#DEBIT DEBIT} and {@link CreditTransactionType#EXPIRY EXPIRY};
 *                  never zero, at most 6 decimals
 * @param grantId   the grant the credits moved in or out of (the ledger always sets it); empty only
 *                  for entries that concern no single grant
 * @param reference why: order id, subscription period, usage reference, reversal reason; may be
 *                  empty, never null
 * @param at        when it happened (UTC instant)
 */
public record CreditTransaction(CreditTransactionId id, CustomerId customer, CreditTransactionType type,
                                BigDecimal amount, Optional<CreditGrantId> grantId, String reference, Instant at) {
    public CreditTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(at, "at");
        CreditAmounts.requireDecimals(amount, "transaction " + id + ": amount");
        BillingException.require(amount.signum() == type.sign(), "transaction " + id + ": a " + type
                + " amount must be " + (type.sign() > 0 ? "positive" : "negative") + " but was " + amount.toPlainString());
    }
}
