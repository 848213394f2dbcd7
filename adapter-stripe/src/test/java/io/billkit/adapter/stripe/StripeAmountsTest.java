package io.billkit.adapter.stripe;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeAmountsTest {

    @Test
    void two_decimal_currencies_go_to_stripe_in_cents() {
        assertThat(StripeAmounts.toStripe(Money.of("499.00", "USD"))).isEqualTo(49_900L);
        assertThat(StripeAmounts.toStripe(Money.of("0.01", "EUR"))).isEqualTo(1L);
        assertThat(StripeAmounts.toStripe(Money.of("-12.34", "USD"))).isEqualTo(-1_234L);
    }

    @Test
    void zero_decimal_currencies_go_to_stripe_in_whole_units() {
        assertThat(StripeAmounts.toStripe(Money.of("1500", "JPY"))).isEqualTo(1_500L);
        assertThat(StripeAmounts.toStripe(Money.of("25000", "KRW"))).isEqualTo(25_000L);
        assertThat(StripeAmounts.fromStripe(1_500L, "jpy")).isEqualTo(Money.of("1500", "JPY"));
    }

    @Test
    void three_decimal_currencies_keep_their_three_decimals() {
        assertThat(StripeAmounts.toStripe(Money.of("1.250", "KWD"))).isEqualTo(1_250L);
        assertThat(StripeAmounts.fromStripe(1_250L, "kwd").amount()).isEqualByComparingTo("1.250");
    }

    @Test
    void icelandic_krona_is_sent_as_two_decimal_amounts_as_stripe_requires() {
        assertThat(StripeAmounts.toStripe(Money.of("100", "ISK"))).isEqualTo(10_000L);
        assertThat(StripeAmounts.fromStripe(10_000L, "isk")).isEqualTo(Money.of("100", "ISK"));
    }

    @Test
    void an_amount_finer_than_stripes_unit_is_refused_not_rounded() {
        // ISO gives MGA two decimals, Stripe none
        assertThatThrownBy(() -> StripeAmounts.toStripe(Money.of("10.50", "MGA")))
                .isInstanceOf(BillingException.class)
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("MGA");
        assertThat(StripeAmounts.toStripe(Money.of("10.00", "MGA"))).isEqualTo(10L);
    }

    @Test
    void a_stripe_amount_finer_than_billkits_unit_is_refused() {
        assertThatThrownBy(() -> StripeAmounts.fromStripe(10_050L, "isk"))
                .isInstanceOf(BillingException.class)
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void seed_credit_pack_price_converts_exactly_both_ways() {
        Money pack = Money.of("90.00", "USD"); // credits catalog pack_10k
        assertThat(StripeAmounts.fromStripe(StripeAmounts.toStripe(pack), "usd").isEqualTo(pack)).isTrue();
    }
}
