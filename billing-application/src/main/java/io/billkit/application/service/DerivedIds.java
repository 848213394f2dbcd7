package io.billkit.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic ids and idempotency keys derived from what an operation is about, so a retried
 * operation reuses the id (and the provider object) of the first attempt.
 */
final class DerivedIds {
    private DerivedIds() {
    }

    /** 24 lowercase hex characters of SHA-256 over the parts joined by a separator that parts cannot fake. */
    static String hash(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(Integer.toString(part.length()).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) ':');
                digest.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
