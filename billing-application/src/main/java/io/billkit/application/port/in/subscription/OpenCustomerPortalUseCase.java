package io.billkit.application.port.in.subscription;

/**
 * Creates a customer portal session at the payment provider.
 */
public interface OpenCustomerPortalUseCase {
    PortalView open(OpenCustomerPortalCommand command);
}
