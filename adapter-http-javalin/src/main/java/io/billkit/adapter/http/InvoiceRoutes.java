package io.billkit.adapter.http;

import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.GetInvoiceUseCase;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.invoice.ListInvoicesUseCase;
import io.billkit.application.port.in.invoice.RenderInvoicePdfUseCase;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's invoices:
 * <ul>
 *   <li>{@code GET /api/v1/billing/invoices?page&limit&status&from&to}: newest period first; {@code page} from 1,
 *       {@code limit} 1..100 (default 20), {@code status} an {@link InvoiceStatus}, {@code from}/{@code to} bound
 *       the period start;</li>
 *   <li>{@code GET /api/v1/billing/invoices/{id}}: one invoice; another customer's invoice is 404 (not 403, so
 *       invoice ids of other tenants do not leak); an admin without {@code ?customerId=} reads any invoice;</li>
 *   <li>{@code GET /api/v1/billing/invoices/{id}/pdf}: the PDF with the use case's strong {@code ETag};
 *       {@code If-None-Match} with a matching tag answers 304 without a body or {@code Content-Type};
 *       {@code HEAD} answers as {@code GET} (same checks and headers, {@code Content-Length}) without the body; {@code Content-Disposition:
 *       attachment} names the file after the invoice number.</li>
 * </ul>
 */
final class InvoiceRoutes implements RouteGroup {
    static final int DEFAULT_LIMIT = 20;

    private final ListInvoicesUseCase listInvoices;
    private final GetInvoiceUseCase invoice;
    private final RenderInvoicePdfUseCase renderPdf;

    InvoiceRoutes(ListInvoicesUseCase listInvoices, GetInvoiceUseCase invoice, RenderInvoicePdfUseCase renderPdf) {
        this.listInvoices = Objects.requireNonNull(listInvoices, "listInvoices");
        this.invoice = Objects.requireNonNull(invoice, "invoice");
        this.renderPdf = Objects.requireNonNull(renderPdf, "renderPdf");
    }

    @Override
    public String name() {
        return "invoices";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/invoices", Access.MEMBER,
                "The customer's invoices, newest first (page, limit 1..100, status, from, to)", this::list);
        routes.get("/api/v1/billing/invoices/{id}", Access.MEMBER,
                "One invoice with its lines and totals (another customer's invoice is 404)",
                ctx -> ctx.json(ResponseBodies.InvoiceBody.of(invoice.get(query(ctx)))));
        routes.get("/api/v1/billing/invoices/{id}/pdf", Access.MEMBER,
                "The invoice as PDF (strong ETag; If-None-Match answers 304)", this::pdf);
    }

    private void list(Context ctx) {
        CustomerId customer = Callers.customer(ctx);
        int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, 100);
        // the page's offset, (page - 1) * limit, must fit an int
        int page = QueryParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE / limit + 1);
        Optional<InvoiceStatus> status = QueryParams.enumValue(ctx, "status", InvoiceStatus.class);
        Optional<LocalDate> from = QueryParams.date(ctx, "from");
        Optional<LocalDate> to = QueryParams.date(ctx, "to");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw ApiProblem.invalidField("to", "to (" + to.get() + ") must not be before from (" + from.get() + ")");
        }
        ctx.json(ResponseBodies.InvoicePageBody.of(
                listInvoices.list(new ListInvoicesQuery(customer, page, limit, status, from, to))));
    }

    /** A member reads its own customer's invoices; an admin any, or those of {@code ?customerId=}. */
    private static GetInvoiceQuery query(Context ctx) {
        AuthenticatedUser user = AccessControl.requireMember(ctx);
        InvoiceId id;
        try {
            id = InvoiceId.of(ctx.pathParam("id"));
        } catch (BillingException e) {
            throw ApiProblem.invalidField("id", e.getMessage());
        }
        Optional<CustomerId> owner = user.isAdmin() ? Callers.requestedCustomer(ctx) : Optional.of(Callers.customer(ctx));
        return new GetInvoiceQuery(id, owner);
    }

    private void pdf(Context ctx) {
        RenderedInvoice rendered = renderPdf.render(query(ctx));
        ctx.header("ETag", rendered.etag());
        ctx.header("Cache-Control", "private, no-cache");
        if (EntityTags.matchesAny(ctx.header("If-None-Match"), rendered.etag())) {
            ctx.res().setContentType(null); // a 304 has no body, so no Content-Type (not Javalin's text/plain default)
            ctx.status(304);
            return;
        }
        ctx.header("Content-Disposition", EntityTags.attachment(rendered.fileName()));
        ctx.contentType(rendered.mediaType()).result(rendered.content());
    }
}
