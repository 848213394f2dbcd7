package io.billkit.application.service;

import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.domain.money.Money;

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

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import io.billkit.domain.invoice.InvoiceStatus;

/**
 * Renders an invoice for download: builds its {@link io.billkit.application.port.out.InvoiceDocument}
 * (seller from the {@link SellerProfile}, customer block from the customer), renders it with the
 * {@link InvoiceRenderer}, and names it {@code INV-2026-000042.pdf} ({@code draft-<id>.pdf} for a
 * draft). The period printed ends on the cancel's day for a final invoice after an immediate cancel. The ETag is the quoted SHA-256 hex of the bytes. Another customer's invoice is NOT_FOUND for an
 * owner-scoped query.
 *
 * <p>Rendered bytes of finalized (non-draft) invoices are kept in a bounded LRU cache keyed by a SHA-256
 * fingerprint of everything the document is built from (the invoice record with its status and lines, the
 * customer record, the cancel instant; the seller is fixed per service), so an unchanged invoice, the usual
 * {@code If-None-Match} revalidation, is answered without rendering, and any change (voided, paid, the
 * customer's address) renders afresh. The renderer is deterministic, so a cached answer is byte-for-byte what
 * a new rendering would give. At most {@value #CACHE_ENTRIES} entries and {@value #CACHE_BYTES} bytes.
 */
public final class RenderInvoicePdfService implements RenderInvoicePdfUseCase {
    private final InvoiceStore invoices;
    private final CustomerStore customers;
    private final InvoiceRenderer renderer;
    private final InvoiceDocuments documents;
    private final SubscriptionStore subscriptions;
    private final CustomerBalanceStore balances;
    private final RenderedCache cache = new RenderedCache();

    static final int CACHE_ENTRIES = 512;
    static final long CACHE_BYTES = 64L * 1024 * 1024;

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
        this(invoices, customers, subscriptions, renderer, seller, CustomerBalanceStore.NONE);
    }

    /** As above, printing what the customer's money balance ({@code balances}) paid off the amount due. */
    public RenderInvoicePdfService(InvoiceStore invoices, CustomerStore customers, SubscriptionStore subscriptions,
                                   InvoiceRenderer renderer, SellerProfile seller, CustomerBalanceStore balances) {
        this.balances = Objects.requireNonNull(balances, "balances");
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
        Money fromBalance = balances.appliedTo(invoice.id(), invoice.currency());
        boolean cacheable = invoice.status() != InvoiceStatus.DRAFT;
        String fingerprint = cacheable
                ? Hashes.sha256Hex(invoice + "\n" + customer + "\n" + cancelledAt + "\n" + fromBalance) : null;
        if (cacheable) {
            RenderedInvoice cached = cache.get(fingerprint);
            if (cached != null) {
                return cached;
            }
        }
        byte[] content = renderer.render(documents.document(invoice, customer, cancelledAt, fromBalance));
        RenderedInvoice rendered = new RenderedInvoice(invoice.id(), InvoiceDocuments.fileName(invoice, "pdf"),
                renderer.mediaType(), content, "\"" + Hashes.sha256Hex(content) + "\"");
        if (cacheable) {
            cache.put(fingerprint, rendered, content.length);
        }
        return rendered;
    }

    /** A least-recently-used map bounded by entries and by bytes; thread-safe. */
    private static final class RenderedCache {
        private record Entry(RenderedInvoice rendered, long bytes) {
        }

        private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
        private long bytes;

        synchronized RenderedInvoice get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.rendered();
        }

        synchronized void put(String key, RenderedInvoice rendered, long size) {
            if (size > CACHE_BYTES / 8) {
                return;
            }
            Entry previous = entries.put(key, new Entry(rendered, size));
            bytes += size - (previous == null ? 0 : previous.bytes());
            Iterator<Entry> eldest = entries.values().iterator();
            while ((entries.size() > CACHE_ENTRIES || bytes > CACHE_BYTES) && eldest.hasNext()) {
                bytes -= eldest.next().bytes();
                eldest.remove();
            }
        }
    }
}
