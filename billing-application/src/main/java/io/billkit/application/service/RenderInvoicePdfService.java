package io.billkit.application.service;

import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.RenderInvoicePdfUseCase;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceRenderer;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.subscription.Subscription;

import java.time.Instant;
import java.util.Optional;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;

import java.util.Objects;

/**
 * Renders an invoice for download: builds its {@link io.billkit.application.port.out.InvoiceDocument}
 * (seller from the {@link SellerProfile}, customer block from the customer), renders it with the
 * {@link InvoiceRenderer}, and names it {@code INV-2026-000042.pdf} ({@code draft-<id>.pdf} for a
 * draft). The period printed ends on the cancel's day for a final invoice after an immediate cancel. The ETag is the quoted SHA-256 hex of the bytes. Another customer's invoice is NOT_FOUND for an
 * owner-scoped query.
 */
public final class RenderInvoicePdfService implements RenderInvoicePdfUseCase {
    private final InvoiceStore invoices;
    private final CustomerStore customers;
    private final InvoiceRenderer renderer;
    private final InvoiceDocuments documents;
    private final SubscriptionStore subscriptions;

    /** A service that prints the whole period even after a cancel (it cannot look the subscription up). */
    public RenderInvoicePdfService(InvoiceStore invoices, CustomerStore customers, InvoiceRenderer renderer,
                                   SellerProfile seller) {
        this(invoices, customers, null, renderer, seller);
    }

    /**
     * A service that reads the invoice's subscription from {@code subscriptions} (may be null) to print the
     * partial period of a final invoice after an immediate cancel.
     */
    public RenderInvoicePdfService(InvoiceStore invoices, CustomerStore customers, SubscriptionStore subscriptions,
                                   InvoiceRenderer renderer, SellerProfile seller) {
        this.subscriptions = subscriptions;
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.renderer = Objects.requireNonNull(renderer, "renderer");
        this.documents = new InvoiceDocuments(seller);
    }

    @Override
    public RenderedInvoice render(GetInvoiceQuery query) {
        Objects.requireNonNull(query, "query");
        Invoice invoice = InvoiceViews.load(invoices, query.id(), query.owner());
        Customer customer = Customers.require(customers, invoice.customerId());
        Optional<Instant> cancelledAt = subscriptions == null ? Optional.empty()
                : subscriptions.find(invoice.subscriptionId()).flatMap(Subscription::cancelledAt);
        byte[] content = renderer.render(documents.document(invoice, customer, cancelledAt));
        return new RenderedInvoice(invoice.id(), InvoiceDocuments.fileName(invoice, "pdf"), renderer.mediaType(),
                content, "\"" + Hashes.sha256Hex(content) + "\"");
    }
}
