package io.billkit.adapter.pdf;

import io.billkit.application.port.out.InvoiceDocument;

/**
 * A hand-built invoice document (apex Growth: base USD 499.00, 2,500,000 impressions over at USD 0.50 / 1,000 =
 * USD 1,250.00, API calls over = USD 20.00, tax 20 %) for renderer tests. The example in
 * {@code docs/example-invoice.pdf} is not this one: it is made by the service's own wiring, see bootstrap's
 * {@code ExampleInvoiceTest}.
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
}
