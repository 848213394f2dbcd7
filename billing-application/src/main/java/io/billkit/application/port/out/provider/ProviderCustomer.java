package io.billkit.application.port.out.provider;

import java.util.Objects;

/** A customer as the provider knows it. */
public record ProviderCustomer(String id, String name, String email) {
    public ProviderCustomer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
    }
}
