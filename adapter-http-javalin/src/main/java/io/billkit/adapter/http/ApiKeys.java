package io.billkit.adapter.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * API key helpers. A clear key is {@code bk_} + 32 random bytes in URL-safe Base64 (shown once); the
 * {@link io.billkit.application.port.out.ApiKeyStore} keeps only {@link #sha256Hex(String)} of it.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    /** A new random clear key. */
    public static String newClearKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "bk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Lowercase hex SHA-256 of the key's UTF-8 bytes: what the store looks keys up by. */
    public static String sha256Hex(String clearKey) {
        Objects.requireNonNull(clearKey, "clearKey");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(clearKey.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
