package io.billkit.domain.invoice;

/**
 * How tax applies to (part of) an invoice. Each maps to an EN 16931 VAT category when the invoice is
 * written as Factur-X: {@code STANDARD} -> {@code S}, {@code REVERSE_CHARGE} -> {@code AE},
 * {@code EXEMPT} -> {@code E}.
 */
public enum TaxTreatment {
    /** Tax charged at a positive rate. */
    STANDARD,
    /** No tax charged: the customer (an EU business with a VAT id in another member state) accounts for it. */
    REVERSE_CHARGE,
    /** No tax charged: the customer is exempt, or the sale is outside the seller's configured jurisdictions. */
    EXEMPT
}
