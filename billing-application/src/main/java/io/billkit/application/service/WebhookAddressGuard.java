package io.billkit.application.service;

import io.billkit.domain.BillingException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * SSRF guard for outbound webhook URLs. A host is refused when it, or any address it resolves to, is loopback,
 * private (RFC 1918, fc00::/7), link-local (169.254/16 incl. the cloud metadata address 169.254.169.254,
 * fe80::/10), unspecified (0.0.0.0, ::), CGNAT (100.64/10), multicast or broadcast. Numeric hosts are parsed
 * the way {@code inet_aton} does (so {@code 2130706433}, {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}
 * are all 127.0.0.1) before any DNS lookup, and IPv4-mapped / IPv4-compatible IPv6 ({@code ::ffff:127.0.0.1},
 * {@code ::ffff:7f00:1}) is judged by its IPv4 address. Hosts named in the allowlist (exact, case-insensitive;
 * {@code WEBHOOK_ALLOW_PRIVATE_HOSTS}, for local development and tests) are exempt.
 *
 * <p>Checked at registration and again before every delivery (a name may be re-pointed to an internal
 * address after registration: DNS rebinding). The remaining window is the resolution the HTTP client makes
 * itself right after the check.
 */
public final class WebhookAddressGuard {

    /** Resolves a host name to its addresses (the JDK's resolver in production). */
    @FunctionalInterface
    public interface HostResolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedHosts;
    private final HostResolver resolver;

    public WebhookAddressGuard(Set<String> allowedHosts, HostResolver resolver) {
        this.allowedHosts = Objects.requireNonNull(allowedHosts, "allowedHosts").stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** The JDK's resolver, allowing the given hosts. */
    public static WebhookAddressGuard jdk(Set<String> allowedHosts) {
        return new WebhookAddressGuard(allowedHosts, host -> List.of(InetAddress.getAllByName(host)));
    }

    /** Whether {@code host} is exempt from the check. */
    public boolean allowlisted(String host) {
        return allowedHosts.contains(normalize(host));
    }

    /**
     * Refuses {@code url} (INVALID_ARGUMENT naming the url) when its host is or resolves to a forbidden
     * address, or does not resolve.
     */
    public void check(String url) {
        URI uri = URI.create(url);
        String host = Optional.ofNullable(uri.getHost()).orElseGet(() -> authorityHost(uri));
        String name = normalize(host);
        BillingException.require(!name.isEmpty(), "url must name a host but was '" + url + "'");
        if (allowedHosts.contains(name)) {
            return;
        }
        Optional<InetAddress> literal = literal(name);
        List<InetAddress> addresses;
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else {
            try {
                addresses = resolver.resolve(name);
            } catch (UnknownHostException e) {
                throw BillingException.invalid("url host '" + host + "' does not resolve");
            }
        }
        BillingException.require(!addresses.isEmpty(), "url host '" + host + "' does not resolve");
        for (InetAddress address : addresses) {
            Optional<String> why = forbidden(address);
            if (why.isPresent()) {
                throw BillingException.invalid("url host '" + host + "' is " + why.get() + " ("
                        + address.getHostAddress() + "); webhooks go to public addresses only");
            }
        }
    }

    /** Why {@code address} may not receive webhooks, or empty when it may. */
    public static Optional<String> forbidden(InetAddress address) {
        Objects.requireNonNull(address, "address");
        InetAddress a = embeddedIpv4(address).orElse(address);
        if (a.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (a.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (a.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (a.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int o0 = b[0] & 0xff;
            int o1 = b[1] & 0xff;
            if (o0 == 10 || (o0 == 172 && o1 >= 16 && o1 <= 31) || (o0 == 192 && o1 == 168)) {
                return Optional.of("a private address");
            }
            if (o0 == 0) {
                return Optional.of("an unspecified address");
            }
            if (o0 == 100 && o1 >= 64 && o1 <= 127) {
                return Optional.of("a shared (CGNAT) address");
            }
            if (o0 >= 240) {
                return Optional.of("a reserved or broadcast address");
            }
        } else {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return Optional.of("a private (unique local) address");
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return Optional.of("a site-local address");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return Optional.empty();
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
        if (!mapped && !compatible) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** The host of an authority java.net.URI did not parse as a server (e.g. {@code 127.1}, {@code 0x7f.0.0.1}). */
    private static String authorityHost(URI uri) {
        String authority = Optional.ofNullable(uri.getRawAuthority()).orElse("");
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        while (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }

    /** A numeric host: IPv6 literal, or IPv4 in any inet_aton spelling (1 to 4 parts, decimal, 0x hex, 0 octal). */
    static Optional<InetAddress> literal(String host) {
        try {
            if (host.contains(":")) {
                int zone = host.indexOf('%');
                String bare = zone >= 0 ? host.substring(0, zone) : host;
                if (!bare.matches("[0-9a-f:.]+")) {
                    return Optional.empty();
                }
                return Optional.of(InetAddress.getByName(bare));
            }
            String[] parts = host.split("\\.", -1);
            if (parts.length > 4) {
                return Optional.empty();
            }
            long[] values = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                Optional<Long> v = number(parts[i]);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                values[i] = v.get();
            }
            long value = 0;
            int n = values.length;
            for (int i = 0; i < n - 1; i++) {
                if (values[i] > 255) {
                    return Optional.empty();
                }
                value = (value << 8) | values[i];
            }
            int lastBits = 8 * (4 - (n - 1));
            if (values[n - 1] >= (1L << lastBits)) {
                return Optional.empty();
            }
            value = (value << lastBits) | values[n - 1];
            return Optional.of(InetAddress.getByAddress(new byte[] {
                    (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value}));
        } catch (UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> number(String part) {
        if (part.isEmpty() || part.length() > 12) {
            return Optional.empty();
        }
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? Optional.of(0L) : Optional.of(Long.parseLong(part.substring(2), 16));
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return Optional.of(Long.parseLong(part.substring(1), 8));
            }
            return part.chars().allMatch(Character::isDigit) ? Optional.of(Long.parseLong(part)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
