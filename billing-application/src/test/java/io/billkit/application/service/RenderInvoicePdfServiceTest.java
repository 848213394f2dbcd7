package io.billkit.application.service;

import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceRenderer;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RenderInvoicePdfServiceTest {
    private static final SellerProfile SELLER = new SellerProfile("BillKit Demo GmbH",
            List.of("Invalidenstraße 1", "10115 Berlin"), "billing@billkit.example", new byte[]{(byte) 0x89, 'P', 'N', 'G'});

    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private final RecordingRenderer renderer = new RecordingRenderer();
    private final RenderInvoicePdfService service = new RenderInvoicePdfService(bed.invoices, bed.customers, renderer,
            SELLER);

    private Invoice closedJanuary(Customer customer) {
        bed.subscribe(customer, "growth", Instant.parse("2026-01-01T00:00:00Z"));
        bed.usage.add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 10), "12500000")
                .add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 10), "1200000")
                .add(customer.id(), DATA_TRANSFER_GB, LocalDate.of(2026, 1, 10), "510");
        bed.clock.set(Instant.parse("2026-02-01T01:00:00Z"));
        return bed.invoices.find(bed.runClose().created().get(0)).orElseThrow();
    }

    @Test
    void a_finalized_invoice_renders_with_its_number_as_file_name_and_a_content_etag() throws Exception {
        Customer customer = bed.customer("cus_apex", "0.20");
        Invoice invoice = closedJanuary(customer);

        RenderedInvoice rendered = service.render(new GetInvoiceQuery(invoice.id(), Optional.of(customer.id())));

        assertThat(rendered.fileName()).isEqualTo("INV-2026-000001.pdf");
        assertThat(rendered.mediaType()).isEqualTo("application/pdf");
        byte[] content = rendered.content();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        assertThat(rendered.etag()).isEqualTo("\"" + sha + "\"");
        assertThat(service.render(new GetInvoiceQuery(invoice.id(), Optional.empty())).etag()).isEqualTo(rendered.etag());
    }

    @Test
    void the_document_is_formatted_for_a_reader() {
        Customer customer = bed.customer("cus_apex", "0.20");
        Invoice invoice = closedJanuary(customer);

        service.render(new GetInvoiceQuery(invoice.id(), Optional.empty()));

        InvoiceDocument document = renderer.documents.get(0);
        assertThat(document.number()).isEqualTo("INV-2026-000001");
        assertThat(document.status()).isEqualTo("OPEN");
        assertThat(document.documentId()).isEqualTo(invoice.id().value() + "-open");
        assertThat(document.seller().name()).isEqualTo("BillKit Demo GmbH");
        assertThat(document.seller().addressLines()).containsExactly("Invalidenstraße 1", "10115 Berlin");
        assertThat(document.seller().logo()).hasSize(4);
        assertThat(document.customer().name()).isEqualTo("Customer cus_apex");
        assertThat(document.customer().addressLines()).containsExactly("1 Market Street", "San Francisco, CA 94105");
        assertThat(document.issueDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(document.dueDate()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(document.periodStart()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(document.periodEnd()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(document.lines()).extracting(InvoiceDocument.Line::quantity)
                .containsExactly("1", "2,500,000 impressions", "200,000 calls", "10 GB");
        assertThat(document.lines().get(1).description())
                .isEqualTo("Ad impressions overage: 12,500,000 impressions used, 10,000,000 included");
        assertThat(document.lines().get(0).unitPrice()).isEqualTo("USD 499.00");
        assertThat(document.lines().get(1).unitPrice()).isEqualTo("USD 0.50 per 1,000 units");
        assertThat(document.lines().get(3).unitPrice()).isEqualTo("USD 0.05 per unit");
        assertThat(document.subtotal()).isEqualTo(Money.of("1769.50", "USD"));
        assertThat(document.taxLabel()).isEqualTo("Tax (20%)");
        assertThat(document.tax()).isEqualTo(Money.of("353.90", "USD"));
        assertThat(document.total()).isEqualTo(Money.of("2123.40", "USD"));
        assertThat(document.amountDue()).isEqualTo(Money.of("2123.40", "USD"));
        assertThat(document.paymentTerms()).isEqualTo("Net 30");
    }

    @Test
    void a_draft_renders_as_draft_with_its_id_in_the_file_name() {
        Customer customer = bed.customer("cus_draft", "0");
        bed.invoices.insertIfAbsent(Invoice.draft(InvoiceId.of("inv_draft_1"), customer,
                io.billkit.domain.subscription.SubscriptionId.of("sub_x"), Money.currency("USD"),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1),
                List.of(new InvoiceLine.BaseFeeLine("Starter plan (monthly)", PlanCode.of("starter"),
                        Money.of("99.00", "USD")))));

        RenderedInvoice rendered = service.render(new GetInvoiceQuery(InvoiceId.of("inv_draft_1"), Optional.empty()));

        assertThat(rendered.fileName()).isEqualTo("draft-inv_draft_1.pdf");
        InvoiceDocument document = renderer.documents.get(0);
        assertThat(document.number()).isEqualTo("DRAFT");
        assertThat(document.taxLabel()).isEqualTo("Tax (0%)");
        assertThat(document.issueDate()).isEqualTo(LocalDate.of(2026, 2, 1));
    }

    @Test
    void another_customers_invoice_is_not_found() {
        Customer customer = bed.customer("cus_apex", "0.20");
        Customer stranger = bed.customer("cus_stranger", "0");
        Invoice invoice = closedJanuary(customer);

        assertThatThrownBy(() -> service.render(new GetInvoiceQuery(invoice.id(), Optional.of(stranger.id()))))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(renderer.documents).isEmpty();
    }

    /** Renders a document as its text fields (deterministic) and keeps every document it was given. */
    private static final class RecordingRenderer implements InvoiceRenderer {
        final List<InvoiceDocument> documents = new ArrayList<>();

        @Override
        public byte[] render(InvoiceDocument document) {
            documents.add(document);
            StringBuilder text = new StringBuilder(document.documentId()).append('|').append(document.number())
                    .append('|').append(document.status()).append('|').append(document.total());
            document.lines().forEach(line -> text.append('|').append(line.description()).append('=').append(line.amount()));
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String mediaType() {
            return "application/pdf";
        }
    }
}
