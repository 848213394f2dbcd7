package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.invoice.InvoiceLine.AdjustmentLine;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.invoice.InvoiceLine.CreditAppliedLine;
import io.billkit.domain.invoice.InvoiceLine.ProrationLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceTotalsTest {
    private static final Currency USD = Money.currency("USD");
    private static final Currency JPY = Money.currency("JPY");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void subtotal_credits_tax_and_total_follow_the_lines() {
        List<InvoiceLine> lines = List.of(
                new BaseFeeLine("Growth plan", PlanCode.of("growth"), usd("499.00")),
                new UsageLine("Overage", MeterKey.of("impressions"), new BigDecimal("12500000"),
                        new BigDecimal("10000000"), new BigDecimal("2500000"), "USD 0.5 per 1000 units", usd("1250.00")),
                new ProrationLine("Unused Starter time", usd("-49.50")),
                new AdjustmentLine("Goodwill", usd("-0.50")),
                new CreditAppliedLine("Credits applied", usd("-100.00")));

        InvoiceTotals totals = InvoiceTotals.of(USD, lines, new BigDecimal("0.20"));

        assertThat(totals.subtotal()).isEqualTo(usd("1699.00"));
        assertThat(totals.credits()).isEqualTo(usd("-100.00"));
        assertThat(totals.taxable()).isEqualTo(usd("1599.00"));
        assertThat(totals.tax()).isEqualTo(usd("319.80"));
        assertThat(totals.total()).isEqualTo(usd("1918.80"));
        assertThat(totals.amountPaid()).isEqualTo(usd("0.00"));
        assertThat(totals.amountDue()).isEqualTo(usd("1918.80"));
    }

    @Test
    void tax_is_rounded_half_up_once_on_the_taxable_amount() {
        // 0.25 x 0.10 = 0.025 -> 0.03 (HALF_UP; HALF_EVEN would give 0.02)
        InvoiceTotals totals = InvoiceTotals.of(USD, List.of(new AdjustmentLine("Fee", usd("0.25"))), new BigDecimal("0.10"));
        assertThat(totals.tax()).isEqualTo(usd("0.03"));
        assertThat(totals.total()).isEqualTo(usd("0.28"));
    }

    @Test
    void credits_larger_than_the_charges_leave_nothing_taxable_and_a_zero_total() {
        InvoiceTotals totals = InvoiceTotals.of(USD, List.of(
                new AdjustmentLine("Fee", usd("10.00")),
                new CreditAppliedLine("Credits", usd("-25.00"))), new BigDecimal("0.20"));
        assertThat(totals.taxable()).isEqualTo(usd("0.00"));
        assertThat(totals.tax()).isEqualTo(usd("0.00"));
        assertThat(totals.total()).isEqualTo(usd("0.00"));
    }

    @Test
    void amount_due_is_total_minus_amount_paid() {
        InvoiceTotals totals = InvoiceTotals.of(USD, List.of(new AdjustmentLine("Fee", usd("100.00"))),
                BigDecimal.ZERO, usd("40.00"));
        assertThat(totals.amountDue()).isEqualTo(usd("60.00"));
    }

    @Test
    void empty_invoice_has_zero_totals() {
        InvoiceTotals totals = InvoiceTotals.of(USD, List.of(), new BigDecimal("0.20"));
        assertThat(totals.total().isZero()).isTrue();
        assertThat(totals.amountDue().isZero()).isTrue();
    }

    @Test
    void a_line_in_another_currency_is_a_currency_mismatch() {
        assertThatThrownBy(() -> InvoiceTotals.of(USD, List.of(new AdjustmentLine("Fee", Money.of("100", "JPY"))), BigDecimal.ZERO))
                .isInstanceOf(BillingException.class)
                .extracting(e -> ((BillingException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void a_zero_decimal_currency_rounds_tax_to_whole_units() {
        InvoiceTotals totals = InvoiceTotals.of(JPY, List.of(new AdjustmentLine("Fee", Money.of("1005", "JPY"))),
                new BigDecimal("0.10"));
        assertThat(totals.tax()).isEqualTo(Money.of("101", "JPY"));
        assertThat(totals.total()).isEqualTo(Money.of("1106", "JPY"));
    }

    @Test
    void totals_that_do_not_add_up_cannot_be_constructed() {
        assertThatThrownBy(() -> new InvoiceTotals(usd("10.00"), usd("0.00"), usd("10.00"), usd("2.00"),
                usd("12.01"), usd("0.00"), usd("12.01"))).isInstanceOf(BillingException.class).hasMessageContaining("total");
        assertThatThrownBy(() -> new InvoiceTotals(usd("10.00"), usd("1.00"), usd("11.00"), usd("0.00"),
                usd("11.00"), usd("0.00"), usd("11.00"))).isInstanceOf(BillingException.class).hasMessageContaining("credits");
    }

    @Test
    void tax_rate_must_be_a_fraction_below_one() {
        assertThatThrownBy(() -> InvoiceTotals.of(USD, List.of(), new BigDecimal("-0.01"))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> InvoiceTotals.of(USD, List.of(), BigDecimal.ONE)).isInstanceOf(BillingException.class);
    }

    @Test
    void totals_always_equal_the_sums_of_random_line_sets() {
        Random random = new Random(20_261_101L);
        for (int run = 0; run < 2_000; run++) {
            List<InvoiceLine> lines = randomLines(random);
            BigDecimal rate = BigDecimal.valueOf(random.nextInt(3_000), 4); // 0 .. 29.99 %
            long paidCents = random.nextInt(3) == 0 ? random.nextInt(1_000_000) : 0;

            InvoiceTotals totals = InvoiceTotals.of(USD, lines, rate, Money.ofMinor(paidCents, USD));

            long charges = 0;
            long credits = 0;
            for (InvoiceLine line : lines) {
                long cents = line.amount().toMinor();
                if (line instanceof CreditAppliedLine) {
                    credits += cents;
                } else {
                    charges += cents;
                }
            }
            long taxable = Math.max(0, charges + credits);
            long tax = BigDecimal.valueOf(taxable).multiply(rate).setScale(0, RoundingMode.HALF_UP).longValueExact();
            String context = "run " + run + " lines " + lines + " rate " + rate;
            assertThat(totals.subtotal().toMinor()).as(context).isEqualTo(charges);
            assertThat(totals.credits().toMinor()).as(context).isEqualTo(credits);
            assertThat(totals.taxable().toMinor()).as(context).isEqualTo(taxable);
            assertThat(totals.tax().toMinor()).as(context).isEqualTo(tax);
            assertThat(totals.total().toMinor()).as(context).isEqualTo(taxable + tax);
            assertThat(totals.amountDue().toMinor()).as(context).isEqualTo(taxable + tax - paidCents);
            assertThat(totals.total().isNegative()).as(context).isFalse();
        }
    }

    private static List<InvoiceLine> randomLines(Random random) {
        int count = random.nextInt(12);
        List<InvoiceLine> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long cents = random.nextInt(500_000);
            Money positive = Money.ofMinor(cents, USD);
            Money signed = Money.ofMinor(random.nextBoolean() ? cents : -cents, USD);
            lines.add(switch (random.nextInt(5)) {
                case 0 -> new BaseFeeLine("Base", PlanCode.of("growth"), positive);
                case 1 -> new UsageLine("Overage", MeterKey.of("api_calls"), BigDecimal.valueOf(cents + 10),
                        BigDecimal.TEN, BigDecimal.valueOf(cents), "USD 0.01 per unit", positive);
                case 2 -> new ProrationLine("Proration", signed);
                case 3 -> new CreditAppliedLine("Credits", positive.negate());
                default -> new AdjustmentLine("Adjustment", signed);
            });
        }
        return lines;
    }
}
