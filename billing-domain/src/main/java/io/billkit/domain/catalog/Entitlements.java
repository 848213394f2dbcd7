package io.billkit.domain.catalog;

import java.util.Objects;
import java.util.Set;

/** What a plan grants besides metered usage: seats, support tier and feature flags. */
public record Entitlements(Limit seats, String supportTier, Set<String> flags) {
    public Entitlements {
        Objects.requireNonNull(seats, "seats");
        Objects.requireNonNull(supportTier, "supportTier");
        flags = Set.copyOf(Objects.requireNonNull(flags, "flags"));
    }

    public static Entitlements none() {
        return new Entitlements(Limit.of(1), "community", Set.of());
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
