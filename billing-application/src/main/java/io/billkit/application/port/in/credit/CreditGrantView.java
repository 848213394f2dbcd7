package io.billkit.application.port.in.credit;

import java.util.Objects;

/**
 * What a grant did.
 *
 * @param grantId  the grant's id (derived from the customer and the idempotency key)
 * @param replayed true when the key had already granted these credits: nothing was added this time
 * @param balance  the customer's balance after the grant
 */
public record CreditGrantView(String grantId, boolean replayed, CreditBalanceView balance) {
    public CreditGrantView {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(balance, "balance");
    }
}
