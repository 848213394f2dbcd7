package io.billkit.adapter.http;

import io.billkit.application.port.in.reconciliation.GetReconciliationHistoryUseCase;
import io.billkit.application.port.in.reconciliation.ReconcileCommand;
import io.billkit.application.port.in.reconciliation.ReconcileUseCase;
import io.billkit.application.port.in.reconciliation.ReconciliationRunView;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.util.Objects;
import java.util.Optional;

/**
 * Admin only. {@code POST /api/v1/billing/reconcile} compares metered usage with the payment provider's:
 * header {@code Idempotency-Key} (16..200 characters, required), optional body {@code {"customerId":"acme"}}
 * (default: every customer). The same key with the same body replays the stored run ({@code "replayed":true},
 * header {@code Idempotent-Replayed: true}); with another body it is 409 {@code idempotency-key-reused}.
 * {@code GET /api/v1/billing/reconcile/history?limit} lists past runs (1..100, default 20).
 */
final class ReconciliationRoutes implements RouteGroup {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final int MIN_KEY_LENGTH = 16;
    static final int MAX_KEY_LENGTH = 200;

    record ReconcileRequest(CustomerId customerId) {
    }

    record RunsBody(java.util.List<ResponseBodies.ReconciliationRunBody> runs) {
    }

    private final ReconcileUseCase reconcile;
    private final GetReconciliationHistoryUseCase history;
    private final JsonBody json;

    ReconciliationRoutes(ReconcileUseCase reconcile, GetReconciliationHistoryUseCase history, JsonBody json) {
        this.reconcile = Objects.requireNonNull(reconcile, "reconcile");
        this.history = Objects.requireNonNull(history, "history");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "reconciliation";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post("/api/v1/billing/reconcile", Access.ADMIN,
                "Reconcile metered usage against the payment provider (Idempotency-Key header required)",
                this::reconcile)
                .ownIdempotency()
                .optionalBody(ReconcileRequest.class)
                .header(IDEMPOTENCY_KEY, MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH + " characters: the same key with the "
                        + "same body replays the stored run for 24 h; with another body it is 409", true)
                .answers(200, "The run (replayed: true for a replay)", ResponseBodies.ReconciliationRunBody.class)
                .problem(409, "The key was used with another body (idempotency-key-reused)");
        routes.get("/api/v1/billing/reconcile/history", Access.ADMIN, "Past reconciliation runs, newest first",
                ctx -> ctx.json(new RunsBody(history.history(QueryParams.integer(ctx, "limit", 20, 1, 100)).stream()
                        .map(ResponseBodies.ReconciliationRunBody::of).toList())));
        routes.answers(200, "Past runs, newest first", RunsBody.class)
                .queryInt("limit", "At most this many runs (default 20)", 1, 100);
    }

    private void reconcile(Context ctx) {
        String key = ctx.header(IDEMPOTENCY_KEY);
        if (key == null || key.isBlank()) {
            throw ApiProblem.invalidField(IDEMPOTENCY_KEY, "the " + IDEMPOTENCY_KEY + " header is required ("
                    + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH + " characters, e.g. a UUID)");
        }
        key = key.trim();
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
            throw ApiProblem.invalidField(IDEMPOTENCY_KEY, "the " + IDEMPOTENCY_KEY + " header must be "
                    + MIN_KEY_LENGTH + ".." + MAX_KEY_LENGTH + " characters but has " + key.length());
        }
        ReconcileRequest body = json.readOr(ctx, ReconcileRequest.class, () -> new ReconcileRequest(null));
        ReconciliationRunView run = reconcile.reconcile(new ReconcileCommand(key,
                Optional.ofNullable(body.customerId()), Callers.user(ctx)));
        if (run.replayed()) {
            ctx.header("Idempotent-Replayed", "true");
        }
        ctx.json(ResponseBodies.ReconciliationRunBody.of(run));
    }
}
