package io.billkit.application.port.out.provider;

/** An invoice's status at the payment provider (adapter-stripe maps Stripe's words to these). */
public enum ProviderInvoiceStatus {
    DRAFT,
    OPEN,
    PAID,
    VOID,
    UNCOLLECTIBLE
}
