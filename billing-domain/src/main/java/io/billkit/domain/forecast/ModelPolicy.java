package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which AI models a customer may use: an allowlist of model names (matched exactly, case-sensitive; each
 * 1..{@value #MAX_NAME_LENGTH} non-blank characters) and an optional {@code fallback} model, which must itself
 * be allowed, used in place of a model that is not.
 */
public record ModelPolicy(Set<String> allowed, Optional<String> fallback) {
    public static final int MAX_NAME_LENGTH = 128;

    public ModelPolicy {
        Objects.requireNonNull(allowed, "allowed");
        Objects.requireNonNull(fallback, "fallback");
        LinkedHashSet<String> copy = new LinkedHashSet<>();
        for (String model : allowed) {
            BillingException.require(model != null, "allowed models: a name is null");
            BillingException.require(!model.isBlank() && model.length() <= MAX_NAME_LENGTH,
                    "allowed models: names must be 1.." + MAX_NAME_LENGTH + " non-blank characters but got '" + model + "'");
            copy.add(model);
        }
        allowed = Collections.unmodifiableSet(copy);
        fallback.ifPresent(f -> BillingException.require(copy.contains(f),
                "fallback model '" + f + "' must be one of the allowed models " + copy));
    }

    public static ModelPolicy allowing(Set<String> allowed) {
        return new ModelPolicy(allowed, Optional.empty());
    }

    public static ModelPolicy allowing(Set<String> allowed, String fallback) {
        return new ModelPolicy(allowed, Optional.of(Objects.requireNonNull(fallback, "fallback")));
    }

    public boolean isAllowed(String model) {
        return allowed.contains(Objects.requireNonNull(model, "model"));
    }

    /**
     * The model to use for {@code requested}: itself when allowed, else the fallback.
     *
     * @throws BillingException {@link ErrorCode#MODEL_NOT_ALLOWED} when it is not allowed and there is no fallback
     */
    public String resolve(String requested) {
        Objects.requireNonNull(requested, "requested");
        if (allowed.contains(requested)) {
            return requested;
        }
        return fallback.orElseThrow(() -> new BillingException(ErrorCode.MODEL_NOT_ALLOWED,
                "model '" + requested + "' is not allowed; allowed models: " + allowed));
    }
}
