package io.billkit.adapter.http;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/** Test-only routes that exercise each access level and failure path, registered like any route group. */
final class ProbeRoutes implements RouteGroup {
    private final HttpMetrics metrics;
    private final JsonBody json = new JsonBody(Json.newMapper());

    ProbeRoutes(HttpMetrics metrics) {
        this.metrics = metrics;
    }

    record Charge(CustomerId customer, Money amount, BigDecimal quantity) {
        Charge {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(quantity, "quantity");
            BillingException.require(quantity.signum() >= 0, "quantity must not be negative");
        }
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/admin/probe", Access.ADMIN, "Admin probe",
                ctx -> ctx.json(Map.of("subject", AccessControl.requireAdmin(ctx).subject())));
        routes.get("/api/v1/billing/probe", Access.MEMBER, "Member probe", ctx -> {
            AuthenticatedUser user = AccessControl.requireMember(ctx);
            ctx.json(Map.of("subject", user.subject(), "customer", user.customer().value(),
                    "credential", user.credential().name()));
        });
        routes.post("/api/v1/billing/probe", Access.MEMBER, "Member write probe", ctx -> {
            AuthenticatedUser user = AccessControl.requireMember(ctx);
            Charge charge = json.read(ctx, Charge.class);
            user.requireMayActFor(charge.customer());
            ctx.json(charge);
        });
        routes.post("/api/v1/usage/probe/{customerId}", Access.API_KEY, "Ingestion probe", ctx -> {
            ApiKeyPrincipal key = AccessControl.requireApiKey(ctx);
            key.requireMayActFor(CustomerId.of(ctx.pathParam("customerId")));
            metrics.usageEventsIngested(1);
            ctx.json(Map.of("keyId", key.keyId()));
        });
        routes.post("/api/v1/probe/trace", Access.PUBLIC, "Logs a line, POSTs a webhook to ?to= and echoes the MDC",
                ctx -> {
                    org.slf4j.LoggerFactory.getLogger(ProbeRoutes.class).info("trace probe");
                    int status = new HttpWebhookSender().post(ctx.queryParam("to"), "{}", Map.of());
                    ctx.json(Map.of("traceId", String.valueOf(org.slf4j.MDC.get("traceId")),
                            "spanId", String.valueOf(org.slf4j.MDC.get("spanId")), "hookStatus", status));
                });
        routes.get("/api/v1/probe/boom", Access.PUBLIC, "Fails unexpectedly", ctx -> {
            throw new IllegalStateException("connection string postgres://secret@db");
        });
        routes.get("/api/v1/probe/database-down", Access.PUBLIC, "Fails as when no pooled connection comes", ctx -> {
            // what Jdbi throws when HikariCP times out: a wrapper around SQLTransientConnectionException
            throw new IllegalStateException("unable to open a handle", new java.sql.SQLTransientConnectionException(
                    "billkit - Connection is not available, request timed out after 5000ms"));
        });
        routes.get("/api/v1/probe/connection-terminated", Access.PUBLIC, "Fails as when the backend is killed", ctx -> {
            throw new IllegalStateException("commit failed", new java.sql.SQLException(
                    "FATAL: terminating connection due to administrator command", "57P01"));
        });
        routes.get("/api/v1/probe/sql-bug", Access.PUBLIC, "Fails with a SQL error that is our fault", ctx -> {
            throw new IllegalStateException("bad statement", new java.sql.SQLException("syntax error", "42601"));
        });
        routes.get("/api/v1/probe/slow", Access.PUBLIC, "Answers after ?millis", ctx -> {
            Thread.sleep(Long.parseLong(ctx.queryParam("millis")));
            ctx.json(Map.of("slept", ctx.queryParam("millis")));
        });
        routes.get("/api/v1/probe/upstream", Access.PUBLIC, "Fails as when Stripe refuses a call", ctx -> {
            // what adapter-stripe throws: our code, the SDK's exception as cause, Stripe's own text in the message
            throw new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, "stripe create checkout failed: Invalid API Key "
                    + "provided: sk_live_****abcd; request-id: req_8xYz", new RuntimeException("StripeException"));
        });
        routes.get("/api/v1/probe/quota", Access.PUBLIC, "Fails with QUOTA_EXCEEDED", ctx -> {
            throw new BillingException(ErrorCode.QUOTA_EXCEEDED, "api_calls: 100 of 100 used today");
        });
    }
}
