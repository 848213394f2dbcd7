package io.billkit.adapter.http;

import io.billkit.application.port.in.audit.AuditQuery;
import io.billkit.application.port.in.audit.GetAuditTrailUseCase;
import io.billkit.application.port.in.summary.GetBillingSummaryUseCase;

import java.util.Objects;
import java.util.Optional;

/**
 * Overview for a customer's billing page: {@code GET /api/v1/billing/summary} (plan, month-to-date spend, usage,
 * upcoming invoice, credits) and {@code GET /api/v1/billing/history?limit} (the customer's audit entries,
 * newest first; limit 1..1000, default 100).
 */
final class SummaryRoutes implements RouteGroup {
    static final int DEFAULT_HISTORY_LIMIT = 100;

    private final GetBillingSummaryUseCase summary;
    private final GetAuditTrailUseCase auditTrail;

    SummaryRoutes(GetBillingSummaryUseCase summary, GetAuditTrailUseCase auditTrail) {
        this.summary = Objects.requireNonNull(summary, "summary");
        this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
    }

    @Override
    public String name() {
        return "summary";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/summary", Access.MEMBER,
                "Plan, month-to-date spend, usage, upcoming invoice and credits in one answer",
                ctx -> ctx.json(ResponseBodies.SummaryBody.of(summary.summary(Callers.customer(ctx)))));
        routes.answers(200, "The summary", ResponseBodies.SummaryBody.class);
        routes.get("/api/v1/billing/history", Access.MEMBER, "The customer's billing audit trail, newest first",
                ctx -> {
                    int limit = QueryParams.integer(ctx, "limit", DEFAULT_HISTORY_LIMIT, 1, 1000);
                    ctx.json(ResponseBodies.AuditBody.of(auditTrail.recent(
                            new AuditQuery(Optional.of(Callers.customer(ctx)), limit))));
                });
        routes.answers(200, "Audit entries, newest first", ResponseBodies.AuditBody.class)
                .queryInt("limit", "At most this many entries (default " + DEFAULT_HISTORY_LIMIT + ")", 1, 1000);
    }
}
