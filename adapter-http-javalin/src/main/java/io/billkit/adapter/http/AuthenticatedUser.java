package io.billkit.adapter.http;

import io.billkit.domain.customer.CustomerId;

import java.util.Objects;

/**
 * The user behind a verified session token: {@code sub}, the {@code customer} they belong to, their
 * {@link Role}, and whether the token came from the cookie (browser; CSRF-checked) or a Bearer header.
 */
record AuthenticatedUser(String subject, CustomerId customer, Role role, Credential credential) {
    enum Credential { COOKIE, BEARER }

    AuthenticatedUser {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(credential, "credential");
    }

    boolean isAdmin() {
        return role == Role.ADMIN;
    }

    /** An admin may act for any customer, a member only for its own. */
    boolean mayActFor(CustomerId other) {
        return isAdmin() || customer.equals(other);
    }

    /** Throws 403 unless {@link #mayActFor(CustomerId)}. */
    void requireMayActFor(CustomerId other) {
        if (!mayActFor(other)) {
            throw ApiProblem.forbidden("user '" + subject + "' may not act for customer '" + other + "'");
        }
    }
}
