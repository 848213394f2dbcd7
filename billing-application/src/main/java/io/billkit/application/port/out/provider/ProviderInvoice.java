package io.billkit.application.port.out.provider;

import io.billkit.domain.money.Money;

import java.util.Objects;

/**
 * An invoice as the provider knows it.
 *
 * @param status the provider's status
 */
public record ProviderInvoice(String id, String customerId, ProviderInvoiceStatus status, Money total, Money amountDue,
                              Money amountPaid, String hostedUrl) {
    public ProviderInvoice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(hostedUrl, "hostedUrl");
    }
}
