package io.billkit.adapter.http;

import io.billkit.application.port.in.creditnote.CreditNoteView;
import io.billkit.application.port.in.creditnote.GetCustomerBalanceUseCase.CustomerBalanceView;
import io.billkit.application.port.in.creditnote.IssueCreditNoteCommand;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.GetInvoiceUseCase;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.domain.BillingException;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteLine;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Credit notes and the customer's money balance:
 * <ul>
 *   <li>{@code POST /api/v1/admin/invoices/{id}/credit-notes} (admin): issue a note (whole invoice without
 *       {@code lines}); over-credit is 409 {@code credit-exceeds-invoice}, a draft or void invoice 409
 *       {@code illegal-transition}, another customer's invoice (with {@code ?customerId=}) 404;</li>
 *   <li>{@code POST /api/v1/admin/credit-notes/{id}/refund} (admin): retry a failed or pending refund;</li>
 *   <li>{@code GET /api/v1/billing/invoices/{id}/credit-notes}, {@code GET /api/v1/billing/credit-notes},
 *       {@code GET /api/v1/billing/credit-notes/{id}} and {@code .../pdf} (member: own notes only, others' are 404);</li>
 *   <li>{@code GET /api/v1/billing/balance?currency=USD} (member): the money balance credit notes left.</li>
 * </ul>
 * POSTs go through the registry's {@code Idempotency-Key} mechanism, so a retried issue gives the same note.
 */
final class CreditNoteRoutes implements RouteGroup {
    static final int MAX_LINES = 100;

    private final CreditNoteUseCases notes;
    private final GetInvoiceUseCase invoice;
    private final JsonBody json;

    CreditNoteRoutes(CreditNoteUseCases notes, GetInvoiceUseCase invoice, JsonBody json) {
        this.notes = Objects.requireNonNull(notes, "notes");
        this.invoice = Objects.requireNonNull(invoice, "invoice");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** What an admin asks for. {@code amount} is a decimal string in the invoice's currency. */
    record LineRequest(Integer line, String amount) {
    }

    record IssueRequest(List<LineRequest> lines, String reason, String memo, String settlement) {
    }

    record CreditNoteLineBody(int line, String description, Money amount) {
        static CreditNoteLineBody of(CreditNoteLine l) {
            return new CreditNoteLineBody(l.invoiceLine(), l.description(), l.amount());
        }
    }

    record CreditNoteBody(String id, String number, String invoiceId, String invoiceNumber, String customerId,
                          String currency, String reason, String memo, String settlement, String origin,
                          List<CreditNoteLineBody> lines, Money subtotal, Money tax, Money total, Instant issuedAt,
                          String refundState, Optional<String> providerRefundId, Money remainingOnInvoice, String pdf) {
        static CreditNoteBody of(CreditNoteView v) {
            CreditNote n = v.note();
            return new CreditNoteBody(n.id().value(), n.number().toString(), n.invoiceId().value(),
                    n.invoiceNumber().toString(), n.customerId().value(), n.currency().getCurrencyCode(),
                    n.reason().wireName(), n.memo(), n.settlement().wireName(),
                    n.origin().name().toLowerCase(java.util.Locale.ROOT),
                    n.lines().stream().map(CreditNoteLineBody::of).toList(), n.subtotal(), n.tax(), n.total(), n.issuedAt(),
                    n.refundState().wireName(), n.providerRefund(), v.remainingOnInvoice(),
                    "/api/v1/billing/credit-notes/" + n.id().value() + "/pdf");
        }
    }

    record CreditNoteListBody(List<CreditNoteBody> items) {
        static CreditNoteListBody of(List<CreditNoteView> views) {
            return new CreditNoteListBody(views.stream().map(CreditNoteBody::of).toList());
        }
    }

    record BalanceEntryBody(Money amount, String reference, Instant at) {
    }

    record BalanceBody(String customerId, Money balance, List<BalanceEntryBody> entries) {
        static BalanceBody of(CustomerBalanceView v) {
            return new BalanceBody(v.customer().value(), v.balance(), v.entries().stream()
                    .map(e -> new BalanceEntryBody(e.amount(), e.reference(), e.at())).toList());
        }
    }

    @Override
    public String name() {
        return "credit-notes";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post("/api/v1/admin/invoices/{id}/credit-notes", Access.ADMIN,
                "Issue a credit note against a finalized invoice (whole, or chosen lines and amounts), settled by "
                        + "refund or on the customer's balance", this::issue);
        routes.body(IssueRequest.class)
                .answers(201, "The credit note", CreditNoteBody.class)
                .query(Callers.CUSTOMER_PARAM, "The customer the invoice must belong to (404 otherwise)")
                .problem(400, "Bad lines, amount, reason or settlement")
                .problem(404, "No such invoice (of this customer)")
                .problem(409, "More than is left to credit (credit-exceeds-invoice), or the invoice is draft or void, "
                        + "or a refund of an unpaid invoice");
        routes.post("/api/v1/admin/credit-notes/{id}/refund", Access.ADMIN,
                "Retry the refund of a credit note whose refund failed or is pending", ctx ->
                        ctx.json(CreditNoteBody.of(notes.retryRefund().retryRefund(noteId(ctx), Callers.user(ctx)))));
        routes.answers(200, "The credit note with its refund state", CreditNoteBody.class)
                .problem(404, "No such credit note");
        routes.get("/api/v1/billing/invoices/{id}/credit-notes", Access.MEMBER,
                "The credit notes of an invoice, oldest first (another customer's invoice is 404)",
                ctx -> ctx.json(CreditNoteListBody.of(notes.list().forInvoice(invoiceId(ctx), owner(ctx)))));
        routes.answers(200, "The invoice's credit notes", CreditNoteListBody.class)
                .problem(404, "No such invoice of this customer");
        routes.get("/api/v1/billing/credit-notes", Access.MEMBER, "The customer's credit notes, newest first (limit 1..1000)",
                ctx -> ctx.json(CreditNoteListBody.of(notes.list().forCustomer(Callers.customer(ctx),
                        QueryParams.integer(ctx, "limit", 100, 1, 1000)))));
        routes.answers(200, "Credit notes, newest first", CreditNoteListBody.class)
                .queryInt("limit", "At most this many (default 100)", 1, 1000);
        routes.get("/api/v1/billing/credit-notes/{id}", Access.MEMBER, "One credit note (another customer's is 404)",
                ctx -> ctx.json(CreditNoteBody.of(notes.get().get(noteId(ctx), owner(ctx)))));
        routes.answers(200, "The credit note", CreditNoteBody.class)
                .problem(404, "No such credit note of this customer");
        routes.get("/api/v1/billing/credit-notes/{id}/pdf", Access.MEMBER,
                "The credit note as PDF (strong ETag; If-None-Match answers 304)", this::pdf);
        routes.answersMedia(200, "The PDF (Content-Disposition: attachment; ETag)", "application/pdf")
                .answersEmpty(304, "Not modified: If-None-Match matched the ETag")
                .header("If-None-Match", "ETag of a copy the client holds", false)
                .problem(404, "No such credit note of this customer");
        routes.get("/api/v1/billing/balance", Access.MEMBER,
                "The customer's money balance from credit notes, applied to the next invoices (currency, default USD)",
                ctx -> {
                    Currency currency = currency(QueryParams.text(ctx, "currency").orElse("USD"));
                    ctx.json(BalanceBody.of(notes.balance().balance(Callers.customer(ctx), currency)));
                });
        routes.answers(200, "The balance and its latest entries", BalanceBody.class)
                .query("currency", "ISO 4217 code (default USD)");
    }

    private void issue(Context ctx) {
        InvoiceId id = invoiceId(ctx);
        InvoiceView target = invoice.get(new GetInvoiceQuery(id, Callers.requestedCustomer(ctx)));
        IssueRequest body = json.read(ctx, IssueRequest.class);
        CreditNoteReason reason;
        CreditNoteSettlement settlement;
        try {
            reason = CreditNoteReason.parse(JsonBody.requiredText(body.reason(), "reason"));
        } catch (BillingException e) {
            throw ApiProblem.invalidField("reason", e.getMessage());
        }
        try {
            settlement = CreditNoteSettlement.parse(JsonBody.requiredText(body.settlement(), "settlement"));
        } catch (BillingException e) {
            throw ApiProblem.invalidField("settlement", e.getMessage());
        }
        String memo = body.memo() == null ? "" : body.memo();
        TextBounds.check(memo, "memo", CreditNote.MAX_MEMO);
        List<LineRequest> requested = body.lines() == null ? List.of()
                : TextBounds.checkCount(body.lines(), "lines", MAX_LINES);
        List<IssueCreditNoteCommand.LineCredit> lines = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            LineRequest line = requested.get(i);
            String field = "lines[" + i + "]";
            if (line == null || line.line() == null) {
                throw ApiProblem.invalidField(field + ".line", field + ".line is required (the invoice line's index from 0)");
            }
            if (line.line() < 0 || line.line() >= target.lines().size()) {
                throw ApiProblem.invalidField(field + ".line", "line " + line.line() + " does not exist: the invoice has lines 0.."
                        + (target.lines().size() - 1));
            }
            Optional<Money> amount = Optional.empty();
            if (line.amount() != null) {
                try {
                    amount = Optional.of(Money.of(new BigDecimal(line.amount().trim()), target.currency()));
                } catch (NumberFormatException e) {
                    throw ApiProblem.invalidField(field + ".amount", field + ".amount must be a decimal string, e.g. \"6.20\"");
                } catch (BillingException e) {
                    throw ApiProblem.invalidField(field + ".amount", e.getMessage());
                }
                if (!amount.get().isPositive()) {
                    throw ApiProblem.invalidField(field + ".amount", field + ".amount must be positive");
                }
            }
            lines.add(new IssueCreditNoteCommand.LineCredit(line.line(), amount));
        }
        IssueCreditNoteCommand command;
        try {
            command = new IssueCreditNoteCommand(id, lines, reason, memo, settlement, Callers.user(ctx));
        } catch (BillingException e) {
            throw ApiProblem.invalidField("lines", e.getMessage());
        }
        ctx.status(201).json(CreditNoteBody.of(notes.issue().issue(command)));
    }

    private void pdf(Context ctx) {
        RenderedInvoice rendered = notes.renderPdf().render(noteId(ctx), owner(ctx));
        ctx.header("ETag", rendered.etag());
        ctx.header("Cache-Control", "private, no-cache");
        if (EntityTags.matchesAny(ctx.header("If-None-Match"), rendered.etag())) {
            ctx.res().setContentType(null);
            ctx.status(304);
            return;
        }
        ctx.header("Content-Disposition", EntityTags.attachment(rendered.fileName()));
        ctx.contentType(rendered.mediaType()).result(rendered.content());
    }

    /** A member sees its own customer's notes; an admin any, or those of {@code ?customerId=}. */
    private static Optional<CustomerId> owner(Context ctx) {
        AuthenticatedUser user = AccessControl.requireMember(ctx);
        return user.isAdmin() ? Callers.requestedCustomer(ctx) : Optional.of(Callers.customer(ctx));
    }

    private static InvoiceId invoiceId(Context ctx) {
        try {
            return InvoiceId.of(ctx.pathParam("id"));
        } catch (BillingException e) {
            throw ApiProblem.invalidField("id", e.getMessage());
        }
    }

    private static CreditNoteId noteId(Context ctx) {
        try {
            return CreditNoteId.of(ctx.pathParam("id"));
        } catch (BillingException e) {
            throw ApiProblem.invalidField("id", e.getMessage());
        }
    }

    private static Currency currency(String code) {
        try {
            return Money.currency(code);
        } catch (BillingException e) {
            throw ApiProblem.invalidField("currency", e.getMessage());
        }
    }
}
