package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Stripe-style verifier for the HTTP adapter's tests (the adapter may not depend on adapter-stripe, whose
 * real verifier bootstrap's tests exercise): {@code t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>}
 * over an event body {@code {"id","type","created","data":{"object":{...}}}}; it translates
 * {@code customer.subscription.updated} (status, cancel_at_period_end) and treats every other type as not acted on.
 */
final class HmacTestVerifier implements ProviderWebhookVerifier {
    private final String secret;
    private final ObjectMapper json = new ObjectMapper();

    HmacTestVerifier(String secret) {
        this.secret = secret;
    }

    static String sign(String secret, long timestamp, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public ProviderEvent verify(String payload, String signatureHeader) {
        if (signatureHeader == null || !signatureHeader.startsWith("t=") || !signatureHeader.contains(",v1=")) {
            throw new BillingException(ErrorCode.UNAUTHENTICATED, "missing or malformed signature header");
        }
        long timestamp = Long.parseLong(signatureHeader.substring(2, signatureHeader.indexOf(',')));
        String expected = sign(secret, timestamp, payload);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signatureHeader.getBytes(StandardCharsets.UTF_8))) {
            throw new BillingException(ErrorCode.UNAUTHENTICATED, "signature does not match the payload");
        }
        try {
            JsonNode event = json.readTree(payload);
            JsonNode object = event.get("data").get("object");
            ProviderEvent.Meta meta = new ProviderEvent.Meta(event.get("id").asText(),
                    Instant.ofEpochSecond(event.get("created").asLong()), object.get("id").asText());
            if (!"customer.subscription.updated".equals(event.get("type").asText())) {
                return new ProviderEvent.NotActedOn(meta, Optional.empty());
            }
            ProviderSubscriptionStatus status = switch (object.path("status").asText("")) {
                case "active" -> ProviderSubscriptionStatus.ACTIVE;
                case "canceled" -> ProviderSubscriptionStatus.CANCELED;
                case "past_due" -> ProviderSubscriptionStatus.PAST_DUE;
                default -> ProviderSubscriptionStatus.OTHER;
            };
            Optional<Boolean> cancelAtPeriodEnd = object.has("cancel_at_period_end")
                    ? Optional.of(Boolean.parseBoolean(object.get("cancel_at_period_end").asText())) : Optional.empty();
            return new ProviderEvent.SubscriptionChanged(meta, meta.objectId(), Optional.empty(), status, cancelAtPeriodEnd);
        } catch (Exception e) {
            throw BillingException.invalid("signed body is not an event: " + e.getMessage());
        }
    }
}
