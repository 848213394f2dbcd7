package io.billkit.domain.customer;

import io.billkit.domain.BillingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VatIdFormatTest {

    @Test
    void each_member_state_prefix_has_its_own_shape() {
        assertThat(VatIdFormat.isValidEu("DE123456789")).isTrue();
        assertThat(VatIdFormat.isValidEu("DE 123 456 789")).isTrue();
        assertThat(VatIdFormat.isValidEu("DE12345678")).isFalse();
        assertThat(VatIdFormat.isValidEu("ATU12345678")).isTrue();
        assertThat(VatIdFormat.isValidEu("AT12345678")).isFalse();
        assertThat(VatIdFormat.isValidEu("NL123456789B01")).isTrue();
        assertThat(VatIdFormat.isValidEu("IE6388047V")).isTrue();
        assertThat(VatIdFormat.isValidEu("FRXX123456789")).isTrue();
        assertThat(VatIdFormat.isValidEu("SE123456789001")).isTrue();
        assertThat(VatIdFormat.isValidEu("SE123456789002")).isFalse();
        assertThat(VatIdFormat.isValidEu("GB123456789")).isFalse();
    }

    @Test
    void greece_uses_el_and_is_gr_as_a_country() {
        assertThat(VatIdFormat.euCountry(TaxId.vat("EL123456789"))).contains("GR");
        assertThat(VatIdFormat.isEuCountry("GR")).isTrue();
        assertThat(VatIdFormat.isEuCountry("EL")).isFalse();
        assertThat(VatIdFormat.isEuCountry("GB")).isFalse();
    }

    @Test
    void a_vat_id_with_an_eu_prefix_and_the_wrong_shape_is_refused_but_a_uk_one_is_kept() {
        assertThatThrownBy(() -> TaxId.vat("DE12345678")).isInstanceOf(BillingException.class)
                .hasMessageContaining("format of its EU country prefix DE");
        assertThat(TaxId.vat("GB123456789").value()).isEqualTo("GB123456789");
        assertThat(VatIdFormat.euCountry(TaxId.vat("GB123456789"))).isEmpty();
        assertThat(VatIdFormat.euCountry(TaxId.gst("DE123456789"))).isEmpty();
    }
}
