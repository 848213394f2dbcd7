package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;

import java.util.Objects;

/** The id of a credit note ({@code cn_...}), never blank, at most 64 characters. */
public record CreditNoteId(String value) {
    public CreditNoteId {
        Objects.requireNonNull(value, "creditNoteId");
        BillingException.require(!value.isBlank() && value.length() <= 64,
                "credit note id must be 1..64 characters");
    }

    public static CreditNoteId of(String value) {
        return new CreditNoteId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
