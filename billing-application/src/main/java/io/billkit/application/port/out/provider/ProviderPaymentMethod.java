package io.billkit.application.port.out.provider;

import java.util.Objects;

/** A stored payment method: brand and last four digits only, never the card number. */
public record ProviderPaymentMethod(String id, String customerId, String brand, String last4, boolean isDefault) {
    public ProviderPaymentMethod {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(brand, "brand");
        Objects.requireNonNull(last4, "last4");
    }
}
