package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;

import java.util.Locale;
import java.util.Objects;

/** Why a credit note was issued (Stripe's vocabulary); {@link #wireName()} is the lower-case API form. */
public enum CreditNoteReason {
    DUPLICATE, FRAUDULENT, ORDER_CHANGE, PRODUCT_UNSATISFACTORY, OTHER;

    /** {@code order_change}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason for {@code duplicate}, {@code order_change}, ...; INVALID_ARGUMENT naming the choices otherwise. */
    public static CreditNoteReason parse(String text) {
        Objects.requireNonNull(text, "reason");
        for (CreditNoteReason reason : values()) {
            if (reason.wireName().equals(text)) {
                return reason;
            }
        }
        throw BillingException.invalid("reason must be one of duplicate, fraudulent, order_change, "
                + "product_unsatisfactory, other but was '" + text + "'");
    }
}
