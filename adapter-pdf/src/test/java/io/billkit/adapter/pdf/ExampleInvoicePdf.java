package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the example invoice shipped as {@code docs/example-invoice.pdf}: BillKit Demo Inc. bills the
 * apex Growth plan (base USD 499.00, 2,500,000 impressions over at USD 0.50 / 1,000 = USD 1,250.00,
 * API calls over = USD 20.00, tax 20 %). Run from the repository root after {@code mvn verify}:
 * <pre>java -cp "adapter-pdf/target/classes:adapter-pdf/target/test-classes:billing-application/target/classes:
 *   billing-domain/target/classes:&lt;pdfbox, fontbox, pdfbox-io, commons-logging, slf4j-api jars&gt;"
 *   io.billkit.adapter.pdf.ExampleInvoicePdf docs/example-invoice.pdf</pre>
 */
public final class ExampleInvoicePdf {

    private ExampleInvoicePdf() {
    }

    static InvoiceDocument example() {
        return InvoiceFixtures.apexGrowthInvoice(InvoiceFixtures.logo("png", 240, 72));
    }

    static byte[] render() {
        return new PdfInvoiceRenderer(PdfRenderOptions.defaults().withFooterNote(
                "Thank you for your business. Pay by bank transfer to BillKit Demo Inc., IBAN "
                        + "IE29 AIBK 9311 5212 3456 78, quoting the invoice number, or by card in the customer portal."))
                .render(example());
    }

    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "docs/example-invoice.pdf");
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Files.write(target, render());
        System.out.println("wrote " + target.toAbsolutePath());
    }
}
