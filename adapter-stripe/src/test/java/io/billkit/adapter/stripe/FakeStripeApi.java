package io.billkit.adapter.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local fake of the Stripe API on a JDK {@link HttpServer} (random port, 127.0.0.1). It records every
 * request (method, path, decoded query and form parameters, headers), keeps a little state (customers,
 * payment methods, subscriptions, invoices, meter events, sessions), answers with the real-shaped objects of
 * {@code fixtures3.json} (ids, amounts, statuses changed per response), honours {@code Idempotency-Key} like
 * Stripe (same key and request -> the stored response replayed, no second effect; same key, other request ->
 * 400 idempotency_error) and can be told to fail the next matching request in several ways.
 */
final class FakeStripeApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FIXTURES = loadFixtures();

    /** One request as it arrived. Header names are lower-case. */
    record Recorded(String method, String path, Map<String, String> query, Map<String, String> form, Map<String, String> headers) {
        String idempotencyKey() {
            return headers.get("idempotency-key");
        }

        String param(String name) {
            return form.containsKey(name) ? form.get(name) : query.get(name);
        }

        String route() {
            return method + " " + path;
        }
    }

    /** An answer: status, JSON body. */
    record Answer(int status, String body) {
    }

    private enum Mode { FAIL_BEFORE_EFFECT, LOSE_RESPONSE_AFTER_EFFECT, DELAY_AFTER_EFFECT }

    private record Injection(String method, Pattern path, Predicate<Recorded> when, Mode mode, int status, String body, Duration delay) {
    }

    private record Stored(String fingerprint, Answer answer) {
    }

    private record Route(String method, Pattern path, Function<Call, Answer> handler) {
    }

    /** A request with the path's captured groups. */
    record Call(Recorded request, Matcher path) {
        String id() {
            return path.group(1);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();
    private final List<Injection> injections = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, AtomicInteger> effects = new ConcurrentHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();

    final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> paymentMethods = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> invoices = new ConcurrentHashMap<>();
    /** Refunds made, by id. */
    final Map<String, ObjectNode> refunds = new ConcurrentHashMap<>();
    final List<ObjectNode> meterEvents = Collections.synchronizedList(new ArrayList<>());
    /** meter id -> event name, as Stripe's meters would be configured. */
    final Map<String, String> meters = new ConcurrentHashMap<>();
    /** Page size of list endpoints (Stripe's is the {@code limit} parameter); small values exercise auto-paging. */
    volatile int pageSize = 100;
    /** While true the API is unreachable: every connection is dropped before an answer, nothing is recorded. */
    volatile boolean unreachable;

    private FakeStripeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        defineRoutes();
    }

    static FakeStripeApi start() {
        FakeStripeApi fake = new FakeStripeApi();
        fake.server.start();
        return fake;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // --- what tests look at

    List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Recorded> requests(String method, String pathRegex) {
        Pattern pattern = Pattern.compile(pathRegex);
        return requests().stream().filter(r -> r.method().equals(method) && pattern.matcher(r.path()).matches()).toList();
    }

    Recorded only(String method, String pathRegex) {
        List<Recorded> matching = requests(method, pathRegex);
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + pathRegex + " but got " + matching.size() + ": " + requests());
        }
        return matching.get(0);
    }

    /** How many times a route's handler really ran (replays and injected failures excluded). */
    int effects(String method, String pathRegex) {
        return effects.getOrDefault(method + " " + pathRegex, new AtomicInteger()).get();
    }

    // --- failure injection (first matching request only)

    /** The next matching request gets {@code status} with a Stripe error body; nothing happens. */
    void failNext(String method, String pathRegex, int status, String errorBody) {
        failNext(method, pathRegex, request -> true, status, errorBody);
    }

    /** Like {@link #failNext(String, String, int, String)} for the next request that also satisfies {@code when}. */
    void failNext(String method, String pathRegex, Predicate<Recorded> when, int status, String errorBody) {
        injections.add(new Injection(method, Pattern.compile(pathRegex), when, Mode.FAIL_BEFORE_EFFECT, status, errorBody, Duration.ZERO));
    }

    /** The next matching request takes effect (and is stored under its key) but its response is lost as a 500. */
    void loseNextResponse(String method, String pathRegex) {
        injections.add(new Injection(method, Pattern.compile(pathRegex), request -> true, Mode.LOSE_RESPONSE_AFTER_EFFECT, 500,
                error("api_error", null, "An unknown error occurred"), Duration.ZERO));
    }

    /** The next matching request takes effect, then its response is held back for {@code delay}. */
    void delayNext(String method, String pathRegex, Duration delay) {
        injections.add(new Injection(method, Pattern.compile(pathRegex), request -> true, Mode.DELAY_AFTER_EFFECT, 0, null, delay));
    }

    static String error(String type, String code, String message) {
        ObjectNode error = JSON.createObjectNode();
        error.put("type", type);
        if (code != null) {
            error.put("code", code);
        }
        error.put("message", message);
        ObjectNode body = JSON.createObjectNode();
        body.set("error", error);
        return body.toString();
    }

    static ObjectNode fixture(String name) {
        JsonNode node = FIXTURES.get(name);
        if (node == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        return node.deepCopy();
    }

    // --- plumbing

    private void handle(HttpExchange exchange) throws IOException {
        if (unreachable) {
            exchange.close();
            return;
        }
        try (exchange) {
            Recorded request = record(exchange);
            requests.add(request);
            Injection injection = takeInjection(request);
            if (injection != null && injection.mode() == Mode.FAIL_BEFORE_EFFECT) {
                send(exchange, new Answer(injection.status(), injection.body()), false);
                return;
            }
            String key = request.idempotencyKey();
            String fingerprint = request.method() + " " + request.path() + " " + new TreeMap<>(request.form());
            Answer answer;
            boolean replayed = false;
            if (key != null && idempotency.containsKey(key)) {
                Stored stored = idempotency.get(key);
                if (!stored.fingerprint().equals(fingerprint)) {
                    answer = new Answer(400, error("idempotency_error", null,
                            "Keys for idempotent requests can only be used with the same parameters they were first used with."));
                } else {
                    answer = stored.answer();
                    replayed = true;
                }
            } else {
                answer = dispatch(request);
                if (key != null && answer.status() < 500) {
                    idempotency.put(key, new Stored(fingerprint, answer));
                }
            }
            if (injection != null && injection.mode() == Mode.LOSE_RESPONSE_AFTER_EFFECT) {
                send(exchange, new Answer(injection.status(), injection.body()), false);
                return;
            }
            if (injection != null && injection.mode() == Mode.DELAY_AFTER_EFFECT) {
                sleep(injection.delay());
            }
            send(exchange, answer, replayed);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private Injection takeInjection(Recorded request) {
        synchronized (injections) {
            for (Injection injection : injections) {
                if (injection.method().equals(request.method()) && injection.path().matcher(request.path()).matches()
                        && injection.when().test(request)) {
                    injections.remove(injection);
                    return injection;
                }
            }
            return null;
        }
    }

    private Answer dispatch(Recorded request) {
        for (Route route : routes) {
            Matcher matcher = route.path().matcher(request.path());
            if (route.method().equals(request.method()) && matcher.matches()) {
                effects.computeIfAbsent(route.method() + " " + route.path().pattern(), k -> new AtomicInteger()).incrementAndGet();
                synchronized (this) {
                    return route.handler().apply(new Call(request, matcher));
                }
            }
        }
        return new Answer(404, error("invalid_request_error", "resource_missing", "Unrecognized request URL (" + request.route() + ")"));
    }

    private static Recorded record(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                decode(exchange.getRequestURI().getRawQuery()), decode(body), headers);
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> params = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return params;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(name, value);
        }
        return params;
    }

    private static void send(HttpExchange exchange, Answer answer, boolean replayed) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_fake");
        if (replayed) {
            exchange.getResponseHeaders().set("Idempotent-Replayed", "true");
        }
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode loadFixtures() {
        try (InputStream in = FakeStripeApi.class.getResourceAsStream("/fixtures3.json")) {
            return JSON.readTree(Objects.requireNonNull(in, "fixtures3.json on the test classpath"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- the Stripe endpoints BillKit uses

    private void on(String method, String pathRegex, Function<Call, Answer> handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
    }

    private static Answer ok(JsonNode body) {
        return new Answer(200, body.toString());
    }

    private static Answer missing(String what, String id) {
        return new Answer(404, error("invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'"));
    }

    private String nextId(String prefix) {
        return prefix + "_fake" + sequence.incrementAndGet();
    }

    private void defineRoutes() {
        on("POST", "/v1/customers", call -> {
            ObjectNode customer = fixture("customer");
            customer.put("id", nextId("cus"));
            customer.put("name", call.request().param("name"));
            customer.put("email", call.request().param("email"));
            metadata(customer, call.request());
            customers.put(customer.get("id").asText(), customer);
            return ok(customer);
        });
        on("GET", "/v1/customers/([^/]+)", call -> {
            ObjectNode customer = customers.get(call.id());
            if (customer == null) {
                return missing("customer", call.id());
            }
            return ok(customer);
        });
        on("POST", "/v1/customers/([^/]+)", call -> {
            ObjectNode customer = customers.get(call.id());
            if (customer == null || customer.path("deleted").asBoolean(false)) {
                return missing("customer", call.id());
            }
            Recorded request = call.request();
            if (request.form().containsKey("name")) {
                customer.put("name", request.param("name"));
            }
            if (request.form().containsKey("email")) {
                customer.put("email", request.param("email"));
            }
            String defaultMethod = request.param("invoice_settings[default_payment_method]");
            if (defaultMethod != null) {
                if (!paymentMethods.containsKey(defaultMethod)) {
                    return new Answer(400, error("invalid_request_error", "resource_missing", "No such PaymentMethod: '" + defaultMethod + "'"));
                }
                ((ObjectNode) customer.get("invoice_settings")).put("default_payment_method", defaultMethod);
            }
            return ok(customer);
        });
        on("DELETE", "/v1/customers/([^/]+)", call -> {
            ObjectNode customer = customers.get(call.id());
            if (customer == null || customer.path("deleted").asBoolean(false)) {
                return missing("customer", call.id());
            }
            ObjectNode deleted = fixture("deleted_customer");
            deleted.put("id", call.id());
            customers.put(call.id(), deleted.deepCopy());
            return ok(deleted);
        });
        on("POST", "/v1/payment_methods/([^/]+)/attach", call -> {
            String customerId = call.request().param("customer");
            if (!customers.containsKey(customerId)) {
                return missing("customer", customerId);
            }
            if (call.id().contains("chargeDeclined")) {
                return new Answer(402, error("card_error", "card_declined", "Your card was declined."));
            }
            String id = call.id().startsWith("pm_card_") ? nextId("pm") : call.id();
            ObjectNode method = fixture("payment_method");
            method.put("id", id);
            method.put("customer", customerId);
            if (call.id().contains("mastercard")) {
                ((ObjectNode) method.get("card")).put("brand", "mastercard");
                ((ObjectNode) method.get("card")).put("last4", "4444");
            }
            paymentMethods.put(id, method);
            return ok(method);
        });
        on("POST", "/v1/payment_methods/([^/]+)/detach", call -> {
            ObjectNode method = paymentMethods.remove(call.id());
            if (method == null) {
                return missing("payment_method", call.id());
            }
            method.putNull("customer");
            return ok(method);
        });
        on("GET", "/v1/customers/([^/]+)/payment_methods", call -> {
            List<JsonNode> owned = paymentMethods.values().stream()
                    .filter(pm -> call.id().equals(pm.path("customer").asText(null)))
                    .sorted((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()))
                    .map(JsonNode.class::cast).toList();
            return ok(page(owned, call.request(), "/v1/customers/" + call.id() + "/payment_methods"));
        });
        on("POST", "/v1/subscriptions", call -> {
            Recorded request = call.request();
            if (!customers.containsKey(request.param("customer"))) {
                return missing("customer", request.param("customer"));
            }
            ObjectNode subscription = fixture("subscription");
            String id = nextId("sub");
            subscription.put("id", id);
            subscription.put("customer", request.param("customer"));
            subscription.put("cancel_at_period_end", false);
            subscription.putNull("cancel_at");
            subscription.putNull("canceled_at");
            subscription.putNull("ended_at");
            subscription.put("start_date", 1_767_225_600L);
            boolean trial = request.param("trial_end") != null;
            subscription.put("status", trial ? "trialing" : "active");
            if (trial) {
                subscription.put("trial_end", Long.parseLong(request.param("trial_end")));
            } else {
                subscription.putNull("trial_end");
            }
            ObjectNode item = (ObjectNode) subscription.get("items").get("data").get(0);
            item.put("id", nextId("si"));
            item.put("subscription", id);
            item.put("current_period_start", 1_767_225_600L); // 2026-01-01T00:00:00Z
            item.put("current_period_end", 1_769_904_000L);   // 2026-02-01T00:00:00Z
            ((ObjectNode) item.get("price")).put("id", request.param("items[0][price]"));
            metadata(subscription, request);
            subscriptions.put(id, subscription);
            return ok(subscription);
        });
        on("GET", "/v1/subscriptions/([^/]+)", call -> {
            ObjectNode subscription = subscriptions.get(call.id());
            return subscription == null ? missing("subscription", call.id()) : ok(subscription);
        });
        on("POST", "/v1/subscriptions/([^/]+)", call -> {
            ObjectNode subscription = subscriptions.get(call.id());
            if (subscription == null) {
                return missing("subscription", call.id());
            }
            Recorded request = call.request();
            if ("canceled".equals(subscription.get("status").asText())) {
                return new Answer(400, error("invalid_request_error", null,
                        "A canceled subscription can only update its cancellation_details and metadata."));
            }
            if (request.param("cancel_at_period_end") != null) {
                subscription.put("cancel_at_period_end", Boolean.parseBoolean(request.param("cancel_at_period_end")));
            }
            if (request.param("items[0][price]") != null) {
                ObjectNode item = (ObjectNode) subscription.get("items").get("data").get(0);
                if (!item.get("id").asText().equals(request.param("items[0][id]"))) {
                    return new Answer(400, error("invalid_request_error", "resource_missing", "No such subscription item"));
                }
                ((ObjectNode) item.get("price")).put("id", request.param("items[0][price]"));
            }
            metadata(subscription, request);
            return ok(subscription);
        });
        on("DELETE", "/v1/subscriptions/([^/]+)", call -> {
            ObjectNode subscription = subscriptions.get(call.id());
            if (subscription == null) {
                return missing("subscription", call.id());
            }
            subscription.put("status", "canceled");
            subscription.put("canceled_at", 1_768_000_000L);
            subscription.put("ended_at", 1_768_000_000L);
            return ok(subscription);
        });
        on("GET", "/v1/subscriptions", call -> {
            List<JsonNode> listed = subscriptions.values().stream()
                    .filter(s -> !"canceled".equals(s.get("status").asText()))
                    .sorted((a, b) -> a.get("id").asText().compareTo(b.get("id").asText()))
                    .map(JsonNode.class::cast).toList();
            return ok(page(listed, call.request(), "/v1/subscriptions"));
        });
        on("POST", "/v1/invoices", call -> {
            Recorded request = call.request();
            if (!customers.containsKey(request.param("customer"))) {
                return missing("customer", request.param("customer"));
            }
            ObjectNode invoice = fixture("invoice");
            String id = nextId("in");
            invoice.put("id", id);
            invoice.put("customer", request.param("customer"));
            invoice.put("currency", request.param("currency"));
            invoice.put("collection_method", request.param("collection_method"));
            invoice.put("due_date", Long.parseLong(request.param("due_date")));
            invoice.put("auto_advance", Boolean.parseBoolean(request.param("auto_advance")));
            invoice.put("status", "draft");
            for (String field : List.of("total", "subtotal", "amount_due", "amount_remaining", "amount_paid", "total_excluding_tax",
                    "subtotal_excluding_tax")) {
                invoice.put(field, 0L);
            }
            ((ArrayNode) invoice.get("lines").get("data")).removeAll();
            invoice.putNull("hosted_invoice_url");
            metadata(invoice, request);
            invoices.put(id, invoice);
            return ok(invoice);
        });
        on("POST", "/v1/invoiceitems", call -> {
            Recorded request = call.request();
            ObjectNode invoice = invoices.get(request.param("invoice"));
            if (invoice == null) {
                return missing("invoice", request.param("invoice"));
            }
            if (!"draft".equals(invoice.get("status").asText())) {
                return new Answer(400, error("invalid_request_error", "invoice_not_editable", "This invoice is no longer editable"));
            }
            long amount = Long.parseLong(request.param("amount"));
            ObjectNode item = fixture("invoiceitem");
            item.put("id", nextId("ii"));
            item.put("amount", amount);
            item.put("currency", request.param("currency"));
            item.put("customer", request.param("customer"));
            item.put("description", request.param("description"));
            item.put("invoice", invoice.get("id").asText());
            ObjectNode line = fixture("invoice").get("lines").get("data").get(0).deepCopy();
            line.put("id", nextId("il"));
            line.put("amount", amount);
            line.put("description", request.param("description"));
            ((ArrayNode) invoice.get("lines").get("data")).add(line);
            for (String field : List.of("total", "subtotal", "amount_due", "amount_remaining", "total_excluding_tax", "subtotal_excluding_tax")) {
                invoice.put(field, invoice.get(field).asLong() + amount);
            }
            return ok(item);
        });
        on("POST", "/v1/invoices/([^/]+)/finalize", call -> {
            ObjectNode invoice = invoices.get(call.id());
            if (invoice == null) {
                return missing("invoice", call.id());
            }
            invoice.put("status", "open");
            invoice.put("number", "FAKE-" + call.id());
            invoice.put("hosted_invoice_url", "https://invoice.stripe.com/i/" + call.id());
            return ok(invoice);
        });
        on("POST", "/v1/invoices/([^/]+)/pay", call -> {
            ObjectNode invoice = invoices.get(call.id());
            if (invoice == null) {
                return missing("invoice", call.id());
            }
            if (!"open".equals(invoice.get("status").asText())) {
                return new Answer(400, error("invalid_request_error", "invoice_unexpected_state", "Invoice is already " + invoice.get("status").asText()));
            }
            ObjectNode customer = customers.get(invoice.get("customer").asText());
            String defaultMethod = customer.path("invoice_settings").path("default_payment_method").asText("");
            if (defaultMethod.isEmpty() || defaultMethod.contains("declined")) {
                return new Answer(402, error("card_error", "card_declined", "Your card was declined."));
            }
            invoice.put("status", "paid");
            invoice.put("amount_paid", invoice.get("total").asLong());
            invoice.put("amount_remaining", 0L);
            return ok(invoice);
        });
        on("POST", "/v1/invoices/([^/]+)/void", call -> {
            ObjectNode invoice = invoices.get(call.id());
            if (invoice == null) {
                return missing("invoice", call.id());
            }
            invoice.put("status", "void");
            return ok(invoice);
        });
        on("GET", "/v1/invoices/([^/]+)", call -> {
            ObjectNode invoice = invoices.get(call.id());
            return invoice == null ? missing("invoice", call.id()) : ok(invoice);
        });
        on("GET", "/v1/invoice_payments", call -> {
            // a paid invoice has one paid payment, its payment intent named after the invoice
            Recorded request = call.request();
            ObjectNode invoice = invoices.get(request.param("invoice"));
            List<JsonNode> listed = new ArrayList<>();
            if (invoice != null && "paid".equals(invoice.get("status").asText())
                    && (request.param("status") == null || "paid".equals(request.param("status")))) {
                ObjectNode payment = JSON.createObjectNode();
                payment.put("id", "inpay_" + invoice.get("id").asText());
                payment.put("object", "invoice_payment");
                payment.put("amount_paid", invoice.get("amount_paid").asLong());
                payment.put("amount_requested", invoice.get("total").asLong());
                payment.put("currency", invoice.get("currency").asText());
                payment.put("invoice", invoice.get("id").asText());
                payment.put("is_default", true);
                payment.put("livemode", false);
                payment.put("status", "paid");
                ObjectNode inner = payment.putObject("payment");
                inner.put("type", "payment_intent");
                inner.put("payment_intent", "pi_" + invoice.get("id").asText());
                listed.add(payment);
            }
            return ok(page(listed, request, "/v1/invoice_payments"));
        });
        on("POST", "/v1/refunds", call -> {
            Recorded request = call.request();
            String intent = request.param("payment_intent");
            ObjectNode invoice = intent == null || !intent.startsWith("pi_") ? null : invoices.get(intent.substring(3));
            if (invoice == null) {
                return missing("payment_intent", intent);
            }
            long amount = Long.parseLong(request.param("amount"));
            long refunded = refunds.values().stream().filter(r -> intent.equals(r.get("payment_intent").asText()))
                    .mapToLong(r -> r.get("amount").asLong()).sum();
            if (amount <= 0 || refunded + amount > invoice.get("amount_paid").asLong()) {
                return new Answer(400, error("invalid_request_error", "charge_already_refunded",
                        "Refund amount is greater than the unrefunded amount on the charge."));
            }
            ObjectNode refund = fixture("refund");
            refund.put("id", nextId("re"));
            refund.put("amount", amount);
            refund.put("currency", invoice.get("currency").asText());
            refund.put("payment_intent", intent);
            refund.put("charge", "ch_" + invoice.get("id").asText());
            refund.put("status", "succeeded");
            metadata(refund, request);
            refunds.put(refund.get("id").asText(), refund);
            return ok(refund);
        });
        on("POST", "/v1/billing/meter_events", call -> {
            Recorded request = call.request();
            ObjectNode event = fixture("billing.meter_event");
            event.put("event_name", request.param("event_name"));
            event.put("identifier", request.param("identifier"));
            event.put("timestamp", Long.parseLong(request.param("timestamp")));
            ObjectNode payload = (ObjectNode) event.get("payload");
            payload.put("stripe_customer_id", request.param("payload[stripe_customer_id]"));
            payload.put("value", request.param("payload[value]"));
            meterEvents.add(event);
            return ok(event);
        });
        on("GET", "/v1/billing/meters/([^/]+)/event_summaries", call -> {
            Recorded request = call.request();
            String eventName = meters.get(call.id());
            if (eventName == null) {
                return missing("billing.meter", call.id());
            }
            long start = Long.parseLong(request.param("start_time"));
            long end = Long.parseLong(request.param("end_time"));
            boolean daily = "day".equals(request.param("value_grouping_window"));
            List<JsonNode> summaries = new ArrayList<>();
            long step = daily ? 86_400L : end - start;
            for (long from = start; from < end; from += step) {
                long to = Math.min(from + step, end);
                BigDecimal sum = BigDecimal.ZERO;
                boolean any = false;
                synchronized (meterEvents) {
                    for (ObjectNode event : meterEvents) {
                        long at = event.get("timestamp").asLong();
                        if (event.get("event_name").asText().equals(eventName)
                                && event.get("payload").get("stripe_customer_id").asText().equals(request.param("customer"))
                                && at >= from && at < to) {
                            sum = sum.add(new BigDecimal(event.get("payload").get("value").asText()));
                            any = true;
                        }
                    }
                }
                if (any || !daily) { // like Stripe, empty days are left out of a daily grouping
                    ObjectNode summary = fixture("billing.meter_event_summary");
                    summary.put("id", nextId("mtrusg"));
                    summary.put("meter", call.id());
                    summary.put("start_time", from);
                    summary.put("end_time", to);
                    summary.put("aggregated_value", sum);
                    summaries.add(summary);
                }
            }
            return ok(page(summaries, request, "/v1/billing/meters/" + call.id() + "/event_summaries"));
        });
        on("POST", "/v1/checkout/sessions", call -> {
            Recorded request = call.request();
            ObjectNode session = fixture("checkout.session");
            String id = nextId("cs_test");
            session.put("id", id);
            session.put("mode", request.param("mode"));
            session.put("customer", request.param("customer"));
            session.put("success_url", request.param("success_url"));
            session.put("cancel_url", request.param("cancel_url"));
            session.put("url", "https://checkout.stripe.com/c/pay/" + id);
            if ("payment".equals(request.param("mode"))) {
                session.put("currency", request.param("line_items[0][price_data][currency]"));
                session.put("amount_total", Long.parseLong(request.param("line_items[0][price_data][unit_amount]")));
            }
            metadata(session, request);
            return ok(session);
        });
        on("POST", "/v1/billing_portal/sessions", call -> {
            ObjectNode session = fixture("billing_portal.session");
            String id = nextId("bps");
            session.put("id", id);
            session.put("customer", call.request().param("customer"));
            session.put("return_url", call.request().param("return_url"));
            session.put("url", "https://billing.stripe.com/p/session/" + id);
            return ok(session);
        });
    }

    private static void metadata(ObjectNode object, Recorded request) {
        ObjectNode metadata = object.has("metadata") && object.get("metadata").isObject()
                ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
        metadata.remove("undefined");
        request.form().forEach((name, value) -> {
            if (name.startsWith("metadata[") && name.endsWith("]")) {
                metadata.put(name.substring("metadata[".length(), name.length() - 1), value);
            }
        });
    }

    /** A Stripe list page honouring {@code starting_after} and {@link #pageSize}. */
    private ObjectNode page(List<JsonNode> all, Recorded request, String url) {
        int from = 0;
        String after = request.param("starting_after");
        if (after != null) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).get("id").asText().equals(after)) {
                    from = i + 1;
                }
            }
        }
        int to = Math.min(all.size(), from + pageSize);
        ObjectNode list = JSON.createObjectNode();
        list.put("object", "list");
        list.put("url", url);
        list.put("has_more", to < all.size());
        ArrayNode data = list.putArray("data");
        all.subList(from, to).forEach(data::add);
        return list;
    }
}
