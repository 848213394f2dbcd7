package io.billkit.bootstrap;

import io.billkit.adapter.pdf.PdfInvoiceRenderer;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.invoice.RenderedInvoice;
import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.customer.TaxId;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mustangproject.validator.ZUGFeRDValidator;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example invoice in {@code docs/example-invoice.pdf}, made by the service's own parts: the seller block
 * from the {@code SELLER_*} / {@code INVOICE_*} variables read by {@code EnvConfig}, the renderer and the use-case
 * settings as {@code BillKitApplication} wires them, the real use cases on the in-memory ports (subscribe,
 * record usage, cancel now, which issues the final invoice of the partial period) and the PDF from
 * {@code RenderInvoicePdf}. The test reads the PDF's text back with PDFBox and checks what an accountant looks
 * for; with {@code -Dbillkit.exampleInvoice=<path>} it also writes the PDF there:
 * <pre>mvn -B -pl bootstrap -am test -Dtest=ExampleInvoiceTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dbillkit.exampleInvoice=$PWD/docs/example-invoice.pdf</pre>
 */
class ExampleInvoiceTest {

    static final MeterKey API_CALLS = MeterKey.of("api_calls");

    /** One plan, USD 99 a month, API calls in graduated tiers: 100,000 free, then 0.0004, then 0.0002. */
    static Catalog exampleCatalog() {
        Plan pro = Plan.builder("pro", "Pro", "USD").basePrice("99.00")
                .meter(API_CALLS, Allowance.soft(0, Window.PERIOD),
                        Price.graduatedIn("USD").upTo(100_000, "0").upTo(1_000_000, "0.0004").above("0.0002"))
                .build();
        return new Catalog("example", List.of(Meter.of("api_calls", "API calls", "call", Aggregation.SUM)),
                List.of(pro), List.of(), List.of());
    }

    @Test
    void the_service_renders_a_factur_x_invoice_with_tax_ids_addresses_tier_rows_and_the_partial_period(
            @TempDir Path dir) throws Exception {
        Path logo = dir.resolve("logo.png");
        writeLogo(logo);
        AppConfig config = EnvConfig.parse(Map.of(
                "SELLER_NAME", "BillKit Demo GmbH",
                "SELLER_ADDRESS", "Friedrichstraße 100 | 10117 Berlin | Germany",
                "SELLER_EMAIL", "billing@billkit.example",
                "SELLER_TAX_ID", "vat:DE123456789",
                "SELLER_COUNTRY", "DE",
                "SELLER_LOGO_FILE", logo.toString(),
                "SELLER_PAYMENT_INSTRUCTIONS", "Bank transfer to BillKit Demo GmbH | IBAN DE89 3704 0044 0532 0130 00"
                        + " | BIC COBADEFFXXX | Reference: the invoice number",
                "INVOICE_FOOTER", "Thank you for your business. Questions: billing@billkit.example",
                "INVOICE_PDF_FORMAT", "factur-x"));
        PdfInvoiceRenderer renderer = BillKitApplication.invoiceRenderer(config);
        SettableClock clock = SettableClock.at("2026-04-01T06:00:00Z");
        BillingServices billing = new BillingServices(
                InMemoryBillingPorts.create(new MockPaymentProvider(clock)).withInvoiceRenderer(renderer),
                exampleCatalog(), clock, BillKitApplication.billingSettings(config));
        Actor admin = Actor.of("admin");
        CustomerId acme = CustomerId.of("acme");
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(acme, "Acme Analytics GmbH",
                        "ap@acme-analytics.example").withTimeZone(ZoneId.of("Europe/Berlin"))
                .withTaxRate(new BigDecimal("0.19")).withTaxId(TaxId.vat("DE987654321"))
                .withAddressLines(List.of("Attn: Accounts Payable", "Leopoldstraße 1", "80802 München", "Germany")), admin));
        billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("pro"), admin));
        clock.advance(Duration.ofDays(3));
        billing.recordUsage().record(RecordUsageCommand.single(new UsageEventInput("evt-1", acme, "api_calls",
                new BigDecimal("1250000"), clock.instant(), Map.of()), admin));
        clock.set(java.time.Instant.parse("2026-04-16T10:00:00Z"));
        billing.cancelSubscription().cancel(new CancelSubscriptionCommand(acme, false, admin));

        InvoiceView invoice = billing.listInvoices().list(new ListInvoicesQuery(acme, 1, 10, Optional.empty(),
                Optional.empty(), Optional.empty())).items().get(0);
        RenderedInvoice pdf = billing.renderInvoicePdf().render(new GetInvoiceQuery(invoice.id(), Optional.empty()));

        String text = text(pdf.content());
        assertThat(text).contains("BillKit Demo GmbH", "Friedrichstraße 100", "10117 Berlin",
                "VAT ID: DE123456789", "Acme Analytics GmbH", "Attn: Accounts Payable", "Leopoldstraße 1",
                "80802 München", "VAT ID: DE987654321");
        assertThat(text).contains("API calls").doesNotContain("api_calls");
        assertThat(text).contains("Tier 1: 1 – 100,000", "Tier 2: 100,001 – 1,000,000", "Tier 3: 1,000,001 and above",
                "900,000 calls", "USD 360.00", "250,000 calls", "USD 50.00");
        assertThat(text).contains("Billing period 1 Apr 2026 – 16 Apr 2026", "Cancelled on 16 Apr 2026");
        // 99.00 - 47.85 unused base fee + 410.00 API calls = 461.15; 19 % of it = 87.6185 -> 87.62
        assertThat(text).contains("USD -47.85", "USD 410.00", "Subtotal USD 461.15", "VAT 19% on USD 461.15 USD 87.62",
                "Total USD 548.77", "Amount due USD 548.77");
        assertThat(text).contains("IBAN DE89 3704 0044 0532 0130 00", "Thank you for your business.");
        assertThat(text).doesNotContain("|", "\uFFFD");
        System.out.println("example invoice " + invoice.number().orElse("?") + ", total " + invoice.total()
                + ", " + pdf.content().length + " bytes:\n" + text);

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf.content(), pdf.fileName());
        assertThat(validator.wasCompletelyValid()).as(report).isTrue();

        String target = System.getProperty("billkit.exampleInvoice", "");
        if (!target.isBlank()) {
            Files.write(Path.of(target), pdf.content());
            System.out.println("wrote " + target);
        }
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** A small logo drawn from shapes (no fonts needed). */
    static void writeLogo(Path file) throws IOException {
        BufferedImage image = new BufferedImage(240, 72, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, 240, 72);
            g.setColor(new Color(0x1f, 0x3a, 0x5f));
            g.fillRoundRect(0, 0, 72, 72, 24, 24);
            g.setColor(new Color(0x3f, 0xa7, 0x7a));
            for (int i = 0; i < 3; i++) {
                int height = 72 * (i + 2) / 6;
                g.fillRect(14 + i * 14, 60 - height, 9, height);
            }
            g.setColor(new Color(0x1f, 0x3a, 0x5f));
            g.fillRect(90, 24, 130, 9);
            g.fillRect(90, 42, 84, 7);
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
