package io.billkit.adapter.pdf;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExampleInvoicePdfTest {

    @Test
    void the_example_invoice_prints_the_apex_growth_charges_on_one_page() {
        RenderedPdf pdf = new RenderedPdf(ExampleInvoicePdf.render());

        assertThat(pdf.pageCount()).isEqualTo(1);
        assertThat(pdf.images(0)).hasSize(1);
        assertThat(pdf.text()).contains("BillKit Demo Inc.", "Growth plan", "USD 499.00", "2,500,000",
                "USD 0.50 / 1,000", "USD 1,250.00", "USD 20.00", "Tax (20%)", "USD 353.80", "USD 2,122.80",
                "Thank you for your business.");
    }
}
