package io.billkit.application.service;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignaturesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hmac_sha256_matches_the_rfc_4231_test_vectors() {
        // test case 1: 20-byte key
        assertThat(HEX.formatHex(WebhookSignatures.hmacSha256(HEX.parseHex("0b".repeat(20)),
                "Hi There".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        // test case 2: short key
        assertThat(WebhookSignatures.hmacHex("Jefe", "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        // test case 6: 131-byte key, hashed first
        assertThat(HEX.formatHex(WebhookSignatures.hmacSha256(HEX.parseHex("aa".repeat(131)),
                "Test Using Larger Than Block-Size Key - Hash Key First".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    }

    @Test
    void the_header_is_stripe_style_and_verifies_only_with_the_same_secret_and_body() {
        String body = "{\"id\":\"evt_1\"}";
        String header = WebhookSignatures.header("whsec_test", 1_772_323_200L, body);

        assertThat(header).matches("t=1772323200,v1=[0-9a-f]{64}");
        assertThat(header).endsWith(WebhookSignatures.hmacHex("whsec_test", "1772323200." + body));
        assertThat(WebhookSignatures.verify("whsec_test", header, body)).isTrue();
        assertThat(WebhookSignatures.verify("whsec_other", header, body)).isFalse();
        assertThat(WebhookSignatures.verify("whsec_test", header, body + " ")).isFalse();
        assertThat(WebhookSignatures.verify("whsec_test", header.replace("t=1772323200", "t=1772323201"), body)).isFalse();
        assertThat(WebhookSignatures.verify("whsec_test", "garbage", body)).isFalse();
    }
}
