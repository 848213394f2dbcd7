package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceNumberTest {

    @Test
    void formats_year_and_zero_padded_sequence() {
        assertThat(InvoiceNumber.of(2026, 42)).hasToString("INV-2026-000042");
        assertThat(InvoiceNumber.first(2027)).hasToString("INV-2027-000001");
        assertThat(InvoiceNumber.of(2026, 1_234_567)).hasToString("INV-2026-1234567");
    }

    @Test
    void parse_is_the_inverse_of_toString() {
        assertThat(InvoiceNumber.parse("INV-2026-000042")).isEqualTo(InvoiceNumber.of(2026, 42));
        for (long sequence : new long[]{1, 9, 999_999, 1_000_000, InvoiceNumber.MAX_SEQUENCE}) {
            InvoiceNumber number = InvoiceNumber.of(2026, sequence);
            assertThat(InvoiceNumber.parse(number.toString())).isEqualTo(number);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "INV-2026-42", "INV-2026-0000042", "inv-2026-000042", "INV-26-000042",
            "INV-2026-000000", "INV-2026-000042 ", "BILL-2026-000042", "INV-0999-000001"})
    void rejects_text_that_is_not_a_canonical_number(String text) {
        assertThat(InvoiceNumber.isValid(text)).isFalse();
        assertThatThrownBy(() -> InvoiceNumber.parse(text)).isInstanceOf(BillingException.class);
    }

    @Test
    void rejects_out_of_range_year_and_sequence() {
        assertThatThrownBy(() -> InvoiceNumber.of(2026, 0)).isInstanceOf(BillingException.class).hasMessageContaining("sequence");
        assertThatThrownBy(() -> InvoiceNumber.of(2026, -1)).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> InvoiceNumber.of(2026, InvoiceNumber.MAX_SEQUENCE + 1)).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> InvoiceNumber.of(999, 1)).isInstanceOf(BillingException.class).hasMessageContaining("year");
        assertThatThrownBy(() -> InvoiceNumber.of(10_000, 1)).isInstanceOf(BillingException.class);
    }

    @Test
    void next_continues_the_same_year_without_gaps_and_numbers_order_by_year_then_sequence() {
        assertThat(InvoiceNumber.of(2026, 41).next()).isEqualTo(InvoiceNumber.of(2026, 42));
        assertThat(InvoiceNumber.of(2025, 999)).isLessThan(InvoiceNumber.of(2026, 1));
        assertThat(InvoiceNumber.of(2026, 2)).isGreaterThan(InvoiceNumber.of(2026, 1));
    }
}
