package io.billkit.application.port.in.subscription;

/**
 * Creates a checkout session at the payment provider.
 */
public interface StartCheckoutUseCase {
    CheckoutView start(StartCheckoutCommand command);
}
