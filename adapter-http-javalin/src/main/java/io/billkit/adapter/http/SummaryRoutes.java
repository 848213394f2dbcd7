package io.billkit.adapter.http;

import io.billkit.application.port.in.audit.AuditQuery;
import io.billkit.application.port.in.audit.GetAuditTrailUseCase;
import io.billkit.application.port.in.summary.GetBillingSummaryUseCase;

import io.billkit.application.port.out.AuditEntry;
import io.billkit.domain.customer.CustomerId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Overview for a customer's billing page: {@code GET /api/v1/billing/summary} (plan, month-to-date spend, usage,
 * upcoming invoice, credits) and {@code GET /api/v1/billing/history?limit} (the customer's audit entries,
 * newest first; limit 1..1000, default 100). A member sees who acted only as {@code you}, {@code system} or
 * {@code operator}, and IP address and user agent only of their own actions ({@link #forMember}); an admin sees
 * the entries whole.
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
        routes.get("/api/v1/billing/history", Access.MEMBER, "The customer's billing audit trail, newest first",
                ctx -> {
                    int limit = QueryParams.integer(ctx, "limit", DEFAULT_HISTORY_LIMIT, 1, 1000);
                    AuthenticatedUser viewer = AccessControl.requireMember(ctx);
                    List<AuditEntry> entries = auditTrail.recent(new AuditQuery(Optional.of(Callers.customer(ctx)), limit));
                    ctx.json(viewer.isAdmin() ? ResponseBodies.AuditBody.of(entries)
                            : new ResponseBodies.AuditBody(entries.stream().map(e -> forMember(e, viewer)).toList()));
                });
    }

    /** Subjects that are BillKit itself (scheduler, payment-provider events, start-up), shown as {@code system}. */
    static final Set<String> SYSTEM_ACTORS = Set.of("system", "scheduler", "provider", "stripe", "bootstrap");

    /**
     * An audit entry as a member may see it: the actor is {@code you} (with the IP address and user agent, which
     * are the member's own), {@code system} (BillKit itself) or {@code operator} (anyone else: an admin, another
     * user, an API key), without the operator's user id, IP address or user agent.
     */
    static ResponseBodies.AuditEntryBody forMember(AuditEntry e, AuthenticatedUser viewer) {
        boolean own = e.actor().equals(viewer.subject());
        String actor = own ? "you" : SYSTEM_ACTORS.contains(e.actor()) ? "system" : "operator";
        return new ResponseBodies.AuditEntryBody(e.at(), actor, e.action(), e.customer().map(CustomerId::value),
                e.data(), own ? e.ip() : null, own ? e.userAgent() : null);
    }
}
