package io.billkit.application.service;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Outbound webhook signatures on the Standard Webhooks specification (standardwebhooks.com):
 * <ul>
 *   <li>{@code webhook-id}: the message id (the outbox event id; the same on every retry, the receiver's
 *       deduplication key);</li>
 *   <li>{@code webhook-timestamp}: unix seconds of the attempt;</li>
 *   <li>{@code webhook-signature}: space-separated {@code v1,<base64 HMAC-SHA256(key, id + "." + timestamp + "." + body)>},
 *       one per valid secret (two while a rotated secret overlaps with the new one).</li>
 * </ul>
 * A secret is {@code whsec_<base64>}; the key is the base64-decoded bytes after the prefix.
 * Written on the JDK's {@link Mac} so that the application keeps to java.* (the spec is four lines of HMAC);
 * the delivery test verifies it with an independent implementation.
 */
public final class WebhookSignatures {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    /** Prefix of every signing secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private WebhookSignatures() {
    }

    /** The {@code webhook-signature} value: one {@code v1,<base64>} per secret, space-separated. */
    public static String header(List<String> secrets, String messageId, long unixSeconds, String body) {
        Objects.requireNonNull(secrets, "secrets");
        List<String> parts = new ArrayList<>();
        for (String secret : secrets) {
            parts.add("v1," + sign(secret, messageId, unixSeconds, body));
        }
        return String.join(" ", parts);
    }

    /** The base64 signature of one message with one secret. */
    public static String sign(String secret, String messageId, long unixSeconds, String body) {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
        byte[] mac = hmacSha256(key(secret), (messageId + "." + unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    /** Whether any {@code v1,} entry of {@code signatureHeader} is a valid signature with {@code secret} (timestamp not checked). */
    public static boolean verify(String secret, String messageId, long unixSeconds, String body, String signatureHeader) {
        Objects.requireNonNull(signatureHeader, "signatureHeader");
        byte[] expected = sign(secret, messageId, unixSeconds, body).getBytes(StandardCharsets.US_ASCII);
        for (String part : signatureHeader.trim().split(" +")) {
            if (part.startsWith("v1,")
                    && MessageDigest.isEqual(expected, part.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    /** The HMAC key of a {@code whsec_<base64>} secret: the decoded bytes. */
    static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not whsec_<base64>", e);
        }
    }

    /** HMAC-SHA256 with the JDK's {@link Mac}. */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
