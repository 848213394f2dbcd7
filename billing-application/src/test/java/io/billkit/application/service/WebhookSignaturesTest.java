package io.billkit.application.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignaturesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hmac_sha256_matches_the_rfc_4231_test_vectors() {
        assertThat(HEX.formatHex(WebhookSignatures.hmacSha256(HEX.parseHex("0b".repeat(20)),
                "Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertThat(HEX.formatHex(WebhookSignatures.hmacSha256(HEX.parseHex("aa".repeat(131)),
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void matches_the_standard_webhooks_specification_example() {
        // the example in the Standard Webhooks specification and its reference libraries' tests
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
        long ts = 1614265330L;
        String body = "{\"test\": 2432232314}";
        assertThat(WebhookSignatures.header(List.of(secret), id, ts, body))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void rotation_signs_with_both_secrets_and_each_verifies_alone() {
        String oldSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString("old-key-0123456789abcdef".getBytes());
        String newSecret = "whsec_" + java.util.Base64.getEncoder().encodeToString("new-key-0123456789abcdef".getBytes());
        String header = WebhookSignatures.header(List.of(newSecret, oldSecret), "evt_1", 100L, "{}");

        assertThat(header.split(" ")).hasSize(2).allMatch(p -> p.startsWith("v1,"));
        assertThat(WebhookSignatures.verify(oldSecret, "evt_1", 100L, "{}", header)).isTrue();
        assertThat(WebhookSignatures.verify(newSecret, "evt_1", 100L, "{}", header)).isTrue();
        assertThat(WebhookSignatures.verify(newSecret, "evt_2", 100L, "{}", header)).isFalse();
        assertThat(WebhookSignatures.verify(newSecret, "evt_1", 101L, "{}", header)).isFalse();
        assertThat(WebhookSignatures.verify(newSecret, "evt_1", 100L, "{} ", header)).isFalse();
        assertThat(WebhookSignatures.verify(newSecret, "evt_1", 100L, "{}", "garbage")).isFalse();
    }
}
