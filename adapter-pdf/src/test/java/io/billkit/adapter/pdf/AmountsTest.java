package io.billkit.adapter.pdf;

import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AmountsTest {

    @Test
    void prints_code_grouped_thousands_and_the_minor_digits() {
        assertThat(Amounts.format(Money.of("1250.00", "USD"))).isEqualTo("USD 1,250.00");
        assertThat(Amounts.format(Money.of("1234567.5", "EUR"))).isEqualTo("EUR 1,234,567.50");
        assertThat(Amounts.format(Money.of("1500", "JPY"))).isEqualTo("JPY 1,500");
        assertThat(Amounts.format(Money.of("-10", "USD"))).isEqualTo("USD -10.00");
    }
}
