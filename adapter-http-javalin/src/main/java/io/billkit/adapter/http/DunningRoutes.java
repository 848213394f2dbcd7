package io.billkit.adapter.http;

import io.billkit.application.port.in.dunning.CustomerDunningView;
import io.billkit.application.port.in.dunning.DunningActionCommand;
import io.billkit.application.port.in.dunning.DunningAttemptView;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.in.dunning.GetDunningUseCase;
import io.billkit.application.port.in.dunning.RetryPaymentNowUseCase;
import io.billkit.application.port.in.dunning.StopDunningUseCase;
import io.billkit.domain.invoice.InvoiceId;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Dunning (retries of failed invoice payments):
 * <ul>
 *   <li>{@code GET /api/v1/billing/dunning}: the customer's dunning state (members their own, admins any with
 *       {@code ?customerId=}): past due or not, the subscription's status, every case with its schedule, next retry
 *       and attempts;</li>
 *   <li>{@code POST /api/v1/admin/invoices/{invoiceId}/dunning/retry} (admin): the next retry now;</li>
 *   <li>{@code POST /api/v1/admin/invoices/{invoiceId}/dunning/stop} (admin): no more retries, no final action.</li>
 * </ul>
 * The POSTs take the service's {@code Idempotency-Key} mechanism (a replay answers the first result).
 */
final class DunningRoutes implements RouteGroup {

    record AttemptBody(int number, Instant at, String outcome, String detail) {
        static AttemptBody of(DunningAttemptView v) {
            return new AttemptBody(v.number(), v.at(), v.outcome().name(), v.detail());
        }
    }

    record DunningCaseBody(String invoiceId, Optional<String> invoiceNumber, String subscriptionId, String status,
                           List<Integer> retryDays, String finalAction, Instant startedAt, int retriesMade,
                           int retries, Optional<Instant> nextRetryAt, Optional<Instant> endedAt,
                           List<AttemptBody> attempts) {
        static DunningCaseBody of(DunningCaseView v) {
            return new DunningCaseBody(v.invoice().value(), v.invoiceNumber(), v.subscription().value(),
                    v.status().name(), v.retryDays(), v.finalAction().name(), v.startedAt(), v.retriesMade(),
                    v.retryDays().size(), v.nextRetryAt(), v.endedAt(),
                    v.attempts().stream().map(AttemptBody::of).toList());
        }
    }

    record DunningBody(String customerId, Optional<String> subscriptionStatus, boolean pastDue,
                       Optional<Instant> nextRetryAt, List<DunningCaseBody> cases) {
        static DunningBody of(CustomerDunningView v) {
            List<DunningCaseBody> cases = v.cases().stream().map(DunningCaseBody::of).toList();
            Optional<Instant> next = v.cases().stream().flatMap(c -> c.nextRetryAt().stream()).min(Instant::compareTo);
            return new DunningBody(v.customer().value(), v.subscriptionStatus().map(Enum::name), v.pastDue(), next, cases);
        }
    }

    private final GetDunningUseCase dunning;
    private final RetryPaymentNowUseCase retryNow;
    private final StopDunningUseCase stop;

    DunningRoutes(GetDunningUseCase dunning, RetryPaymentNowUseCase retryNow, StopDunningUseCase stop) {
        this.dunning = Objects.requireNonNull(dunning, "dunning");
        this.retryNow = Objects.requireNonNull(retryNow, "retryNow");
        this.stop = Objects.requireNonNull(stop, "stop");
    }

    @Override
    public String name() {
        return "dunning";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/dunning", Access.MEMBER,
                "The customer's dunning state: past due, the next retry, every failed invoice's retries",
                ctx -> ctx.json(DunningBody.of(dunning.of(Callers.customer(ctx)))));
        routes.answers(200, "The dunning state", DunningBody.class)
                .problem(404, "No such customer");
        routes.post("/api/v1/admin/invoices/{invoiceId}/dunning/retry", Access.ADMIN,
                "Run the invoice's next payment retry now (counts as that retry)",
                ctx -> ctx.json(DunningCaseBody.of(retryNow.retryNow(command(ctx)))));
        routes.answers(200, "The dunning case after the retry", DunningCaseBody.class)
                .problem(404, "The invoice has no dunning case")
                .problem(409, "The dunning case is not retrying")
                .problem(503, "The payment provider did not answer; the retry stays due");
        routes.post("/api/v1/admin/invoices/{invoiceId}/dunning/stop", Access.ADMIN,
                "Stop the invoice's payment retries (no final action; the subscription stays past due until paid)",
                ctx -> ctx.json(DunningCaseBody.of(stop.stop(command(ctx)))));
        routes.answers(200, "The stopped dunning case", DunningCaseBody.class)
                .problem(404, "The invoice has no dunning case")
                .problem(409, "The dunning case is not retrying");
    }

    private static DunningActionCommand command(Context ctx) {
        InvoiceId invoice;
        try {
            invoice = InvoiceId.of(ctx.pathParam("invoiceId"));
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("invoiceId", e.getMessage());
        }
        return new DunningActionCommand(invoice, Callers.user(ctx));
    }
}
