package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceDocument.Line;
import io.billkit.application.port.out.InvoiceDocument.Party;
import io.billkit.domain.customer.TaxId;
import io.billkit.domain.customer.TaxIdType;
import io.billkit.domain.money.Money;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mustangproject.validator.ZUGFeRDValidator;
import org.verapdf.core.ValidationException;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PDF/A-3b and Factur-X output checked by the validators an archive or a buyer would run: veraPDF
 * (ISO 19005-3 level B rules) and Mustangproject's validator (veraPDF on the PDF, then the embedded XML
 * against the Factur-X schema and the EN 16931 schematron).
 */
class ArchivalFormatsTest {

    @BeforeAll
    static void veraPdf() {
        VeraGreenfieldFoundryProvider.initialise();
    }

    static Party seller() {
        return new Party("BillKit Demo GmbH", List.of("Friedrichstraße 100", "10117 Berlin", "Germany"),
                "billing@billkit.example", InvoiceFixtures.logo("png", 240, 72),
                Optional.of(TaxId.vat("DE123456789")), "DE");
    }

    static Party customer() {
        return new Party("Acme Analytics Ltd.", List.of("12 Harbour Road", "Dublin D02 XY45", "Ireland"),
                "ap@acme-analytics.example", new byte[0], Optional.of(TaxId.vat("IE6388047V")), "IE");
    }

    /** Growth base fee, impressions overage with tier rows, credits applied, VAT 19 % on the rest. */
    static InvoiceDocument taxedInvoice(String status) {
        Money base = Money.of("499.00", "USD");
        Line baseFee = new Line("Growth plan – monthly base fee", "1", "USD 499.00", base);
        Line impressions = new Line("Ad impressions overage: 12,500,000 impressions used, 10,000,000 included",
                "2,500,000 impressions", "", Money.of("1250.00", "USD"), List.of(
                new InvoiceDocument.Detail("Tier 1: 1 – 1,000,000", "1,000,000 impressions", "USD 0.0006", "USD 600.00"),
                new InvoiceDocument.Detail("Tier 2: 1,000,001 and above", "1,500,000 impressions", "USD 0.000433333333",
                        "USD 650.00")));
        Line credits = new Line("Prepaid credits applied", "", "", Money.of("-100.00", "USD"));
        Money subtotal = Money.of("1749.00", "USD");
        Money creditsTotal = Money.of("-100.00", "USD");
        Money taxable = Money.of("1649.00", "USD");
        Money tax = Money.of("313.31", "USD");
        Money total = Money.of("1962.31", "USD");
        Money due = "PAID".equals(status) ? Money.zero("USD") : total;
        return new InvoiceDocument("inv_01J2DEMO0000000000000077", seller(), customer(), "INV-2026-000077", status,
                InvoiceFixtures.ISSUED, InvoiceFixtures.DUE, InvoiceFixtures.PERIOD_START, InvoiceFixtures.PERIOD_END, "",
                List.of(baseFee, impressions, credits), subtotal, creditsTotal, tax, "VAT (19%)",
                List.of(new InvoiceDocument.TaxAmount("VAT 19%", new BigDecimal("19"), taxable, tax)), total, due,
                "Net 30", List.of("Bank: Demo Bank", "IBAN DE89 3704 0044 0532 0130 00"), "Thank you.");
    }

    private static byte[] render(PdfFormat format, InvoiceDocument invoice) {
        return new PdfInvoiceRenderer(PdfRenderOptions.defaults().withFormat(format)).render(invoice);
    }

    @Test
    void a_pdfa_3_invoice_passes_verapdf_level_b() throws Exception {
        byte[] pdf = render(PdfFormat.PDF_A_3, taxedInvoice("OPEN"));

        assertThat(failures(pdf, PDFAFlavour.PDFA_3_B)).isEmpty();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getDocumentCatalog().getMetadata()).isNotNull();
            assertThat(document.getDocumentCatalog().getOutputIntents()).hasSize(1);
            assertThat(document.getDocumentCatalog().getStructureTreeRoot()).isNotNull();
            assertThat(document.getDocumentCatalog().getMarkInfo().isMarked()).isTrue();
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en");
        }
    }

    @Test
    void a_plain_pdf_fails_verapdf_so_the_check_can_fail() throws Exception {
        byte[] pdf = render(PdfFormat.PDF, taxedInvoice("OPEN"));

        assertThat(failures(pdf, PDFAFlavour.PDFA_3_B)).isNotEmpty();
    }

    @Test
    void a_paid_pdfa_3_invoice_with_its_stamp_passes_verapdf_too() throws Exception {
        assertThat(failures(render(PdfFormat.PDF_A_3, taxedInvoice("PAID")), PDFAFlavour.PDFA_3_B)).isEmpty();
    }

    @Test
    void a_factur_x_invoice_with_a_coupon_discount_line_passes_the_validator_and_prints_the_discount() throws Exception {
        // base 499.00, 20 % coupon -99.80: subtotal 399.20, VAT 19 % = 75.848 -> 75.85, total 475.05
        Line baseFee = new Line("Growth plan – monthly base fee", "1", "USD 499.00", Money.of("499.00", "USD"));
        Line discount = new Line("Discount LAUNCH20: Launch (20% off) on all charges", "", "",
                Money.of("-99.80", "USD"));
        Money subtotal = Money.of("399.20", "USD");
        Money tax = Money.of("75.85", "USD");
        Money total = Money.of("475.05", "USD");
        InvoiceDocument invoice = new InvoiceDocument("inv_01J2DEMO0000000000000078", seller(), customer(),
                "INV-2026-000078", "OPEN", InvoiceFixtures.ISSUED, InvoiceFixtures.DUE, InvoiceFixtures.PERIOD_START,
                InvoiceFixtures.PERIOD_END, "", List.of(baseFee, discount), subtotal, Money.zero("USD"), tax,
                "VAT (19%)", List.of(new InvoiceDocument.TaxAmount("VAT 19%", new BigDecimal("19"), subtotal, tax)),
                total, total, "Net 30", List.of(), "");
        byte[] pdf = render(PdfFormat.FACTUR_X, invoice);

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf, "INV-2026-000078.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(new RenderedPdf(pdf).text()).contains("Discount LAUNCH20: Launch (20% off) on all",
                Amounts.format(Money.of("-99.80", "USD")), "USD 399.20", "USD 475.05");
        assertThat(embeddedXml(pdf)).contains("<ram:GrandTotalAmount>475.05</ram:GrandTotalAmount>",
                "<ram:TaxBasisTotalAmount>399.20</ram:TaxBasisTotalAmount>", "-99.80");
    }

    @Test
    void a_factur_x_invoice_passes_mustangs_validator_pdf_and_en16931_xml() throws Exception {
        byte[] pdf = render(PdfFormat.FACTUR_X, taxedInvoice("OPEN"));

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf, "INV-2026-000077.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(report).contains("EN16931");
        String xml = embeddedXml(pdf);
        assertThat(xml).contains("INV-2026-000077", "DE123456789", "IE6388047V", "<ram:CountryID>DE</ram:CountryID>",
                "<ram:GrandTotalAmount>1962.31</ram:GrandTotalAmount>", "<ram:TaxBasisTotalAmount>1649.00</ram:TaxBasisTotalAmount>",
                "<ram:TaxTotalAmount currencyID=\"USD\">313.31</ram:TaxTotalAmount>",
                "<ram:DuePayableAmount>1962.31</ram:DuePayableAmount>", "Tier 2: 1,000,001 and above");
    }

    @Test
    void a_paid_factur_x_invoice_states_the_prepaid_amount_and_nothing_due() throws Exception {
        byte[] pdf = render(PdfFormat.FACTUR_X, taxedInvoice("PAID"));

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf, "INV-2026-000077.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(embeddedXml(pdf)).contains("<ram:TotalPrepaidAmount>1962.31</ram:TotalPrepaidAmount>",
                "<ram:DuePayableAmount>0.00</ram:DuePayableAmount>");
    }

    @Test
    void an_untaxed_factur_x_invoice_of_a_seller_without_vat_id_is_vat_exempt_and_valid() throws Exception {
        InvoiceDocument taxed = taxedInvoice("OPEN");
        Party seller = new Party("BillKit Demo Inc.", List.of("100 Market Street", "San Francisco, CA 94105"),
                "billing@billkit.example", new byte[0], Optional.of(TaxId.of(TaxIdType.OTHER, "12-3456789")), "US");
        Party customer = new Party("Acme Inc.", List.of("1 Main Street", "Austin, TX 78701"), "ap@acme.example",
                new byte[0], Optional.empty(), "US");
        Money total = Money.of("1649.00", "USD");
        InvoiceDocument untaxed = new InvoiceDocument(taxed.documentId(), seller, customer, taxed.number(), "OPEN",
                taxed.issueDate(), taxed.dueDate(), taxed.periodStart(), taxed.periodEnd(), "", taxed.lines(),
                taxed.subtotal(), taxed.credits(), Money.zero("USD"), "Tax", List.of(), total, total, "Net 30",
                List.of(), "");
        byte[] pdf = render(PdfFormat.FACTUR_X, untaxed);

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf, "INV-2026-000077.pdf");
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        assertThat(embeddedXml(pdf)).contains("<ram:CategoryCode>E</ram:CategoryCode>", "<ram:ID>12-3456789</ram:ID>",
                "<ram:GrandTotalAmount>1649.00</ram:GrandTotalAmount>");
    }

    @Test
    void factur_x_needs_the_sellers_country_and_says_so() {
        InvoiceDocument taxed = taxedInvoice("OPEN");
        Party noCountry = new Party("BillKit Demo GmbH", List.of("Friedrichstraße 100"), "billing@billkit.example",
                new byte[0], Optional.of(TaxId.vat("DE123456789")), "");
        InvoiceDocument invoice = new InvoiceDocument(taxed.documentId(), noCountry, taxed.customer(), taxed.number(),
                "OPEN", taxed.issueDate(), taxed.dueDate(), taxed.periodStart(), taxed.periodEnd(), "", taxed.lines(),
                taxed.subtotal(), taxed.credits(), taxed.tax(), taxed.taxLabel(), taxed.taxes(), taxed.total(),
                taxed.amountDue(), "Net 30", List.of(), "");

        assertThatThrownBy(() -> render(PdfFormat.FACTUR_X, invoice)).hasMessageContaining("SELLER_COUNTRY");
    }

    @Test
    void factur_x_needs_the_sellers_tax_id() {
        InvoiceDocument taxed = taxedInvoice("OPEN");
        Party noTaxId = new Party("BillKit Demo GmbH", List.of("Friedrichstraße 100"), "billing@billkit.example",
                new byte[0], Optional.empty(), "DE");
        InvoiceDocument invoice = new InvoiceDocument(taxed.documentId(), noTaxId, taxed.customer(), taxed.number(),
                "OPEN", taxed.issueDate(), taxed.dueDate(), taxed.periodStart(), taxed.periodEnd(), "", taxed.lines(),
                taxed.subtotal(), taxed.credits(), taxed.tax(), taxed.taxLabel(), taxed.taxes(), taxed.total(),
                taxed.amountDue(), "Net 30", List.of(), "");

        assertThatThrownBy(() -> render(PdfFormat.FACTUR_X, invoice)).hasMessageContaining("SELLER_TAX_ID");
    }

    @Test
    void every_format_renders_the_same_bytes_twice() {
        for (PdfFormat format : PdfFormat.values()) {
            assertThat(render(format, taxedInvoice("OPEN"))).as(format.code())
                    .isEqualTo(render(format, taxedInvoice("OPEN")));
        }
    }

    @Test
    void the_format_is_read_from_its_configuration_spelling() {
        assertThat(PdfFormat.of("Factur-X")).isEqualTo(PdfFormat.FACTUR_X);
        assertThat(PdfFormat.of("pdfa-3")).isEqualTo(PdfFormat.PDF_A_3);
        assertThatThrownBy(() -> PdfFormat.of("zugferd")).hasMessageContaining("pdf, pdfa-3 or factur-x");
    }

    static String embeddedXml(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
            PDComplexFileSpecification spec = names.getEmbeddedFiles().getNames().get("factur-x.xml");
            assertThat(spec.getCOSObject().getNameAsString("AFRelationship")).isEqualTo("Alternative");
            return new String(spec.getEmbeddedFile().toByteArray(), StandardCharsets.UTF_8);
        }
    }

    /** The failed veraPDF rules, as {@code clause-test: description}. */
    static List<String> failures(byte[] pdf, PDFAFlavour flavour) throws IOException, ValidationException {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), flavour);
             PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
            ValidationResult result = validator.validate(parser);
            return result.getTestAssertions().stream()
                    .filter(a -> a.getStatus() == TestAssertion.Status.FAILED)
                    .map(a -> a.getRuleId().getClause() + "-" + a.getRuleId().getTestNumber() + ": " + a.getMessage())
                    .distinct().collect(Collectors.toList());
        } catch (Exception e) {
            if (e instanceof ValidationException v) {
                throw v;
            }
            throw new IOException(e);
        }
    }
}
