package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * BillKit's HTTP service: a Javalin 7 server with the JSON API under {@code /api/v1}.
 *
 * <p>Every request gets a request id (header {@code X-Request-Id}, MDC {@code requestId}), the body size
 * limit (413), the billing switch (503 for billing routes when disabled), then its route's access control
 * ({@link Access}) and handler. Every failure becomes {@code application/problem+json} in
 * {@link ProblemHandlers}. Requests are timed per route template in {@link HttpMetrics}.
 *
 * <p>Adding a route group: write {@code final class XxxRoutes implements RouteGroup} in this package, take
 * its use cases in the constructor (add missing ones to {@link HttpUseCases}), and append
 * {@code new XxxRoutes(...)} in {@link #routeGroups}. Its routes then get access control, rate limits,
 * metrics and an OpenAPI entry without further wiring.
 *
 * <p>The web console ({@link WebConsole}) is served as static files under {@code /console/}; the sign-in route
 * that gives browsers their session cookie is {@link SessionRoutes}.
 *
 * <p>Usage: {@code new BillKitHttpServer(config, deps).start()}; {@link #stop(Duration)} shuts down gracefully:
 * it stops accepting connections (new clients get "connection refused"), lets the requests in flight finish
 * for up to the drain time, then stops Jetty; {@link #stop()} (or {@link #close()}) does the same with
 * {@link #DEFAULT_DRAIN}.
 */
public final class BillKitHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillKitHttpServer.class);
    /** After the drain, how long the last answers get to leave before connections are closed. */
    private static final long RESPONSE_FLUSH_MILLIS = 300;
    /** The drain time of {@link #stop()}. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
    /** Jetty's own stop timeout (used only when {@link #stop(Duration)} could not drain through the statistics). */
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final HttpConfig config;
    private final Javalin app;
    private final RouteRegistry registry;
    private final AtomicReference<Server> jetty = new AtomicReference<>();
    private boolean started;
    private boolean stopped;

    public BillKitHttpServer(HttpConfig config, HttpDependencies deps) {
        this(config, deps, List.of());
    }

    /** With the AI cost governance routes ({@link AiGovernanceRoutes}) too. */
    public BillKitHttpServer(HttpConfig config, HttpDependencies deps, AiUseCases ai) {
        this(config, deps, List.of(new AiGovernanceRoutes(ai, new JsonBody(Json.newMapper()))));
    }

    /** With {@code extraGroups} after the standard ones (tests use this for probe routes). */
    BillKitHttpServer(HttpConfig config, HttpDependencies deps, List<RouteGroup> extraGroups) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(deps, "deps");
        Objects.requireNonNull(extraGroups, "extraGroups");
        ObjectMapper mapper = Json.newMapper();
        HttpConfig.RateLimits limits = config.rateLimits();
        JwtAuthenticator sessions = new JwtAuthenticator(config.jwt(), deps.clock());
        if (config.browser().csrfSecret().isEmpty() && config.jwt().hmacSecret().isEmpty()) {
            log.warn("CSRF_SECRET is not set and session tokens are RS256: browser CSRF tokens use a random key of "
                    + "this process and fail on other replicas; set CSRF_SECRET when several replicas serve browsers");
        }
        CsrfGuard csrf = new CsrfGuard(CsrfGuard.key(config.browser(), config.jwt()));
        AccessControl accessControl = new AccessControl(
                sessions,
                new ApiKeyAuthenticator(deps.apiKeys()),
                new RateLimiter("per-user billing", "billing", limits.billingRequests(), limits.billingWindow(),
                        deps.rateLimitBuckets()),
                new RateLimiter("per-API-key ingestion", "ingestion", limits.ingestionRequests(),
                        limits.ingestionWindow(), deps.rateLimitBuckets()),
                csrf);
        BillingGate billingGate = new BillingGate(config.features().billingEnabled());
        JsonBody json = new JsonBody(mapper);
        List<RouteGroup> groups = new ArrayList<>(routeGroups(config, deps, json));
        groups.add(new SessionRoutes(sessions, csrf, config.browser().alwaysSecureCookies(), deps.clock(), json));
        groups.addAll(extraGroups);
        HttpMetrics metrics = deps.metrics();
        long maxBytes = config.maxRequestBytes();

        AtomicReference<RouteRegistry> registered = new AtomicReference<>();
        this.app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            cfg.http.maxRequestSize = maxBytes;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT_MILLIS);
                server.setErrorHandler(new ServerErrorHandler(mapper));
                jetty.set(server);
            });
            WebConsole.serve(cfg);
            cfg.routes.before(ctx -> {
                RequestIds.begin(ctx);
                Tracing.begin(ctx);
                StrictUtf8.checkQuery(ctx);
                if (ctx.req().getContentLengthLong() > maxBytes) {
                    throw ApiProblem.contentTooLarge(maxBytes);
                }
                billingGate.check(ctx);
            });
            cfg.routes.after(ctx -> {
                Tracing.end(ctx);
                RequestIds.end(ctx);
            });
            new ProblemHandlers(mapper, maxBytes).register(cfg.routes);
            cfg.requestLogger.http((ctx, millis) -> metrics.recordRequest(ctx.method().name(), routeTemplate(ctx),
                    ctx.statusCode(), Duration.ofNanos((long) (millis * 1_000_000L))));
            RouteRegistry routes = new RouteRegistry(cfg.routes, accessControl,
                    new IdempotentRequests(deps.idempotentRequests(), deps.clock()));
            groups.forEach(routes::add);
            registered.set(routes);
        });
        this.registry = Objects.requireNonNull(registered.get(), "Javalin did not apply the configuration");
    }

    /** The route groups of the service, in registration order. */
    private static List<RouteGroup> routeGroups(HttpConfig config, HttpDependencies deps, JsonBody json) {
        HttpUseCases uc = deps.useCases();
        return List.of(
                new MetaRoutes(config.features(), config.info()),
                new HealthRoutes(deps.readiness()),
                new MetricsRoutes(deps.metrics()),
                new OpenApiRoutes(config.info()),
                new UsageRoutes(uc.currentUsage(), uc.usageHistory(), deps.clock()),
                new InvoiceRoutes(uc.listInvoices(), uc.invoice(), uc.renderInvoicePdf()),
                new CreditNoteRoutes(uc.creditNotes(), uc.invoice(), json),
                new CatalogRoutes(uc.catalog()),
                new SubscriptionRoutes(uc.catalog(), uc.subscription(), uc.startCheckout(), uc.openCustomerPortal(),
                        uc.changePlan(), uc.cancelSubscription(), uc.resumeSubscription(), json),
                new CreditRoutes(uc.catalog(), uc.creditBalance(), uc.consumeCredits(), uc.startCheckout(), json),
                new CreditGrantRoutes(uc.grantCredits(), json),
                new LowBalanceThresholdRoutes(uc.setLowBalanceThreshold(), uc.lowBalanceThreshold(), json),
                new UsageThresholdRoutes(uc.usageThresholds().set(), uc.usageThresholds().get(), json),
                new SummaryRoutes(uc.billingSummary(), uc.auditTrail()),
                new IngestionRoutes(uc.catalog(), uc.recordUsage(), uc.checkQuota(), uc.consumeQuota(), deps.metrics(),
                        deps.clock(), json),
                new ReconciliationRoutes(uc.reconcile(), uc.reconciliationHistory(), json),
                new AdminRoutes(uc.catalog(), uc.closePeriod(), uc.auditTrail(), uc.upsertCustomer(), uc.listCustomers(),
                        uc.subscribe(),
                        deps.apiKeys(), deps.auditLog(), deps.clock(), json),
                new WebhookRoutes(deps.webhookVerifier(), uc.handleProviderEvent(), deps.metrics()),
                new WebhookEndpointRoutes(uc.registerWebhookEndpoint(), uc.webhookEndpoints(),
                        uc.webhookDeliveryLog(), uc.redeliverWebhook(), uc.enableWebhookEndpoint(), json),
                new DunningRoutes(uc.dunning(), uc.retryPaymentNow(), uc.stopDunning()),
                new CouponRoutes(uc.coupons(), json));
    }

    /** Binds {@link HttpConfig#host()}:{@link HttpConfig#port()} and starts serving. */
    public synchronized BillKitHttpServer start() {
        if (started) {
            throw new IllegalStateException("the server was already started");
        }
        app.start(config.host(), config.port());
        started = true;
        log.info("BillKit HTTP API listening on {}:{}", config.host(), app.port());
        return this;
    }

    /** The bound port (useful with port 0); only after {@link #start()}. */
    public int port() {
        return app.port();
    }

    /** {@link #stop(Duration)} with {@link #DEFAULT_DRAIN}. */
    public void stop() {
        stop(DEFAULT_DRAIN);
    }

    /**
     * Graceful stop; idempotent: closes the listening sockets (no new connections), waits until no request is in
     * flight or {@code drain} has passed, then stops Jetty. Requests still running after {@code drain} are cut off.
     */
    public synchronized void stop(Duration drain) {
        Objects.requireNonNull(drain, "drain");
        if (!started || stopped) {
            return;
        }
        stopped = true;
        Server server = jetty.get();
        if (server != null) {
            for (Connector connector : server.getConnectors()) {
                connector.shutdown(); // stops accepting; open connections keep being served
            }
            StatisticsHandler statistics = server.getDescendant(StatisticsHandler.class);
            Instant deadline = Instant.now().plus(drain);
            int active = statistics == null ? 0 : statistics.getRequestsActive();
            if (active > 0) {
                log.info("Stopped accepting connections; draining {} requests in flight (up to {})", active, drain);
            }
            while (statistics != null && statistics.getRequestsActive() > 0 && Instant.now().isBefore(deadline)) {
                sleep(Duration.ofMillis(20));
            }
            if (statistics != null && statistics.getRequestsActive() > 0) {
                log.warn("{} requests still in flight after the drain time {}: stopping anyway",
                        statistics.getRequestsActive(), drain);
            }
            if (active > 0) {
                // a request counts as done when its handler finished, possibly before its last bytes left: give them
                // a moment, since the stop below closes connections at once
                sleep(Duration.ofMillis(RESPONSE_FLUSH_MILLIS));
            }
            // the drain is done: Jetty's own graceful wait would only wait for idle keep-alive connections
            server.setStopTimeout(0);
        }
        app.stop();
        log.info("BillKit HTTP API stopped");
    }

    /** Requests being served now (Jetty's statistics), -1 when unknown. */
    int requestsInFlight() {
        Server server = jetty.get();
        StatisticsHandler statistics = server == null ? null : server.getDescendant(StatisticsHandler.class);
        return statistics == null ? -1 : statistics.getRequestsActive();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** What the registry knows: the source of the OpenAPI document. */
    List<RouteSpec> routeSpecs() {
        return registry.specs();
    }

    /** What Javalin actually routes, as {@code METHOD path} (without the HEAD twin of each GET route). */
    List<String> javalinRoutes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method.isHttpMethod())
                .filter(endpoint -> endpoint.method != io.javalin.http.HandlerType.HEAD)
                .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
                .toList();
    }

    private static String routeTemplate(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? HttpMetrics.UNMATCHED_ROUTE : endpoint.path;
        } catch (RuntimeException e) {
            return HttpMetrics.UNMATCHED_ROUTE;
        }
    }
}
