package io.billkit.application.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The {@code BillKit-Signature} header of outbound webhooks, the same scheme as Stripe's:
 * {@code t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}. Receivers recompute the HMAC over
 * the raw body with their endpoint's secret, compare in constant time and reject old timestamps.
 */
public final class WebhookSignatures {
    /** Header carrying the signature. */
    public static final String SIGNATURE_HEADER = "BillKit-Signature";
    /** Header carrying the event id (the receiver's deduplication key). */
    public static final String EVENT_ID_HEADER = "BillKit-Event-Id";
    /** Header carrying the event type. */
    public static final String EVENT_TYPE_HEADER = "BillKit-Event-Type";

    private WebhookSignatures() {
    }

    /** The header value for {@code body} sent at {@code unixSeconds}. */
    public static String header(String secret, long unixSeconds, String body) {
        return "t=" + unixSeconds + ",v1=" + hmacHex(secret, unixSeconds + "." + body);
    }

    /** Whether {@code header} is a valid signature of {@code body} with {@code secret} (timestamp not checked). */
    public static boolean verify(String secret, String header, String body) {
        Objects.requireNonNull(header, "header");
        Long t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                try {
                    t = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
            } else if (key.equals("v1")) {
                v1 = value;
            }
        }
        if (t == null || v1 == null) {
            return false;
        }
        byte[] expected = hmacHex(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacHex(String secret, String message) {
        return HexFormat.of().formatHex(hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                message.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * HMAC-SHA256 (RFC 2104) on {@link MessageDigest}: the application layer depends on {@code java..} only,
     * and {@code javax.crypto} is outside it. Checked against the RFC 4231 test vectors.
     */
    static byte[] hmacSha256(byte[] key, byte[] message) {
        final int blockSize = 64;
        byte[] k = key.length > blockSize ? sha256().digest(key) : key;
        byte[] inner = new byte[blockSize];
        byte[] outer = new byte[blockSize];
        for (int i = 0; i < blockSize; i++) {
            byte b = i < k.length ? k[i] : 0;
            inner[i] = (byte) (b ^ 0x36);
            outer[i] = (byte) (b ^ 0x5c);
        }
        MessageDigest digest = sha256();
        digest.update(inner);
        byte[] innerHash = digest.digest(message);
        digest.update(outer);
        return digest.digest(innerHash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
