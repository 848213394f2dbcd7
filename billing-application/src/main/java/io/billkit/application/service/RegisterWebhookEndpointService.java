package io.billkit.application.service;

import io.billkit.application.port.in.webhook.RegisterWebhookEndpointCommand;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointUseCase;
import io.billkit.application.port.in.webhook.RegisteredWebhookEndpoint;
import io.billkit.application.port.in.webhook.WebhookEndpointView;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@link RegisterWebhookEndpointUseCase}: validates the URL (https; http only for localhost when it is on the
 * development allowlist; the host must pass {@link WebhookAddressGuard}) and the event types, generates the id ({@code we_...}) and a 256-bit signing
 * secret ({@code whsec_<base64>}, Standard Webhooks), saves the endpoint and audits {@code webhook_endpoint.registered}.
 */
public final class RegisterWebhookEndpointService implements RegisterWebhookEndpointUseCase {
    private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final int MAX_URL_LENGTH = 2048;

    private final WebhookEndpointStore endpoints;
    private final CustomerStore customers;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final WebhookAddressGuard guard;
    private final SecureRandom random = new SecureRandom();

    public RegisterWebhookEndpointService(WebhookEndpointStore endpoints, CustomerStore customers, Transactions tx,
                                          AuditTrail audit, Clock clock, WebhookAddressGuard guard) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public RegisteredWebhookEndpoint register(RegisterWebhookEndpointCommand command) {
        Objects.requireNonNull(command, "command");
        String url = validUrl(command.url(), guard);
        List<String> types = validEventTypes(command.eventTypes());
        String id = "we_" + randomHex(12);
        String secret = WebhookSignatures.SECRET_PREFIX + randomBase64(32);
        return tx.inTransaction(() -> {
            command.customer().ifPresent(this::requireCustomer);
            Instant now = clock.instant();
            WebhookEndpoint endpoint = new WebhookEndpoint(id, command.customer(), url, secret, types, true, now);
            endpoints.save(endpoint);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("endpointId", id);
            data.put("url", url);
            data.put("eventTypes", String.join(",", types));
            if (command.customer().isPresent()) {
                audit.record(command.actor(), "webhook_endpoint.registered", command.customer().get(), data);
            } else {
                audit.recordSystemWide(command.actor(), "webhook_endpoint.registered", data);
            }
            return new RegisteredWebhookEndpoint(WebhookEndpointView.of(endpoint), secret);
        });
    }

    private void requireCustomer(CustomerId customer) {
        if (customers.find(customer).isEmpty()) {
            throw new BillingException(ErrorCode.NOT_FOUND, "customer " + customer.value() + " not found");
        }
    }

    static String validUrl(String raw, WebhookAddressGuard guard) {
        String url = raw.trim();
        BillingException.require(!url.isEmpty(), "url must not be blank");
        BillingException.require(url.length() <= MAX_URL_LENGTH, "url must be at most " + MAX_URL_LENGTH + " characters");
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw BillingException.invalid("url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        BillingException.require(!host.isEmpty(), "url must name a host but was '" + url + "'");
        BillingException.require(uri.getUserInfo() == null, "url must not carry credentials");
        BillingException.require(uri.getFragment() == null, "url must not have a fragment");
        if (scheme.equals("http")) {
            BillingException.require(LOOPBACK_HOSTS.contains(host) && guard.allowlisted(host),
                    "url must use https (http is allowed for an allowlisted localhost only) but was '" + url + "'");
        } else {
            BillingException.require(scheme.equals("https"), "url must use https but was '" + url + "'");
        }
        guard.check(url);
        return url;
    }

    static List<String> validEventTypes(List<String> raw) {
        Set<String> types = new LinkedHashSet<>();
        for (String type : raw) {
            BillingException.require(type != null, "eventTypes must not contain null");
            String t = type.trim();
            BillingException.require(t.length() <= 100 && EVENT_TYPE.matcher(t).matches(),
                    "eventTypes entries must look like invoice.created but got '" + type + "'");
            types.add(t);
        }
        return List.copyOf(types);
    }

    private String randomBase64(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return java.util.Base64.getEncoder().encodeToString(b);
    }

    private String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
