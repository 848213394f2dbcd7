package io.billkit.adapter.stripe;

import io.billkit.domain.BillingException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Builds the {@code Idempotency-Key} of each Stripe POST. Keys are namespaced by the Stripe
 * operation ({@code customer.create:<key>}) so that one BillKit key used for several Stripe calls of
 * one use case never collides (Stripe rejects a key reused with other parameters). Keys longer than
 * Stripe's 255 characters are replaced by {@code <operation>:sha256:<hex>}, still stable.
 */
final class IdempotencyKeys {

    private static final int STRIPE_MAX_LENGTH = 255;

    private IdempotencyKeys() {
    }

    /** The key for {@code operation} from the key BillKit passed through the port. */
    static String of(String operation, String billkitKey) {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(billkitKey, "idempotencyKey");
        BillingException.require(!billkitKey.isBlank(), "idempotencyKey must not be blank");
        return bounded(operation, operation + ":" + billkitKey);
    }

    /** A stable key for a port call that carries none: the operation and the ids it acts on. */
    static String derived(String operation, String... parts) {
        Objects.requireNonNull(operation, "operation");
        StringBuilder key = new StringBuilder(operation);
        for (String part : parts) {
            key.append(':').append(Objects.requireNonNull(part, "key part"));
        }
        return bounded(operation, key.toString());
    }

    private static String bounded(String operation, String key) {
        if (key.length() <= STRIPE_MAX_LENGTH) {
            return key;
        }
        return operation + ":sha256:" + sha256(key);
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
