package io.billkit.application.port.in.subscription;

/** What a checkout session sells. */
public enum CheckoutKind {
    SUBSCRIPTION,
    CREDIT_PACK
}
