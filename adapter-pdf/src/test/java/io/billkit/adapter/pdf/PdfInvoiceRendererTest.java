package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceDocument.Line;
import io.billkit.application.port.out.InvoiceDocument.Party;
import io.billkit.domain.money.Money;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import static io.billkit.adapter.pdf.InvoiceFixtures.apexGrowthInvoice;
import static io.billkit.adapter.pdf.InvoiceFixtures.customer;
import static io.billkit.adapter.pdf.InvoiceFixtures.invoice;
import static io.billkit.adapter.pdf.InvoiceFixtures.numberedLines;
import static io.billkit.adapter.pdf.InvoiceFixtures.seller;
import static org.assertj.core.api.Assertions.assertThat;

class PdfInvoiceRendererTest {

    private static final byte[] NO_LOGO = new byte[0];
    private final PdfInvoiceRenderer renderer = new PdfInvoiceRenderer();

    private RenderedPdf render(InvoiceDocument invoice) {
        byte[] bytes = renderer.render(invoice);
        assertThat(bytes).startsWith("%PDF-".getBytes());
        return new RenderedPdf(bytes);
    }

    @Test
    void a_credit_note_reuses_the_layout_with_its_own_title_number_label_and_total_credited() {
        InvoiceDocument base = apexGrowthInvoice(NO_LOGO);
        List<Line> credited = List.of(new Line("Credit: API calls overage", "", "", Money.of("20.00", "USD")));
        InvoiceDocument note = new InvoiceDocument("creditnote-cn_1-succeeded", base.seller(), base.customer(),
                "CN-2026-000001", "REFUNDED", base.issueDate(), base.issueDate(), base.periodStart(), base.periodEnd(),
                "Credit note for invoice INV-2026-000042 · Reason: Product unsatisfactory", credited,
                Money.of("20.00", "USD"), Money.zero("USD"), Money.of("4.00", "USD"), "Tax (20%)", List.of(),
                Money.of("24.00", "USD"), Money.of("24.00", "USD"), "Refunded to the original payment method", List.of(), "");

        byte[] bytes = renderer.renderCreditNote(note);
        String text = new RenderedPdf(bytes).text();

        assertThat(text).contains("CREDIT NOTE", "Credit note number", "CN-2026-000001", "REFUNDED",
                "Credit note for invoice INV-2026-000042", "Credit: API calls overage", "USD 20.00", "USD 4.00",
                "Total credited", "USD 24.00", "Refunded to the original payment method");
        assertThat(text).doesNotContain("Amount due", "Invoice number");
        assertThat(renderer.renderCreditNote(note)).isEqualTo(bytes);
    }

    @Test
    void media_type_is_pdf() {
        assertThat(renderer.mediaType()).isEqualTo("application/pdf");
    }

    @Test
    void every_line_amount_the_totals_and_the_due_date_are_printed() {
        InvoiceDocument invoice = apexGrowthInvoice(NO_LOGO);

        String text = render(invoice).text();

        assertThat(text).contains("USD 499.00", "USD 1,250.00", "USD 20.00", "2,500,000", "USD 0.50 / 1,000");
        assertThat(text).contains("Subtotal", "USD 1,769.00", "Tax (20%)", "USD 353.80", "Total", "USD 2,122.80",
                "Amount due", "Net 30");
        assertThat(text).contains("INV-2026-000042", "BillKit Demo Inc.", "Acme Analytics Ltd.", "Dublin D02 XY45");
        assertThat(text).contains("31 Aug 2026", "1 Aug 2026", "1 Jul 2026 – 31 Jul 2026");
    }

    @Test
    void a_120_line_invoice_spans_pages_repeats_the_table_header_and_totals_only_on_the_last_page() {
        List<Line> lines = numberedLines(120);
        InvoiceDocument invoice = invoice(seller(NO_LOGO), customer(), "OPEN", lines);

        List<String> pages = render(invoice).pageTexts();

        assertThat(pages).hasSizeGreaterThanOrEqualTo(3);
        for (int i = 0; i < pages.size(); i++) {
            String page = pages.get(i);
            assertThat(page).as("page %d", i + 1)
                    .contains("Page " + (i + 1) + " of " + pages.size(), "INV-2026-000042");
            boolean last = i == pages.size() - 1;
            assertThat(page.contains("Subtotal")).as("subtotal on page %d", i + 1).isEqualTo(last);
            assertThat(page.contains("Amount due")).as("amount due on page %d", i + 1).isEqualTo(last);
            if (!last || page.contains("Line item")) {
                assertThat(page).as("table header on page %d", i + 1)
                        .contains("Description", "Quantity", "Unit price", "Amount");
            }
        }
        assertThat(pages.get(1)).contains("(continued)");
        String all = String.join("\n", pages);
        for (Line line : lines) {
            assertThat(all).contains(line.description().substring(0, "Line item 000".length()));
            assertThat(all).contains(Amounts.format(line.amount()));
        }
        assertThat(pages.get(pages.size() - 1)).contains(Amounts.format(invoice.total()), "31 Aug 2026");
    }

    @Test
    void a_long_description_wraps_onto_several_lines_within_its_row() {
        String description = "Premium support retainer covering " + "incident response and architecture reviews "
                .repeat(6) + "END-OF-DESCRIPTION";
        List<Line> lines = List.of(new Line(description, "1", "USD 900.00", Money.of("900.00", "USD")),
                new Line("Next line", "1", "USD 1.00", Money.of("1.00", "USD")));

        String text = render(invoice(seller(NO_LOGO), customer(), "OPEN", lines)).text();

        List<String> descriptionLines = text.lines()
                .filter(l -> l.contains("incident") || l.contains("reviews") || l.contains("END-OF-DESCRIPTION")).toList();
        assertThat(descriptionLines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(text.replaceAll("\\s+", " ")).contains("architecture reviews END-OF-DESCRIPTION");
        assertThat(text).contains("USD 900.00", "Next line");
    }

    @Test
    void unicode_names_in_latin_japanese_and_hebrew_come_out_intact() {
        Party seller = new Party("Zoë Ångström", List.of("Kungsgatan 1", "Göteborg"), "zoe@example.se", NO_LOGO);
        Party customer = new Party("株式会社テスト", List.of("שלום", "東京都千代田区1-1"), "test@example.jp", NO_LOGO);
        List<Line> lines = List.of(new Line("Überweisung für 株式会社テスト – שלום", "1", "USD 10.00",
                Money.of("10.00", "USD")));

        RenderedPdf pdf = render(invoice(seller, customer, "OPEN", lines));

        assertThat(pdf.text()).contains("Zoë Ångström", "Göteborg", "株式会社テスト", "שלום", "東京都千代田区1-1",
                "Überweisung für");
        assertThat(pdf.fontNames()).anyMatch(name -> name.endsWith("DejaVuSans"))
                .anyMatch(name -> name.contains("DroidSansFallback"))
                .allMatch(name -> name.matches("[A-Z]{6}\\+.*"));
    }

    @Test
    void only_latin_text_does_not_embed_the_cjk_font() {
        RenderedPdf pdf = render(apexGrowthInvoice(NO_LOGO));

        assertThat(pdf.fontNames()).noneMatch(name -> name.contains("Droid"));
    }

    @Test
    void a_character_no_font_has_prints_as_the_visible_replacement_character_never_a_question_mark() {
        Party customer = new Party("Unicorn \uD83E\uDD84 Labs \uD83C\uDF89", List.of(), "", NO_LOGO);

        String text = render(invoice(seller(NO_LOGO), customer, "OPEN", List.of())).text();

        assertThat(text).contains("Unicorn \uFFFD Labs \uFFFD").doesNotContain("Unicorn ?");
    }

    @Test
    void the_same_document_renders_byte_identical_pdfs_with_a_trailer_id_from_the_document_id() {
        InvoiceDocument invoice = invoice(seller(InvoiceFixtures.logo("png", 120, 40)), customer(), "PAID",
                numberedLines(40));

        byte[] first = renderer.render(invoice);
        byte[] second = new PdfInvoiceRenderer().render(invoice);

        assertThat(second).isEqualTo(first);
        RenderedPdf pdf = new RenderedPdf(first);
        pdf.read(document -> {
            COSArray id = document.getDocument().getTrailer().getCOSArray(COSName.ID);
            assertThat(((COSString) id.get(0)).getBytes())
                    .isEqualTo(DocumentIdentity.digest("billkit-invoice|" + invoice.documentId()));
            assertThat(document.getDocumentCatalog().getMetadata()).as("XMP metadata").isNull();
            Calendar created = document.getDocumentInformation().getCreationDate();
            created.setTimeZone(TimeZone.getTimeZone("UTC"));
            assertThat(created.get(Calendar.YEAR)).isEqualTo(2026);
            assertThat(created.get(Calendar.MONTH)).isEqualTo(Calendar.AUGUST);
            assertThat(created.get(Calendar.DAY_OF_MONTH)).isEqualTo(1);
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo("Invoice INV-2026-000042");
            return null;
        });
    }

    @Test
    void another_document_id_gives_another_trailer_id() {
        InvoiceDocument invoice = apexGrowthInvoice(NO_LOGO);
        InvoiceDocument other = new InvoiceDocument("inv_other", invoice.seller(), invoice.customer(),
                invoice.number(), invoice.status(), invoice.issueDate(), invoice.dueDate(), invoice.periodStart(),
                invoice.periodEnd(), invoice.lines(), invoice.subtotal(), invoice.credits(), invoice.tax(),
                invoice.taxLabel(), invoice.total(), invoice.amountDue(), invoice.paymentTerms());

        assertThat(renderer.render(other)).isNotEqualTo(renderer.render(invoice));
    }

    @Test
    void a_png_logo_is_drawn_on_the_first_page_only() {
        RenderedPdf pdf = render(invoice(seller(InvoiceFixtures.logo("png", 120, 40)), customer(), "OPEN",
                numberedLines(60)));

        assertThat(pdf.pageCount()).isGreaterThan(1);
        assertThat(pdf.images(0)).singleElement().satisfies(image -> {
            assertThat(image.getWidth()).isEqualTo(120);
            assertThat(image.getHeight()).isEqualTo(40);
        });
        assertThat(pdf.images(1)).isEmpty();
    }

    @Test
    void a_jpeg_logo_is_embedded_as_jpeg() {
        RenderedPdf pdf = render(apexGrowthInvoice(InvoiceFixtures.logo("jpg", 90, 30)));

        assertThat(pdf.images(0)).singleElement()
                .satisfies(image -> assertThat(image.getSuffix()).isEqualTo("jpg"));
    }

    @Test
    void an_unreadable_logo_is_left_out_and_the_invoice_still_renders() {
        RenderedPdf pdf = render(apexGrowthInvoice("not an image".getBytes()));

        assertThat(pdf.images(0)).isEmpty();
        assertThat(pdf.text()).contains("USD 2,122.80");
    }

    @Test
    void a_void_invoice_carries_a_faint_diagonal_stamp_and_an_open_one_does_not() {
        RenderedPdf voided = render(invoice(seller(NO_LOGO), customer(), "VOID", InvoiceFixtures.apexGrowthLines()));
        RenderedPdf open = render(apexGrowthInvoice(NO_LOGO));

        assertThat(faintStates(voided)).isNotEmpty();
        assertThat(voided.text()).contains("VOID");
        assertThat(faintStates(open)).isEmpty();
    }

    private static List<Float> faintStates(RenderedPdf pdf) {
        return pdf.read(document -> {
            List<Float> alphas = new ArrayList<>();
            var resources = document.getPage(0).getResources();
            for (COSName name : resources.getExtGStateNames()) {
                PDExtendedGraphicsState state = resources.getExtGState(name);
                Float alpha = state.getNonStrokingAlphaConstant();
                if (alpha != null && alpha < 1f) {
                    alphas.add(alpha);
                }
            }
            return alphas;
        });
    }

    @Test
    void an_invoice_without_lines_still_prints_its_totals() {
        String text = render(invoice(seller(NO_LOGO), customer(), "DRAFT", List.of())).text();

        assertThat(text).contains("Subtotal", "USD 0.00", "Page 1 of 1");
    }
}
