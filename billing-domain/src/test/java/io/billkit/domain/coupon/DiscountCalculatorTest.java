package io.billkit.domain.coupon;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.invoice.DiscountCalculator;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceLine.AdjustmentLine;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.invoice.InvoiceLine.DiscountLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DiscountCalculatorTest {
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    private static Coupon percent(String code, String percent, Set<MeterKey> meters) {
        return new Coupon(CouponCode.of(code), code, new Discount.PercentOff(new BigDecimal(percent)),
                CouponDuration.forever(), Set.of(), meters, Optional.empty(), Optional.empty(), T);
    }

    private static Coupon amount(String code, String amount, String currency) {
        return new Coupon(CouponCode.of(code), code, new Discount.AmountOff(Money.of(amount, currency)),
                CouponDuration.once(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), T);
    }

    private static BaseFeeLine base(String amount) {
        return new BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), Money.of(amount, "USD"));
    }

    private static UsageLine usage(MeterKey meter, String amount) {
        return new UsageLine(meter + " overage", meter, BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.TEN, "x",
                Money.of(amount, "USD"));
    }

    @Test
    void twenty_percent_of_all_charges_is_one_negative_line_rounded_half_even() {
        // 499.00 + 12.35 = 511.35; 20% = 102.27 exactly
        List<DiscountLine> lines = DiscountCalculator.discounts(List.of(base("499.00"),
                usage(SeedCatalogs.API_CALLS, "12.35")), List.of(percent("TWENTY", "20", Set.of())), USD);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).amount()).isEqualTo(Money.of("-102.27", "USD"));
        assertThat(lines.get(0).appliesTo()).isEqualTo("all charges");
        assertThat(lines.get(0).description()).isEqualTo("TWENTY (20% off)");
        assertThat(lines.get(0).coupon()).isEqualTo(CouponCode.of("TWENTY"));
    }

    @Test
    void a_half_cent_rounds_to_the_even_cent() {
        // 50% of 0.05 = 0.025 -> 0.02; 50% of 0.15 = 0.075 -> 0.08; 12.5% of 10.01 = 1.25125 -> 1.25
        assertThat(off("50", "0.05")).isEqualTo(Money.of("-0.02", "USD"));
        assertThat(off("50", "0.15")).isEqualTo(Money.of("-0.08", "USD"));
        assertThat(off("12.5", "10.01")).isEqualTo(Money.of("-1.25", "USD"));
    }

    private static Money off(String percent, String base) {
        return DiscountCalculator.discounts(List.of(base(base)), List.of(percent("P", percent, Set.of())), USD)
                .get(0).amount();
    }

    @Test
    void a_yen_discount_rounds_to_the_yen() {
        // 15% of JPY 1,003 = 150.45 -> JPY 150
        List<DiscountLine> lines = DiscountCalculator.discounts(
                List.of(new AdjustmentLine("Setup", Money.of("1003", "JPY"))),
                List.of(percent("YEN", "15", Set.of())), JPY);
        assertThat(lines.get(0).amount()).isEqualTo(Money.of("-150", "JPY"));
    }

    @Test
    void a_meter_coupon_discounts_only_that_meters_usage_line() {
        List<InvoiceLine> invoice = List.of(base("99.00"), usage(SeedCatalogs.API_CALLS, "30.00"),
                usage(SeedCatalogs.IMPRESSIONS, "40.00"));
        List<DiscountLine> lines = DiscountCalculator.discounts(invoice,
                List.of(percent("APIHALF", "50", Set.of(SeedCatalogs.API_CALLS))), USD);
        assertThat(lines.get(0).amount()).isEqualTo(Money.of("-15.00", "USD"));
        assertThat(lines.get(0).appliesTo()).isEqualTo("api_calls overage");
    }

    @Test
    void an_amount_off_larger_than_the_invoice_takes_the_invoice_to_zero_and_the_rest_is_lost() {
        List<InvoiceLine> invoice = List.of(base("99.00"), usage(SeedCatalogs.API_CALLS, "21.00"));
        List<InvoiceLine> all = DiscountCalculator.withDiscounts(invoice, List.of(amount("BIG", "500.00", "USD")), USD);
        assertThat(all.get(2).amount()).isEqualTo(Money.of("-120.00", "USD"));
        InvoiceTotals totals = InvoiceTotals.of(USD, all, new BigDecimal("0.20"));
        assertThat(totals.subtotal()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(totals.tax()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(totals.total()).isEqualTo(Money.of("0.00", "USD"));
    }

    @Test
    void coupons_apply_in_order_each_on_what_the_earlier_ones_left() {
        // 100.00 base + 50.00 usage: 30.00 off the usage meter first, then 10% of the 120.00 left = 12.00,
        // then 200 off takes the remaining 108.00; nothing more for a fourth
        List<InvoiceLine> invoice = List.of(base("100.00"), usage(SeedCatalogs.API_CALLS, "50.00"));
        Coupon meterAmount = new Coupon(CouponCode.of("API30"), "API30",
                new Discount.AmountOff(Money.of("30.00", "USD")), CouponDuration.once(), Set.of(),
                Set.of(SeedCatalogs.API_CALLS), Optional.empty(), Optional.empty(), T);
        List<DiscountLine> lines = DiscountCalculator.discounts(invoice, List.of(meterAmount,
                percent("TEN", "10", Set.of()), amount("ALL", "200.00", "USD"), percent("MORE", "5", Set.of())), USD);
        assertThat(lines).extracting(DiscountLine::amount).containsExactly(Money.of("-30.00", "USD"),
                Money.of("-12.00", "USD"), Money.of("-108.00", "USD"));
    }

    @Test
    void a_meter_coupon_never_takes_more_than_its_line_even_stacked() {
        // 100% off api_calls (30.00) then 50% off api_calls: nothing left for the second
        List<InvoiceLine> invoice = List.of(base("100.00"), usage(SeedCatalogs.API_CALLS, "30.00"));
        List<DiscountLine> lines = DiscountCalculator.discounts(invoice, List.of(
                percent("ALLAPI", "100", Set.of(SeedCatalogs.API_CALLS)),
                percent("HALFAPI", "50", Set.of(SeedCatalogs.API_CALLS))), USD);
        assertThat(lines).extracting(DiscountLine::amount).containsExactly(Money.of("-30.00", "USD"));
    }

    @Test
    void a_trial_adjustment_lowers_the_base_of_an_all_charges_coupon() {
        // base 99.00, trial -99.00, usage 10.00: 20% of 10.00 = 2.00
        List<InvoiceLine> invoice = List.of(base("99.00"), new AdjustmentLine("Free trial", Money.of("-99.00", "USD")),
                usage(SeedCatalogs.API_CALLS, "10.00"));
        assertThat(DiscountCalculator.discounts(invoice, List.of(percent("T", "20", Set.of())), USD))
                .extracting(DiscountLine::amount).containsExactly(Money.of("-2.00", "USD"));
    }

    @Test
    void nothing_to_discount_gives_no_line() {
        assertThat(DiscountCalculator.discounts(List.of(), List.of(percent("T", "20", Set.of())), USD)).isEmpty();
        assertThat(DiscountCalculator.discounts(List.of(base("99.00")),
                List.of(percent("T", "20", Set.of(SeedCatalogs.API_CALLS))), USD)).isEmpty();
    }

    @Test
    void an_amount_off_in_another_currency_is_refused() {
        assertThatThrownBy(() -> DiscountCalculator.discounts(List.of(base("99.00")),
                List.of(amount("EUR10", "10.00", "EUR")), USD))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void applicability_names_the_plan_the_currency_or_the_meters() {
        Plan growth = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));
        Coupon scaleOnly = new Coupon(CouponCode.of("SCALE"), "Scale", new Discount.PercentOff(BigDecimal.TEN),
                CouponDuration.once(), Set.of(PlanCode.of("scale")), Set.of(), Optional.empty(), Optional.empty(), T);
        assertThat(scaleOnly.notApplicableTo(growth)).hasValueSatisfying(r -> assertThat(r).contains("scale", "growth"));
        assertThat(amount("EUR10", "10.00", "EUR").notApplicableTo(growth)).hasValueSatisfying(r -> assertThat(r).contains("EUR"));
        assertThat(percent("AI", "10", Set.of(SeedCatalogs.AI_TOKENS)).notApplicableTo(growth)).isPresent();
        assertThat(percent("API", "10", Set.of(SeedCatalogs.API_CALLS)).notApplicableTo(growth)).isEmpty();
        assertThatThrownBy(() -> scaleOnly.requireApplicableTo(growth)).isInstanceOfSatisfying(BillingException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.COUPON_NOT_APPLICABLE));
    }

    @Test
    void redeem_by_is_exclusive_and_durations_count_periods() {
        Coupon c = new Coupon(CouponCode.of("SPRING"), "Spring", new Discount.PercentOff(BigDecimal.TEN),
                CouponDuration.repeating(3), Set.of(), Set.of(), Optional.of(5), Optional.of(T), T.minusSeconds(60));
        c.requireRedeemableAt(T.minusNanos(1));
        assertThatThrownBy(() -> c.requireRedeemableAt(T)).isInstanceOfSatisfying(BillingException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.COUPON_EXPIRED));
        assertThat(CouponDuration.repeating(3).coversNextPeriod(2)).isTrue();
        assertThat(CouponDuration.repeating(3).coversNextPeriod(3)).isFalse();
        assertThat(CouponDuration.once().coversNextPeriod(1)).isFalse();
        assertThat(CouponDuration.forever().coversNextPeriod(1000)).isTrue();
        assertThatThrownBy(() -> CouponDuration.repeating(0)).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new Discount.PercentOff(new BigDecimal("100.01"))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new Discount.PercentOff(new BigDecimal("1.00001"))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> CouponCode.of("lower")).isInstanceOf(BillingException.class);
    }
}
