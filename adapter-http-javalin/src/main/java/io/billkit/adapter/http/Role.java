package io.billkit.adapter.http;

import java.util.Locale;
import java.util.Optional;

/** What a session token lets its holder do: a {@code member} acts for its own customer, an {@code admin} for any. */
public enum Role {
    MEMBER, ADMIN;

    /** The claim value, {@code member} or {@code admin}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Role> fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
