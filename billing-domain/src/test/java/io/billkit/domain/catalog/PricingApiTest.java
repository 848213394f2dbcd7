package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Price.GraduatedPercentage;
import io.billkit.domain.catalog.Price.GraduatedPercentage.PercentBand;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;
import io.billkit.domain.time.CustomerCalendar;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The builders and factories of the pricing API, and the percentage charge models, to the cent. */
class PricingApiTest {

    private static final Price TOKENS = Price.graduatedIn("USD")
            .upTo(100_000, "0")
            .upTo(1_000_000, "0.00002")
            .above("0.00001");

    @Test
    void a_tier_table_takes_the_currency_once_and_charges_rounded_money() {
        // 100,000 free + 900,000 x 0.00002 = 18.00 + 250,000 x 0.00001 = 2.50
        assertThat(TOKENS.charge(1_250_000)).isEqualTo(Money.of("20.50", "USD"));
        assertThat(TOKENS.charge(100_000)).isEqualTo(Money.of("0.00", "USD"));
        assertThat(TOKENS).isEqualTo(Price.graduated(List.of(
                Tier.bounded(100_000, UnitPrice.of("0", "USD")),
                Tier.bounded(1_000_000, UnitPrice.of("0.00002", "USD")),
                Tier.open(UnitPrice.of("0.00001", "USD")))));
    }

    @Test
    void charge_rounds_the_exact_amount_once_half_up() {
        Price perCall = Price.perUnit("0.00003", "USD");
        assertThat(perCall.exactAmount(BigDecimal.valueOf(1_234_567))).isEqualByComparingTo("37.03701");
        assertThat(perCall.charge(1_234_567)).isEqualTo(Money.of("37.04", "USD"));
        assertThat(Price.perPackage("0.50", "USD", 1_000).charge(2_500_001)).isEqualTo(Money.of("1250.50", "USD"));
    }

    @Test
    void the_breakdown_lists_units_price_and_amount_per_tier_and_adds_up() {
        List<TierCharge> tiers = TOKENS.breakdown(BigDecimal.valueOf(1_250_000));
        assertThat(tiers).extracting(TierCharge::units).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal("100000"), new BigDecimal("900000"), new BigDecimal("250000"));
        assertThat(tiers).extracting(TierCharge::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("18.00"), new BigDecimal("2.50"));
        assertThat(tiers.get(2).firstUnit()).isEqualByComparingTo("1000000");
        assertThat(tiers.get(2).upTo()).isEmpty();

        Price volume = Price.volumeIn("USD").upTo(1_000, "0.10").above("0.05", "20.00");
        assertThat(volume.breakdown(BigDecimal.valueOf(2_000))).singleElement().satisfies(t -> {
            assertThat(t.tier()).isEqualTo(2);
            assertThat(t.amount()).isEqualByComparingTo("120.00");
        });
    }

    /** Stripe: a tier's flat_amount is charged "regardless of the number of units in the tier". */
    @Test
    void a_first_tier_flat_fee_is_charged_at_zero_usage_for_graduated_and_volume_tiers() {
        Price graduated = Price.graduatedIn("USD").upTo(1_000, "0").flatFee("5.00").above("0.01");
        Price volume = Price.volumeIn("USD").upTo(1_000, "0").flatFee("5.00").above("0.01");
        assertThat(graduated.charge(0)).isEqualTo(Money.of("5.00", "USD"));
        assertThat(volume.charge(0)).isEqualTo(Money.of("5.00", "USD"));
        assertThat(graduated.charge(1_500)).isEqualTo(Money.of("10.00", "USD"));
    }

    @Test
    void unit_prices_carry_fourteen_decimals_like_stripe_unit_amount_decimal() {
        // Stripe: unit_amount_decimal is in cents with at most 12 decimals = 14 decimals of a dollar.
        Price price = Price.perUnit("0.00000000000001", "USD");
        assertThat(price.exactAmount(new BigDecimal("1000000000000000"))).isEqualByComparingTo("10");
        assertThatThrownBy(() -> UnitPrice.of("0.000000000000001", "USD")).isInstanceOf(BillingException.class);
    }

    @Test
    void a_percentage_applies_its_rate_to_a_summed_amount() {
        Price card = Price.percentage("2.9", "USD");
        // 2.9 % of USD 12,345.67 = 358.02443 -> 358.02
        assertThat(card.charge(new BigDecimal("12345.67"))).isEqualTo(Money.of("358.02", "USD"));
    }

    @Test
    void a_percentage_charges_fixed_fee_minimum_and_maximum_per_transaction() {
        Price.Percentage card = Price.percentage("2.9", "USD").withFixedFee("0.30").withMinimum("0.50")
                .withMaximum("25.00");
        // 10.00: 0.29 + 0.30 = 0.59; 5.00: 0.145 + 0.30 = 0.445 -> min 0.50; 1,000.00: 29.30 -> max 25.00;
        // 100.00: 3.20. Sum 0.59 + 0.50 + 25.00 + 3.20 = 29.29
        List<BigDecimal> transactions = List.of(new BigDecimal("10.00"), new BigDecimal("5.00"),
                new BigDecimal("1000.00"), new BigDecimal("100.00"));
        assertThat(card.exactAmountOfTransaction(new BigDecimal("5.00"))).isEqualByComparingTo("0.50");
        assertThat(card.chargeTransactions(transactions)).isEqualTo(Money.of("29.29", "USD"));
        assertThat(card.describe()).isEqualTo("2.9 % + USD 0.30 per transaction, min USD 0.50, max USD 25.00");
        assertThatThrownBy(() -> Price.percentage("2.9", "USD").withMinimum("5").withMaximum("1"))
                .isInstanceOf(BillingException.class).hasMessageContaining("exceeds maximum");
        assertThatThrownBy(() -> Price.percentage("101", "USD")).hasMessageContaining("[0, 100]");
    }

    @Test
    void graduated_percentage_bands_charge_each_band_of_the_amount_at_its_rate() {
        Price tiers = GraduatedPercentage.of("USD", PercentBand.upTo("10000", "2.9"),
                PercentBand.upTo("100000", "2.5"), PercentBand.above("2.0"));
        // 10,000 x 2.9 % = 290.00; 90,000 x 2.5 % = 2,250.00; 23,456.78 x 2 % = 469.1356 -> 3,009.14
        assertThat(tiers.charge(new BigDecimal("123456.78"))).isEqualTo(Money.of("3009.14", "USD"));
        assertThat(tiers.charge(new BigDecimal("9999.99"))).isEqualTo(Money.of("290.00", "USD"));
        assertThat(tiers.charge(BigDecimal.ZERO)).isEqualTo(Money.of("0.00", "USD"));
    }

    @Test
    void a_plan_builder_names_every_argument_and_defaults_the_rest() {
        MeterKey calls = MeterKey.of("api_calls");
        Plan plan = Plan.builder("growth", "Growth", "USD")
                .basePrice("499.00").trialDays(14)
                .meter(calls, Allowance.soft(1_000_000, Window.PERIOD), Price.perPackage("0.10", "USD", 1_000))
                .build();
        assertThat(plan.interval()).isEqualTo(BillingInterval.MONTH);
        assertThat(plan.basePrice()).isEqualTo(Money.of("499.00", "USD"));
        assertThat(plan.trialDays()).isEqualTo(14);
        assertThat(plan.includedCredits()).isEqualByComparingTo("0");
        assertThat(plan.requireTerms(calls).overagePrice().charge(1_200_000 - 1_000_000))
                .isEqualTo(Money.of("20.00", "USD"));
        assertThat(Plan.builder("annual", "Annual", "USD").yearly().build().interval()).isEqualTo(BillingInterval.YEAR);
    }

    @Test
    void a_day_window_needs_no_billing_period() {
        CustomerCalendar tokyo = new CustomerCalendar(ZoneId.of("Asia/Tokyo"));
        Instant at = Instant.parse("2026-03-01T16:00:00Z");
        assertThat(tokyo.window(Window.DAY, at)).isEqualTo(tokyo.day(at));
        assertThatThrownBy(() -> tokyo.window(Window.PERIOD, at)).isInstanceOf(BillingException.class);
        assertThat(Optional.of(tokyo.window(Window.MONTH, at))).contains(tokyo.month(at));
    }
}
