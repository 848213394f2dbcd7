package io.billkit.adapter.http;

import io.billkit.application.port.in.usage.GetCurrentUsageUseCase;
import io.billkit.application.port.in.usage.GetUsageHistoryUseCase;
import io.billkit.application.port.in.usage.UsageHistoryQuery;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's usage, for its members (admins with {@code ?customerId=}):
 * {@code GET /api/v1/billing/usage/current} (the current period per meter: used, included, remaining, overage
 * and projection) and {@code GET /api/v1/billing/usage/history?from&to&meter} (daily values; {@code to}
 * defaults to today (UTC), {@code from} to 29 days before {@code to}; at most 366 days).
 */
final class UsageRoutes implements RouteGroup {
    static final int DEFAULT_HISTORY_DAYS = 30;

    private final GetCurrentUsageUseCase currentUsage;
    private final GetUsageHistoryUseCase usageHistory;
    private final Clock clock;

    UsageRoutes(GetCurrentUsageUseCase currentUsage, GetUsageHistoryUseCase usageHistory, Clock clock) {
        this.currentUsage = Objects.requireNonNull(currentUsage, "currentUsage");
        this.usageHistory = Objects.requireNonNull(usageHistory, "usageHistory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return "usage";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/usage/current", Access.MEMBER,
                "Usage of the current billing period per meter (used, included, remaining, overage, projection)",
                ctx -> ctx.json(ResponseBodies.CurrentUsageBody.of(currentUsage.current(Callers.customer(ctx)))));
        routes.answers(200, "Usage per meter", ResponseBodies.CurrentUsageBody.class)
                .problem(404, "The customer has no subscription");
        routes.get("/api/v1/billing/usage/history", Access.MEMBER,
                "Daily usage between from and to (inclusive, at most 366 days), optionally of one meter",
                this::history);
        routes.answers(200, "Daily usage", ResponseBodies.UsageHistoryBody.class)
                .queryDate("from", "First day (default: 30 days before to)")
                .queryDate("to", "Last day, inclusive (default: today, UTC)")
                .query("meter", "Only this meter");
    }

    private void history(Context ctx) {
        CustomerId customer = Callers.customer(ctx);
        LocalDate to = QueryParams.date(ctx, "to").orElseGet(() -> LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        LocalDate from = QueryParams.date(ctx, "from").orElse(to.minusDays(DEFAULT_HISTORY_DAYS - 1));
        if (to.isBefore(from)) {
            throw ApiProblem.invalidField("to", "to (" + to + ") must not be before from (" + from + ")");
        }
        if (from.plusDays(UsageHistoryQuery.MAX_DAYS).isBefore(to.plusDays(1))) {
            throw ApiProblem.invalidField("from", "the range " + from + ".." + to + " is longer than "
                    + UsageHistoryQuery.MAX_DAYS + " days");
        }
        Optional<MeterKey> meter = QueryParams.text(ctx, "meter").map(value -> {
            try {
                return MeterKey.of(value);
            } catch (BillingException e) {
                throw ApiProblem.invalidField("meter", e.getMessage());
            }
        });
        ctx.json(ResponseBodies.UsageHistoryBody.of(usageHistory.history(new UsageHistoryQuery(customer, meter, from, to))));
    }
}
