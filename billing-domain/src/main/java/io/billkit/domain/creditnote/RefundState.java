package io.billkit.domain.creditnote;

import java.util.Locale;

/**
 * Where a credit note's refund is: {@link #NOT_REFUNDED} for notes not settled by refund; {@link #PENDING} between
 * issuing the note and the provider's answer; {@link #SUCCEEDED} or {@link #FAILED} after it.
 */
public enum RefundState {
    NOT_REFUNDED, PENDING, SUCCEEDED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
