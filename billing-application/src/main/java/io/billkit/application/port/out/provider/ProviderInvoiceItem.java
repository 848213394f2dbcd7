package io.billkit.application.port.out.provider;

import io.billkit.domain.money.Money;

import java.util.Objects;

/** One item pushed to a provider invoice: the BillKit line's description and rounded amount. */
public record ProviderInvoiceItem(String description, Money amount) {
    public ProviderInvoiceItem {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(amount, "amount");
    }
}
