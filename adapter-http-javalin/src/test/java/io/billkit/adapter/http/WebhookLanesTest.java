package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.billkit.application.port.in.webhook.WebhookRunResult;
import io.billkit.application.port.out.OutboxEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Delivery concurrency with the real {@link HttpWebhookSender}: endpoints that never answer (until the test
 * releases them) hold only their own lanes; a healthy endpoint receives its events promptly and in order.
 * No timing is asserted: the healthy deliveries are shown to complete while the hanging requests are still open.
 */
class WebhookLanesTest {
    private static final int HANGING = 3;
    /** Far longer than the test: the hanging requests are open until the test releases them. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofMinutes(10);

    private TestServer api;
    private HttpServer receivers;
    private ExecutorService receiverThreads;
    private final CountDownLatch release = new CountDownLatch(1);
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final AtomicInteger hangingAnswered = new AtomicInteger();
    private CountDownLatch hangingArrived;
    private CountDownLatch healthyReceived;

    @BeforeEach
    void start() throws IOException {
        receivers = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiverThreads = Executors.newCachedThreadPool();
        receivers.setExecutor(receiverThreads);
        receivers.createContext("/", this::handle);
        receivers.start();
        api = TestServer.builder().webhookSender(new HttpWebhookSender(Duration.ofSeconds(30), CLIENT_TIMEOUT))
                .webhookConcurrency(HANGING + 1).start();
        api.customer(TestServer.ACME);
    }

    @AfterEach
    void stop() {
        release.countDown();
        api.close();
        receivers.stop(0);
        receiverThreads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                .add(exchange.getRequestHeaders().getFirst("webhook-id"));
        if (path.startsWith("/hang/")) {
            hangingArrived.countDown();
            try {
                release.await(5, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            hangingAnswered.incrementAndGet();
        } else {
            healthyReceived.countDown();
        }
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
    }

    private String register(String path) {
        String url = "http://127.0.0.1:" + receivers.getAddress().getPort() + path;
        HttpResponse<String> response = api.post(WebhookEndpointRoutes.PATH,
                "{\"url\":\"" + url + "\",\"customerId\":\"acme\"}", api.admin());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return api.body(response).get("id").asText();
    }

    @Test
    void hanging_endpoints_do_not_delay_a_healthy_one_and_each_endpoint_gets_its_events_in_order() throws Exception {
        for (int i = 1; i <= HANGING; i++) {
            register("/hang/" + i);
        }
        String healthy = register("/ok");
        List<String> events = List.of("evt_a", "evt_b", "evt_c", "evt_d");
        hangingArrived = new CountDownLatch(HANGING);
        healthyReceived = new CountDownLatch(events.size());
        for (String id : events) {
            api.ports.outbox().append(new OutboxEvent(id, "invoice.created", "inv_1", "acme",
                    Map.of("invoiceId", "inv_1"), api.clock.instant()));
        }

        CompletableFuture<WebhookRunResult> run = api.services.deliverWebhooks().start();

        assertThat(healthyReceived.await(2, TimeUnit.MINUTES)).as("the healthy endpoint got every event").isTrue();
        assertThat(hangingArrived.await(2, TimeUnit.MINUTES)).as("every hanging endpoint got its first").isTrue();
        // the healthy endpoint was served while every hanging request is still open
        assertThat(hangingAnswered.get()).isZero();
        assertThat(run).isNotDone();
        assertThat(received.get("/ok")).containsExactlyElementsOf(events);
        for (int i = 1; i <= HANGING; i++) {
            assertThat(received.get("/hang/" + i)).as("a hanging lane waits at its first event")
                    .containsExactly("evt_a");
        }
        JsonNode log = api.body(api.get(WebhookEndpointRoutes.PATH + "/" + healthy + "/deliveries", api.admin()))
                .get("attempts");
        assertThat(log).hasSize(events.size()).allSatisfy(a -> assertThat(a.get("succeeded").asBoolean()).isTrue());

        release.countDown();
        WebhookRunResult result = run.get(2, TimeUnit.MINUTES);

        assertThat(result.delivered()).isEqualTo(events.size() * (HANGING + 1));
        for (int i = 1; i <= HANGING; i++) {
            assertThat(received.get("/hang/" + i)).containsExactlyElementsOf(events);
        }
        assertThat(api.services.deliverWebhooks().deliver().idle()).isTrue();
    }

    @Test
    void a_run_skips_an_endpoint_whose_lane_is_still_busy_and_never_sends_its_events_twice() throws Exception {
        register("/hang/1");
        hangingArrived = new CountDownLatch(1);
        healthyReceived = new CountDownLatch(0);
        api.ports.outbox().append(new OutboxEvent("evt_1", "invoice.created", "inv_1", "acme",
                Map.of("invoiceId", "inv_1"), api.clock.instant()));
        CompletableFuture<WebhookRunResult> first = api.services.deliverWebhooks().start();
        assertThat(hangingArrived.await(2, TimeUnit.MINUTES)).isTrue();
        api.ports.outbox().append(new OutboxEvent("evt_2", "invoice.created", "inv_1", "acme",
                Map.of("invoiceId", "inv_1"), api.clock.instant()));

        WebhookRunResult second = api.services.deliverWebhooks().deliver();

        assertThat(second.deliveriesEnqueued()).isEqualTo(1);
        assertThat(second.delivered() + second.retryScheduled() + second.dead()).as("its lane is busy").isZero();
        release.countDown();
        assertThat(first.get(2, TimeUnit.MINUTES).delivered()).isEqualTo(2);
        assertThat(received.get("/hang/1")).containsExactly("evt_1", "evt_2");
    }
}
