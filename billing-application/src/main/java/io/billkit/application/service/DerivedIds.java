package io.billkit.application.service;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Deterministic ids and idempotency keys derived from what an operation is about, so a retried
 * operation reuses the id (and the provider object) of the first attempt.
 */
final class DerivedIds {
    private DerivedIds() {
    }

    /** 24 lowercase hex characters of SHA-256 over the parts, each prefixed by its length so parts cannot run together. */
    static String hash(String... parts) {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (String part : parts) {
            encoded.writeBytes(Integer.toString(part.length()).getBytes(StandardCharsets.UTF_8));
            encoded.write(':');
            encoded.writeBytes(part.getBytes(StandardCharsets.UTF_8));
        }
        return Hashes.sha256Hex(encoded.toByteArray()).substring(0, 24);
    }
}
