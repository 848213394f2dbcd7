package io.billkit.adapter.http;

import io.billkit.domain.customer.CustomerId;

import java.util.Objects;
import java.util.Optional;

/**
 * The caller behind a valid API key: the key's public id (the audit actor) and the customer it is scoped
 * to (empty: a service key that may act for every customer).
 */
record ApiKeyPrincipal(String keyId, Optional<CustomerId> customer) {
    ApiKeyPrincipal {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(customer, "customer");
    }

    boolean mayActFor(CustomerId other) {
        return customer.map(other::equals).orElse(true);
    }

    /** Throws 403 unless this key may act for {@code other}. */
    void requireMayActFor(CustomerId other) {
        if (!mayActFor(other)) {
            throw ApiProblem.forbidden("API key '" + keyId + "' may act only for customer '"
                    + customer.map(CustomerId::value).orElse("") + "'");
        }
    }
}
