package io.billkit.application.port.in;

import java.util.Objects;

/**
 * Who asks for a use case, recorded in the audit log: subject (user id, API key id,
 * {@code system}, {@code stripe}), caller IP and user agent (empty strings when unknown).
 */
public record Actor(String subject, String ip, String userAgent) {
    public Actor {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    public static Actor system() {
        return new Actor("system", "", "");
    }

    public static Actor of(String subject) {
        return new Actor(subject, "", "");
    }
}
