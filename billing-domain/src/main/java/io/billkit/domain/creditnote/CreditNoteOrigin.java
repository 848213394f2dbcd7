package io.billkit.domain.creditnote;

/** Who made the credit note: BillKit (an admin's request) or the payment provider (a refund made in its dashboard). */
public enum CreditNoteOrigin {
    BILLKIT, PROVIDER
}
