package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceTest {

    private static UnitPrice usd(String amount) {
        return UnitPrice.of(amount, "USD");
    }

    private static BigDecimal units(long n) {
        return BigDecimal.valueOf(n);
    }

    @Test
    void per_unit_price_multiplies_exactly_without_rounding() {
        Price tokens = Price.perUnit(usd("0.00003"));
        assertThat(tokens.exactAmount(units(1_000_001))).isEqualByComparingTo("30.00003");
        assertThat(tokens.exactAmount(BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void package_price_counts_a_started_package_whole() {
        Price impressions = Price.perPackage(usd("0.50"), 1_000);
        assertThat(impressions.exactAmount(units(2_500_000))).isEqualByComparingTo("1250.00");
        assertThat(impressions.exactAmount(units(1))).isEqualByComparingTo("0.50");
        assertThat(impressions.exactAmount(units(1_000))).isEqualByComparingTo("0.50");
        assertThat(impressions.exactAmount(units(1_001))).isEqualByComparingTo("1.00");
        assertThat(impressions.exactAmount(BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void graduated_tiers_charge_each_band_at_its_own_price() {
        Price graduated = Price.graduated(List.of(
                Tier.bounded(1_000, usd("0.10")),
                Tier.bounded(10_000, usd("0.05")),
                Tier.open(usd("0.01"))));
        // 1,000 x 0.10 + 9,000 x 0.05 + 5,000 x 0.01 = 100 + 450 + 50
        assertThat(graduated.exactAmount(units(15_000))).isEqualByComparingTo("600.00");
        assertThat(graduated.exactAmount(units(1_000))).isEqualByComparingTo("100.00");
        assertThat(graduated.exactAmount(units(1_001))).isEqualByComparingTo("100.05");
        assertThat(graduated.exactAmount(BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    /**
     * Stripe's rule, followed here: {@code price.tiers[].flat_amount} is "the flat billing amount for an
     * entire tier, regardless of the number of units in the tier" (Stripe API reference, Prices, create,
     * tiers.flat_amount), and a quantity of 0 falls in the first tier, so the first tier's flat fee is
     * charged at zero usage. Later bands' fees are charged once usage reaches them.
     */
    @Test
    void graduated_flat_fees_are_charged_once_each_band_is_reached_and_the_first_one_at_zero_usage() {
        Price graduated = Price.graduated(List.of(
                Tier.bounded(100, usd("0")).withFlatFee(Money.of("10.00", "USD")),
                Tier.open(usd("0.20")).withFlatFee(Money.of("5.00", "USD"))));
        assertThat(graduated.exactAmount(units(0))).isEqualByComparingTo("10.00");
        assertThat(graduated.exactAmount(units(1))).isEqualByComparingTo("10.00");
        assertThat(graduated.exactAmount(units(100))).isEqualByComparingTo("10.00");
        assertThat(graduated.exactAmount(units(101))).isEqualByComparingTo("15.20");
    }

    @Test
    void volume_tiers_price_every_unit_at_the_band_the_total_falls_in() {
        Price volume = Price.volume(List.of(
                Tier.bounded(1_000, usd("0.10")),
                Tier.bounded(10_000, usd("0.05")),
                Tier.open(usd("0.01")).withFlatFee(Money.of("20.00", "USD"))));
        assertThat(volume.exactAmount(units(1_000))).isEqualByComparingTo("100.00");
        assertThat(volume.exactAmount(units(1_001))).isEqualByComparingTo("50.05");
        assertThat(volume.exactAmount(units(15_000))).isEqualByComparingTo("170.00");
        assertThat(volume.exactAmount(BigDecimal.ZERO)).isEqualByComparingTo("0");
    }

    @Test
    void a_tier_with_a_package_size_charges_started_packages() {
        Price graduated = Price.graduated(List.of(
                Tier.bounded(10_000, usd("0")),
                Tier.open(usd("2.00")).withPackageSize(1_000)));
        assertThat(graduated.exactAmount(units(10_001))).isEqualByComparingTo("2.00");
        assertThat(graduated.exactAmount(units(12_000))).isEqualByComparingTo("4.00");
        assertThat(graduated.exactAmount(units(12_001))).isEqualByComparingTo("6.00");
    }

    @Test
    void tiers_must_be_ordered_and_only_the_last_open() {
        assertThatThrownBy(() -> Price.graduated(List.of(Tier.open(usd("1")), Tier.open(usd("1")))))
                .isInstanceOf(BillingException.class).hasMessageContaining("only the last tier is open");
        assertThatThrownBy(() -> Price.graduated(List.of(Tier.bounded(10, usd("1")), Tier.bounded(5, usd("1")), Tier.open(usd("1")))))
                .hasMessageContaining("increase");
        assertThatThrownBy(() -> Price.volume(List.of())).hasMessageContaining("at least one tier");
        assertThatThrownBy(() -> Price.volume(List.of(Tier.bounded(10, usd("1")), Tier.open(UnitPrice.of("1", "EUR")))))
                .hasMessageContaining("currency");
    }

    @Test
    void negative_units_are_refused() {
        assertThatThrownBy(() -> Price.perUnit(usd("1")).exactAmount(units(-1)))
                .isInstanceOf(BillingException.class).hasMessageContaining("negative");
    }
}
