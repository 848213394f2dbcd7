package io.billkit.domain.customer;

import io.billkit.domain.BillingException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxIdTest {

    @Test
    void tax_ids_print_with_their_scheme_label() {
        assertThat(TaxId.vat("de123456789").printed()).isEqualTo("VAT ID: DE123456789");
        assertThat(TaxId.gst("53 004 085 616").printed()).isEqualTo("GST No.: 53 004 085 616");
        assertThat(TaxId.japanRegistration("T1234567890123").printed()).isEqualTo("Registration No.: T1234567890123");
    }

    @Test
    void a_japanese_registration_number_is_t_and_thirteen_digits() {
        assertThatThrownBy(() -> TaxId.japanRegistration("1234567890123")).isInstanceOf(BillingException.class)
                .hasMessageContaining("T followed by 13 digits");
        assertThatThrownBy(() -> TaxId.vat("<script>")).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> TaxIdType.parse("ssn")).hasMessageContaining("vat, gst, jp_registration or other");
    }

    @Test
    void a_customer_keeps_its_tax_id_and_address_lines() {
        Customer acme = Customer.of(CustomerId.of("acme"), "Acme", "ap@acme.example")
                .withAddressLines(List.of("12 Harbour Road", "Dublin D02 XY45", "Ireland"))
                .withTaxId(TaxId.vat("IE6388047V"));
        assertThat(acme.addressLines()).containsExactly("12 Harbour Road", "Dublin D02 XY45", "Ireland");
        assertThat(acme.withTaxRate(new java.math.BigDecimal("0.23")).taxId()).contains(TaxId.vat("IE6388047V"));
        assertThat(acme.withAddress("a\r\n\r\n  b  ").addressLines()).containsExactly("a", "b");
    }
}
