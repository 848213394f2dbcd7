package io.billkit.domain.credit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Credits attributed to one grant: the part of a debit taken from it, the part of it that expired,
 * or the part of a reversal given back to it.
 *
 * @param grantId the grant
 * @param amount  credits, greater than 0, at most 6 decimals
 */
public record CreditAllocation(CreditGrantId grantId, BigDecimal amount) {
    public CreditAllocation {
        Objects.requireNonNull(grantId, "grantId");
        CreditAmounts.requirePositive(amount, "allocation to " + grantId + ": amount");
    }
}
