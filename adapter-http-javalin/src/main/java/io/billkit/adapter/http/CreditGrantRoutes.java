package io.billkit.adapter.http;

import io.billkit.application.port.in.credit.CreditGrantView;
import io.billkit.application.port.in.credit.GrantCreditsCommand;
import io.billkit.application.port.in.credit.GrantCreditsUseCase;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /api/v1/admin/customers/{customerId}/credit-grants} (role admin): grants credits by hand,
 * {@code {"source":"purchased|subscription|promotional","amount":"100","expiresAt"?:"2026-06-01T00:00:00Z",
 * "reason"?:"goodwill"}} with the header {@code Idempotency-Key} (1..200 characters, required). 201 with
 * {@code {"grantId","replayed":false,"balance"}}; the same key and body again: 200, {@code replayed: true},
 * header {@code Idempotent-Replayed: true}, nothing added; the same key with another body: 409
 * {@code idempotency-key-reused}, nothing written.
 */
final class CreditGrantRoutes implements RouteGroup {
    record GrantRequest(String source, BigDecimal amount, Instant expiresAt, String reason) {
    }

    record GrantBody(String grantId, boolean replayed, ResponseBodies.CreditBalanceBody balance) {
        static GrantBody of(CreditGrantView v) {
            return new GrantBody(v.grantId(), v.replayed(), ResponseBodies.CreditBalanceBody.of(v.balance()));
        }
    }

    private final GrantCreditsUseCase grant;
    private final JsonBody json;

    CreditGrantRoutes(GrantCreditsUseCase grant, JsonBody json) {
        this.grant = Objects.requireNonNull(grant, "grant");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "credit-grants";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post("/api/v1/admin/customers/{customerId}/credit-grants", Access.ADMIN,
                "Grant credits to a customer (Idempotency-Key header required: a retry grants once)", this::grant)
                // the grant row itself is the key's record (never expires), so the generic 24-hour mechanism stays out
                .ownIdempotency()
                .header(ReconciliationRoutes.IDEMPOTENCY_KEY, "Required: the grant's key; a retry with it grants once", true)
                .body(GrantRequest.class)
                .answers(201, "Credits granted", GrantBody.class)
                .answers(200, "The replay of an earlier grant with this key (Idempotent-Replayed: true)", GrantBody.class);
    }

    private void grant(Context ctx) {
        String key = ctx.header(ReconciliationRoutes.IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            throw ApiProblem.invalidField(ReconciliationRoutes.IDEMPOTENCY_KEY, "the "
                    + ReconciliationRoutes.IDEMPOTENCY_KEY + " header is required (1.."
                    + GrantCreditsCommand.MAX_KEY_LENGTH + " characters, e.g. a UUID or your order id)");
        }
        key = key.strip();
        if (key.length() > GrantCreditsCommand.MAX_KEY_LENGTH) {
            throw ApiProblem.invalidField(ReconciliationRoutes.IDEMPOTENCY_KEY, "the "
                    + ReconciliationRoutes.IDEMPOTENCY_KEY + " header must be at most "
                    + GrantCreditsCommand.MAX_KEY_LENGTH + " characters but has " + key.length());
        }
        CustomerId customer;
        try {
            customer = CustomerId.of(ctx.pathParam("customerId"));
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("customerId", e.getMessage());
        }
        GrantRequest body = json.read(ctx, GrantRequest.class);
        String sourceText = JsonBody.requiredText(body.source(), "source");
        CreditSource source;
        try {
            source = CreditSource.valueOf(sourceText.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("source", "source must be purchased, subscription or promotional but was '"
                    + sourceText + "'");
        }
        BigDecimal amount = JsonBody.required(body.amount(), "amount");
        if (amount.signum() <= 0) {
            throw ApiProblem.invalidField("amount", "amount must be positive but was " + amount.toPlainString());
        }
        String reason = body.reason() == null ? "" : body.reason();
        if (reason.length() > 256) {
            throw ApiProblem.invalidField("reason", "reason must be at most 256 characters but has " + reason.length());
        }
        CreditGrantView view = grant.grant(new GrantCreditsCommand(customer, key, source, amount,
                Optional.ofNullable(body.expiresAt()), reason, Callers.user(ctx)));
        if (view.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.status(view.replayed() ? 200 : 201).json(GrantBody.of(view));
    }
}
