package io.billkit.application.service;

import io.billkit.domain.BillingException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookAddressGuardTest {
    /** Resolves every name to a public address, except rebind.example (an internal one). */
    private final WebhookAddressGuard guard = new WebhookAddressGuard(Set.of("dev.local"), host ->
            host.equals("rebind.example") ? List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"))
                    : List.of(InetAddress.getByName("93.184.216.34")));

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "017700000001",
            "0", "0.0.0.0", "[::]", "[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
            "[::ffff:169.254.169.254]", "[::127.0.0.1]",
            "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "3232235777", "0xc0a80101",
            "169.254.169.254", "2852039166", "0xa9fea9fe", "169.254.0.1", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]",
            "224.0.0.1", "239.255.255.250", "[ff02::1]", "255.255.255.255", "100.64.0.1", "[::ffff:10.0.0.1]",
            "localhost", "127.0.0.1.", "rebind.example"})
    void refuses_internal_addresses_in_every_spelling(String host) {
        WebhookAddressGuard strict = new WebhookAddressGuard(Set.of(), h -> h.equals("localhost")
                ? List.of(InetAddress.getByName("127.0.0.1"))
                : h.equals("rebind.example") ? List.of(InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.5"))
                : List.of(InetAddress.getByName("93.184.216.34")));
        assertThatThrownBy(() -> strict.check("https://" + host + "/hook"))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("public addresses only");
    }

    @Test
    void accepts_public_addresses_and_allowlisted_hosts() {
        assertThatCode(() -> guard.check("https://hooks.example.com/x")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("https://93.184.216.34/x")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("https://[2606:2800:220:1::1]/x")).doesNotThrowAnyException();
        assertThatCode(() -> guard.check("http://dev.local:8080/x")).doesNotThrowAnyException();
    }
}
