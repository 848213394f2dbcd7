package io.billkit.application.service;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointCommand;
import io.billkit.application.port.in.webhook.RegisteredWebhookEndpoint;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookServicesTest {
    private static final Actor ADMIN = Actor.of("admin");
    private final SettableClock clock = SettableClock.at("2026-03-01T10:00:00Z");
    private final RecordingWebhookSender sender = new RecordingWebhookSender();
    private final CustomerId acme = CustomerId.of("acme");
    private final CustomerId globex = CustomerId.of("globex");
    private BillingPorts ports;
    private BillingServices billing;

    @BeforeEach
    void setUp() {
        ports = InMemoryBillingPorts.create(clock).withWebhookSender(sender);
        billing = new BillingServices(ports, SeedCatalogs.apex(), clock, BillingSettings.defaults()
                .withWebhookPrivateHosts(java.util.Set.of("127.0.0.1", "localhost", "hooks.acme.example",
                        "hooks.globex.example", "ops.example", "x.example")));
        ports.customers().save(Customer.of(acme, "Acme", "billing@acme.example"));
        ports.customers().save(Customer.of(globex, "Globex", "billing@globex.example"));
    }

    private RegisteredWebhookEndpoint register(Optional<CustomerId> customer, String url, List<String> types) {
        return billing.registerWebhookEndpoint().register(new RegisterWebhookEndpointCommand(customer, url, types, ADMIN));
    }

    private OutboxEvent event(String id, String type, CustomerId customer) {
        OutboxEvent event = new OutboxEvent(id, type, "inv_1", customer.value(), Map.of("invoiceId", "inv_1"),
                clock.instant());
        ports.outbox().append(event);
        return event;
    }

    @Test
    void registration_returns_a_whsec_secret_once_and_lists_the_endpoint_without_it() {
        RegisteredWebhookEndpoint registered = register(Optional.of(acme), "https://hooks.acme.example/billkit",
                List.of("invoice.created"));

        assertThat(registered.secret()).startsWith("whsec_").hasSize(6 + 44);
        assertThat(registered.endpoint().id()).startsWith("we_");
        assertThat(registered.endpoint().customerId()).contains("acme");
        assertThat(billing.webhookEndpoints().list(Optional.of(acme))).containsExactly(registered.endpoint());
        assertThat(billing.webhookEndpoints().list(Optional.of(globex))).isEmpty();
        assertThat(ports.auditLog().recent(Optional.of(acme), 10)).extracting(e -> e.action())
                .contains("webhook_endpoint.registered");
    }

    @Test
    void plain_http_is_refused_except_for_localhost() {
        assertThatThrownBy(() -> register(Optional.empty(), "http://hooks.acme.example/x", List.of()))
                .isInstanceOf(BillingException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> register(Optional.empty(), "ftp://hooks.acme.example/x", List.of()))
                .isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> register(Optional.empty(), "not a url", List.of()))
                .isInstanceOf(BillingException.class);
        assertThat(register(Optional.empty(), "http://localhost:9999/hook", List.of()).endpoint().url())
                .isEqualTo("http://localhost:9999/hook");
        assertThat(register(Optional.empty(), "http://127.0.0.1:9999/hook", List.of()).endpoint().customerId()).isEmpty();
    }

    @Test
    void unknown_customers_and_malformed_event_types_are_refused() {
        assertThatThrownBy(() -> register(Optional.of(CustomerId.of("nobody")), "https://x.example/h", List.of()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThatThrownBy(() -> register(Optional.empty(), "https://x.example/h", List.of("Invoice Created")))
                .isInstanceOf(BillingException.class).hasMessageContaining("eventTypes");
    }

    @Test
    void an_event_is_fanned_out_to_matching_endpoints_signed_and_delivered_once() {
        RegisteredWebhookEndpoint acmeInvoices = register(Optional.of(acme), "https://hooks.acme.example/a",
                List.of("invoice.created"));
        RegisteredWebhookEndpoint global = register(Optional.empty(), "https://ops.example/all", List.of());
        register(Optional.of(acme), "https://hooks.acme.example/usage", List.of("usage.alert"));
        register(Optional.of(globex), "https://hooks.globex.example/a", List.of());
        event("evt_1", "invoice.created", acme);

        WebhookRunResult first = billing.deliverWebhooks().deliver();
        WebhookRunResult second = billing.deliverWebhooks().deliver();

        assertThat(first).isEqualTo(new WebhookRunResult(1, 2, 2, 0, 0));
        assertThat(second.idle()).isTrue();
        assertThat(ports.outbox().unpublished(10)).isEmpty();
        assertThat(sender.sent()).extracting(RecordingWebhookSender.SentWebhook::url)
                .containsExactlyInAnyOrder("https://hooks.acme.example/a", "https://ops.example/all");
        RecordingWebhookSender.SentWebhook toAcme = sender.sent().stream()
                .filter(s -> s.url().equals("https://hooks.acme.example/a")).findFirst().orElseThrow();
        long ts = clock.instant().getEpochSecond();
        assertThat(toAcme.headers()).containsEntry("webhook-id", "evt_1")
                .containsEntry("webhook-timestamp", Long.toString(ts))
                .containsEntry("BillKit-Event-Type", "invoice.created");
        String signature = toAcme.headers().get("webhook-signature");
        assertThat(signature).startsWith("v1,");
        assertThat(WebhookSignatures.verify(acmeInvoices.secret(), "evt_1", ts, toAcme.body(), signature)).isTrue();
        assertThat(WebhookSignatures.verify(global.secret(), "evt_1", ts, toAcme.body(), signature)).isFalse();
        assertThat(WebhookSignatures.verify(acmeInvoices.secret(), "evt_1", ts, toAcme.body() + " ", signature)).isFalse();
        assertThat(toAcme.body()).startsWith("{\"id\":\"evt_1\",\"type\":\"invoice.created\"")
                .contains("\"customerId\":\"acme\"", "\"data\":{\"invoiceId\":\"inv_1\"}");
        assertThat(ports.webhookDeliveries().forEvent("evt_1")).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo(WebhookDeliveryStatus.DELIVERED);
            assertThat(d.attempts()).isEqualTo(1);
        });
    }

    @Test
    void a_failing_endpoint_is_retried_with_exponential_backoff_then_delivered() {
        register(Optional.of(acme), "https://hooks.acme.example/a", List.of());
        event("evt_1", "subscription.created", acme);
        sender.answer(500).failNetwork();

        assertThat(billing.deliverWebhooks().deliver().retryScheduled()).isEqualTo(1);
        WebhookDelivery afterFirst = ports.webhookDeliveries().forEvent("evt_1").get(0);
        assertThat(afterFirst.nextAttemptAt()).contains(clock.instant().plus(Duration.ofMinutes(1)));
        assertThat(afterFirst.lastStatusCode()).contains(500);

        clock.advance(Duration.ofSeconds(59));
        assertThat(billing.deliverWebhooks().deliver().idle()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(billing.deliverWebhooks().deliver().retryScheduled()).isEqualTo(1);
        WebhookDelivery afterSecond = ports.webhookDeliveries().forEvent("evt_1").get(0);
        assertThat(afterSecond.nextAttemptAt()).contains(clock.instant().plus(Duration.ofMinutes(2)));
        assertThat(afterSecond.lastError().orElseThrow()).contains("ConnectException");

        clock.advance(Duration.ofMinutes(2));
        assertThat(billing.deliverWebhooks().deliver().delivered()).isEqualTo(1);
        assertThat(sender.sent()).hasSize(3);
        assertThat(ports.webhookDeliveries().forEvent("evt_1").get(0).attempts()).isEqualTo(3);
        var listed = billing.webhookEndpoints().list(Optional.of(acme)).get(0).deliveries();
        assertThat(List.of(listed.pending(), listed.delivered(), listed.dead())).containsExactly(0L, 1L, 0L);
        assertThat(listed.lastDelivered()).contains(clock.instant());
        assertThat(listed.lastError()).isEmpty();
    }

    @Test
    void after_eight_failed_attempts_a_delivery_is_dead() {
        register(Optional.of(acme), "https://hooks.acme.example/a", List.of());
        event("evt_1", "usage.alert", acme);
        sender.answer(500, 500, 500, 500, 500, 500, 500, 500, 200);

        int dead = 0;
        for (int i = 0; i < 20 && dead == 0; i++) {
            dead = billing.deliverWebhooks().deliver().dead();
            clock.advance(Duration.ofHours(3));
        }

        assertThat(dead).isEqualTo(1);
        assertThat(sender.sent()).hasSize(WebhookDelivery.MAX_ATTEMPTS);
        assertThat(ports.webhookDeliveries().forEvent("evt_1").get(0).status()).isEqualTo(WebhookDeliveryStatus.DEAD);
        assertThat(billing.deliverWebhooks().deliver().idle()).isTrue();
        var listed = billing.webhookEndpoints().list(Optional.of(acme)).get(0).deliveries();
        assertThat(List.of(listed.pending(), listed.delivered(), listed.dead())).containsExactly(0L, 0L, 1L);
        assertThat(listed.lastDelivered()).isEmpty();
        assertThat(listed.lastError()).hasValueSatisfying(error -> assertThat(error).contains("500"));
    }

    @Test
    void backoff_doubles_from_one_minute() {
        assertThat(WebhookDelivery.retryDelay(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(WebhookDelivery.retryDelay(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(WebhookDelivery.retryDelay(7)).isEqualTo(Duration.ofMinutes(64));
    }

    @Test
    void an_outbox_event_read_twice_yields_one_delivery() {
        register(Optional.of(acme), "https://hooks.acme.example/a", List.of());
        event("evt_dup", "invoice.created", acme);
        // what two replicas reading the same unpublished row look like to one of them
        Outbox twice = new Outbox() {
            @Override
            public void append(OutboxEvent event) {
                ports.outbox().append(event);
            }

            @Override
            public List<OutboxEvent> unpublished(int limit) {
                List<OutboxEvent> events = ports.outbox().unpublished(limit);
                return java.util.stream.Stream.concat(events.stream(), events.stream()).toList();
            }

            @Override
            public void markPublished(String eventId, Instant at) {
                ports.outbox().markPublished(eventId, at);
            }
        };
        DeliverWebhooksService service = new DeliverWebhooksService(twice, ports.webhookEndpoints(),
                ports.webhookDeliveries(), sender, ports.transactions(), clock, DeliverWebhooksService.Settings.defaults(),
                WebhookAddressGuard.jdk(java.util.Set.of("127.0.0.1", "localhost", "hooks.acme.example",
                        "hooks.globex.example", "ops.example", "x.example")));

        WebhookRunResult run = service.deliver();

        assertThat(run.eventsPublished()).isEqualTo(2);
        assertThat(run.deliveriesEnqueued()).isEqualTo(1);
        assertThat(sender.sent()).hasSize(1);
        assertThat(ports.webhookDeliveries().forEvent("evt_dup")).hasSize(1);
        assertThat(service.deliver().idle()).isTrue();
    }

    @Test
    void events_without_a_matching_endpoint_are_published_without_deliveries() {
        event("evt_1", "invoice.created", acme);
        assertThat(billing.deliverWebhooks().deliver()).isEqualTo(new WebhookRunResult(1, 0, 0, 0, 0));
        assertThat(ports.outbox().unpublished(10)).isEmpty();
        assertThat(sender.sent()).isEmpty();
    }
}
