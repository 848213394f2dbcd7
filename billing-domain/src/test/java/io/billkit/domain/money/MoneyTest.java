package io.billkit.domain.money;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MoneyTest {

    @Test
    void amounts_are_normalised_to_the_currency_minor_unit() {
        assertThat(Money.of("12.5", "USD").amount()).isEqualByComparingTo("12.50");
        assertThat(Money.of("12.5", "USD").amount().scale()).isEqualTo(2);
        assertThat(Money.of("1000", "JPY").amount().scale()).isZero();
        assertThat(Money.of("1.234", "BHD").amount().scale()).isEqualTo(3);
        assertThat(Money.of("12.5", "USD")).isEqualTo(Money.of("12.50", "USD"));
    }

    @Test
    void more_decimals_than_the_currency_allows_is_refused_instead_of_silently_rounded() {
        assertThatThrownBy(() -> Money.of("1.005", "USD"))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("more decimals than USD");
        assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(BillingException.class);
    }

    @Test
    void mixed_currency_arithmetic_throws_currency_mismatch() {
        Money usd = Money.of("1.00", "USD");
        Money eur = Money.of("1.00", "EUR");
        assertThatThrownBy(() -> usd.plus(eur))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH))
                .hasMessageContaining("USD").hasMessageContaining("EUR");
        assertThatThrownBy(() -> usd.minus(eur)).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> usd.compareTo(eur)).isInstanceOf(BillingException.class);
    }

    @Test
    void multiplication_rounds_with_the_explicit_mode() {
        Money price = Money.of("0.05", "USD");
        assertThat(price.times(new BigDecimal("0.5"), RoundingMode.HALF_UP)).isEqualTo(Money.of("0.03", "USD"));
        assertThat(price.times(new BigDecimal("0.5"), RoundingMode.HALF_EVEN)).isEqualTo(Money.of("0.02", "USD"));
        assertThat(price.times(new BigDecimal("0.5"), RoundingMode.DOWN)).isEqualTo(Money.of("0.02", "USD"));
    }

    @Test
    void division_by_zero_is_a_clear_error() {
        assertThatThrownBy(() -> Money.of("10.00", "USD").dividedBy(BigDecimal.ZERO, RoundingMode.HALF_UP))
                .isInstanceOf(BillingException.class).hasMessageContaining("zero");
        assertThat(Money.of("10.00", "USD").dividedBy(new BigDecimal("3"), RoundingMode.HALF_UP))
                .isEqualTo(Money.of("3.33", "USD"));
    }

    @Test
    void minor_units_round_trip_for_two_and_zero_decimal_currencies() {
        Money usd = Money.ofMinor(125_000, Money.currency("USD"));
        assertThat(usd).isEqualTo(Money.of("1250.00", "USD"));
        assertThat(usd.toMinor()).isEqualTo(125_000L);
        assertThat(Money.ofMinor(500, Money.currency("JPY")).toMinor()).isEqualTo(500L);
        assertThat(Money.of("-3.07", "USD").toMinor()).isEqualTo(-307L);
    }

    @Test
    void comparisons_and_signs() {
        Money a = Money.of("1.00", "USD");
        Money b = Money.of("2.00", "USD");
        assertThat(a.isLessThan(b)).isTrue();
        assertThat(b.isGreaterThan(a)).isTrue();
        assertThat(a.isEqualTo(Money.of("1", "USD"))).isTrue();
        assertThat(a.minus(b).isNegative()).isTrue();
        assertThat(a.minus(b).abs()).isEqualTo(a);
        assertThat(Money.zero("USD").isZero()).isTrue();
        assertThat(a.max(b)).isEqualTo(b);
        assertThat(a.min(b)).isEqualTo(a);
        assertThat(a.toString()).isEqualTo("USD 1.00");
    }

    @Test
    void unknown_currency_code_is_named_in_the_error() {
        assertThatThrownBy(() -> Money.of("1", "XYZ1")).hasMessageContaining("XYZ1");
    }

    @Test
    void rounding_policy_rounds_half_up_once_to_the_minor_unit() {
        assertThat(RoundingPolicy.PER_LINE_HALF_UP.round(new BigDecimal("0.125"), Money.currency("USD")))
                .isEqualTo(Money.of("0.13", "USD"));
        assertThat(RoundingPolicy.PER_LINE_HALF_EVEN.round(new BigDecimal("0.125"), Money.currency("USD")))
                .isEqualTo(Money.of("0.12", "USD"));
        assertThat(RoundingPolicy.PER_LINE_HALF_UP.round(new BigDecimal("-0.125"), Money.currency("USD")))
                .isEqualTo(Money.of("-0.13", "USD"));
    }

    @Test
    void unit_price_keeps_twelve_decimals_and_refuses_more_or_negative() {
        UnitPrice token = UnitPrice.of("0.00003", "USD");
        assertThat(token.extend(new BigDecimal("1234567"))).isEqualByComparingTo("37.03701");
        assertThat(UnitPrice.of("0.00000000000001", "USD").amount().scale()).isEqualTo(14);
        assertThatThrownBy(() -> UnitPrice.of("0.000000000000001", "USD")).hasMessageContaining("14 decimals");
        assertThatThrownBy(() -> UnitPrice.of("-0.01", "USD")).hasMessageContaining("negative");
    }
}
