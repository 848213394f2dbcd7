package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointCommand;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook relay on PostgreSQL: a whole run through the real stores, and claims of concurrent workers. */
class PostgresWebhookDeliveryTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final SettableClock clock = new SettableClock(T);
    private final RecordingWebhookSender sender = new RecordingWebhookSender();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void a_run_fans_out_customer_and_global_endpoints_marks_events_published_and_retries_failures() {
        BillingServices billing = new BillingServices(postgres.billingPorts(new MockPaymentProvider(clock),
                new PlainTextInvoiceRenderer(), sender), SeedCatalogs.apex(), clock, BillingSettings.defaults()
                .withWebhookPrivateHosts(java.util.Set.of("hooks.acme.example", "ops.example", "x.example")));
        CustomerId acme = CustomerId.of("acme");
        postgres.customers().save(Customer.of(acme, "Acme", "ap@acme.example"));
        billing.registerWebhookEndpoint().register(new RegisterWebhookEndpointCommand(Optional.of(acme),
                "https://hooks.acme.example/a", List.of("invoice.created"), Actor.system()));
        billing.registerWebhookEndpoint().register(new RegisterWebhookEndpointCommand(Optional.empty(),
                "https://ops.example/all", List.of(), Actor.system()));
        postgres.outbox().append(new OutboxEvent("evt_1", "invoice.created", "inv_1", "acme",
                Map.of("invoiceId", "inv_1"), T));
        sender.answer(503);

        WebhookRunResult first = billing.deliverWebhooks().deliver();

        assertThat(first.eventsPublished()).isEqualTo(1);
        assertThat(first.deliveriesEnqueued()).isEqualTo(2);
        assertThat(first.delivered() + first.retryScheduled()).isEqualTo(2);
        assertThat(first.retryScheduled()).isEqualTo(1);
        assertThat(postgres.outbox().unpublished(10)).isEmpty();
        assertThat(TestDatabase.count("webhook_deliveries")).isEqualTo(2);

        clock.advance(Duration.ofMinutes(1));
        WebhookRunResult second = billing.deliverWebhooks().deliver();

        assertThat(second.delivered()).isEqualTo(1);
        assertThat(sender.sent()).hasSize(3);
        assertThat(postgres.webhookDeliveries().forEvent("evt_1")).extracting(WebhookDelivery::status)
                .containsOnly(WebhookDeliveryStatus.DELIVERED);
    }

    @Test
    void concurrent_workers_claim_disjoint_deliveries_without_waiting_for_each_other() throws Exception {
        WebhookDeliveryStore store = postgres.webhookDeliveries();
        postgres.webhookEndpoints().save(new WebhookEndpoint("we_1", Optional.empty(), "https://x.example/h",
                "whsec_1", List.of(), true, T));
        for (int i = 0; i < 20; i++) {
            store.enqueue(WebhookDelivery.pending("whd_" + i, "we_1", "evt_" + i, "usage.alert", "acme", "{}",
                    T.plusSeconds(i)));
        }
        Instant now = T.plusSeconds(60);

        // a worker holding its claim open does not block another one: SKIP LOCKED hands out the other rows
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<WebhookDelivery>> holder = pool.submit(() -> postgres.transactions().inTransaction(() -> {
                List<WebhookDelivery> mine = store.claimDue(now, now.plusSeconds(300), 5);
                claimed.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return mine;
            }));
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
            List<WebhookDelivery> other = postgres.transactions().inTransaction(() ->
                    store.claimDue(now, now.plusSeconds(300), 100));
            release.countDown();
            List<WebhookDelivery> held = holder.get(30, TimeUnit.SECONDS);

            assertThat(held).hasSize(5);
            assertThat(other).hasSize(15);
            assertThat(other).extracting(WebhookDelivery::id)
                    .doesNotContainAnyElementsOf(held.stream().map(WebhookDelivery::id).toList());
        } finally {
            release.countDown();
            pool.shutdownNow();
        }

        // and many racing workers never claim a delivery twice
        for (int i = 20; i < 60; i++) {
            store.enqueue(WebhookDelivery.pending("whd_" + i, "we_1", "evt_" + i, "usage.alert", "acme", "{}", T));
        }
        List<List<WebhookDelivery>> claims = ConcurrentRunner.runConcurrently(8, () ->
                postgres.transactions().inTransaction(() -> store.claimDue(now, now.plusSeconds(300), 10)));
        List<String> ids = new ArrayList<>();
        claims.forEach(c -> c.forEach(d -> ids.add(d.id())));
        assertThat(ids).doesNotHaveDuplicates().hasSize(40);
    }

    @Test
    void two_replicas_deliver_every_event_once_per_endpoint_and_in_order() throws Exception {
        int endpointCount = 4;
        int events = 25;
        for (int e = 0; e < endpointCount; e++) {
            postgres.webhookEndpoints().save(new WebhookEndpoint("we_r" + e, Optional.empty(),
                    "https://x.example/r" + e, "whsec_" + java.util.Base64.getEncoder().encodeToString(
                    ("secret-" + e).getBytes(java.nio.charset.StandardCharsets.UTF_8)), List.of(), true, T));
        }
        for (int i = 0; i < events; i++) {
            postgres.outbox().append(new OutboxEvent(String.format("evt_%02d", i), "usage.alert", "acme", "acme",
                    Map.of("n", Integer.toString(i)), T));
        }
        java.util.concurrent.ConcurrentLinkedQueue<String> sent = new java.util.concurrent.ConcurrentLinkedQueue<>();
        io.billkit.application.port.out.WebhookSender recording = (url, body, headers) -> {
            sent.add(url + " " + headers.get("webhook-id"));
            Thread.yield();
            return 204;
        };
        BillingSettings settings = BillingSettings.defaults().withWebhookPrivateHosts(java.util.Set.of("x.example"))
                .withWebhookDelivery(io.billkit.application.service.DeliverWebhooksService.Settings.defaults()
                        .withConcurrency(4));
        // two replicas: each its own relay (pool, lanes) over the one database
        BillingServices replicaA = new BillingServices(postgres.billingPorts(new MockPaymentProvider(clock),
                new PlainTextInvoiceRenderer(), recording), SeedCatalogs.apex(), clock, settings);
        BillingServices replicaB = new BillingServices(postgres.billingPorts(new MockPaymentProvider(clock),
                new PlainTextInvoiceRenderer(), recording), SeedCatalogs.apex(), clock, settings);
        try {
            int delivered = 0;
            for (int round = 0; round < 50 && delivered < endpointCount * events; round++) {
                java.util.concurrent.CompletableFuture<WebhookRunResult> a = replicaA.deliverWebhooks().start();
                java.util.concurrent.CompletableFuture<WebhookRunResult> b = replicaB.deliverWebhooks().start();
                delivered += a.get(60, TimeUnit.SECONDS).delivered() + b.get(60, TimeUnit.SECONDS).delivered();
            }

            assertThat(delivered).isEqualTo(endpointCount * events);
            assertThat(sent).hasSize(endpointCount * events).doesNotHaveDuplicates();
            for (int e = 0; e < endpointCount; e++) {
                String url = "https://x.example/r" + e;
                List<String> order = sent.stream().filter(s -> s.startsWith(url + " "))
                        .map(s -> s.substring(url.length() + 1)).toList();
                List<String> expected = java.util.stream.IntStream.range(0, events)
                        .mapToObj(i -> String.format("evt_%02d", i)).toList();
                assertThat(order).as("endpoint %s in event order", url).containsExactlyElementsOf(expected);
            }
            assertThat(TestDatabase.count("webhook_delivery_attempts")).isEqualTo(endpointCount * events);
        } finally {
            replicaA.closeWebhookDelivery();
            replicaB.closeWebhookDelivery();
        }
    }
}
