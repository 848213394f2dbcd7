package io.billkit.domain.invoice;

/**
 * What an invoice bills within its subscription's period. A period has at most one {@link #PERIOD_END}
 * invoice (the period close's, or an immediate cancel's final invoice) and any number of {@link #THRESHOLD}
 * invoices issued before it (progressive billing: accrued usage crossed a threshold amount mid-period). Every
 * invoice of a period takes its number from the same gapless series.
 */
public enum InvoiceKind {
    /** The period's invoice: base fee, usage and charges of the whole period, net of its threshold invoices. */
    PERIOD_END,
    /** A mid-period invoice of the usage accrued so far, net of the period's earlier threshold invoices. */
    THRESHOLD
}
