package io.billkit.application.service;

import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceRenderer;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.catalog.PlanCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

/** The rendered-bytes cache of {@link RenderInvoicePdfService}: unchanged finalized invoices render once. */
class RenderInvoicePdfCacheTest {
    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private final CountingRenderer renderer = new CountingRenderer();
    private final RenderInvoicePdfService service = new RenderInvoicePdfService(bed.invoices, bed.customers, renderer,
            new SellerProfile("BillKit Demo GmbH", List.of("Invalidenstraße 1"), "billing@billkit.example", new byte[0]));

    private Invoice closedJanuary(Customer customer) {
        bed.subscribe(customer, "growth", Instant.parse("2026-01-01T00:00:00Z"));
        bed.usage.add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 10), "12500000");
        bed.clock.set(Instant.parse("2026-02-01T01:00:00Z"));
        return bed.invoices.find(bed.runClose().created().get(0)).orElseThrow();
    }

    private RenderedInvoice render(InvoiceId id) {
        return service.render(new GetInvoiceQuery(id, Optional.empty()));
    }

    @Test
    void an_unchanged_finalized_invoice_is_rendered_once_and_answered_with_the_same_bytes_and_etag() {
        Invoice invoice = closedJanuary(bed.customer("cus_apex", "0.20"));

        RenderedInvoice first = render(invoice.id());
        RenderedInvoice second = render(invoice.id());

        assertThat(renderer.calls).hasValue(1);
        assertThat(second.etag()).isEqualTo(first.etag());
        assertThat(second.content()).isEqualTo(first.content());
    }

    @Test
    void a_changed_invoice_renders_again_with_a_new_etag() {
        Invoice invoice = closedJanuary(bed.customer("cus_apex", "0.20"));
        RenderedInvoice open = render(invoice.id());

        bed.invoices.update(invoice.voidInvoice(Instant.parse("2026-02-02T00:00:00Z")));
        RenderedInvoice voided = render(invoice.id());

        assertThat(renderer.calls).hasValue(2);
        assertThat(voided.etag()).isNotEqualTo(open.etag());
        assertThat(new String(voided.content(), StandardCharsets.UTF_8)).contains("VOID");
    }

    @Test
    void a_draft_is_rendered_every_time() {
        Customer customer = bed.customer("cus_draft", "0");
        Invoice draft = Invoice.draft(InvoiceId.of("inv_draft_cache"), customer,
                io.billkit.domain.subscription.SubscriptionId.of("sub_x"), Money.currency("USD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1),
                List.of(new InvoiceLine.BaseFeeLine("Starter plan (monthly)", PlanCode.of("starter"),
                        Money.of("99.00", "USD"))));
        bed.invoices.insertIfAbsent(draft);

        render(draft.id());
        render(draft.id());

        assertThat(renderer.calls).hasValue(2);
    }

    private static final class CountingRenderer implements InvoiceRenderer {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public byte[] render(InvoiceDocument document) {
            calls.incrementAndGet();
            return (document.documentId() + "|" + document.status() + "|" + document.total())
                    .getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String mediaType() {
            return "application/pdf";
        }
    }
}
