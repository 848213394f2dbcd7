package io.billkit.application.port.out.provider;

import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.PlanCode;

/** Pages the payment provider hosts: checkout (StartCheckout) and the customer portal (OpenCustomerPortal). */
public interface ProviderHostedSessions {

    CheckoutSession createSubscriptionCheckout(String customerId, PlanCode plan, String successUrl, String cancelUrl,
                                               String idempotencyKey);

    CheckoutSession createCreditPackCheckout(String customerId, CreditProduct product, String successUrl,
                                             String cancelUrl, String idempotencyKey);

    PortalSession createPortalSession(String customerId, String returnUrl);
}
