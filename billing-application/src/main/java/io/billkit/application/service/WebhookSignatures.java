package io.billkit.application.service;

import java.nio.charset.StandardCharsets;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.InvalidKeyException;
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

    /** HMAC-SHA256 with the JDK's {@link Mac} (the application may use the JDK's {@code javax.crypto}). */
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
