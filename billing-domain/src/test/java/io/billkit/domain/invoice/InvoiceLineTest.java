package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceLineTest {

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }

    @Test
    void credit_lines_are_the_only_lines_that_are_not_charges() {
        assertThat(new BaseFeeLine("Growth", PlanCode.of("growth"), usd("499.00")).isCharge()).isTrue();
        assertThat(new ProrationLine("Unused time", usd("-10.00")).isCharge()).isTrue();
        assertThat(new AdjustmentLine("Goodwill", usd("-5.00")).isCharge()).isTrue();
        assertThat(new CreditAppliedLine("Credits", usd("-5.00")).isCharge()).isFalse();
    }

    @Test
    void a_credit_applied_line_is_zero_or_negative() {
        assertThat(new CreditAppliedLine("Credits", usd("0.00")).amount().isZero()).isTrue();
        assertThatThrownBy(() -> new CreditAppliedLine("Credits", usd("0.01")))
                .isInstanceOf(BillingException.class).hasMessageContaining("zero or negative");
    }

    @Test
    void base_fee_and_usage_amounts_are_never_negative_but_prorations_and_adjustments_may_be() {
        assertThatThrownBy(() -> new BaseFeeLine("Growth", PlanCode.of("growth"), usd("-1.00")))
                .isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new UsageLine("Overage", MeterKey.of("api_calls"), n("10"), n("5"), n("5"), "p", usd("-0.01")))
                .isInstanceOf(BillingException.class);
        assertThat(new ProrationLine("Refund", usd("-250.00")).amount()).isEqualTo(usd("-250.00"));
        assertThat(new AdjustmentLine("Discount", usd("-1.00")).amount()).isEqualTo(usd("-1.00"));
    }

    @Test
    void a_usage_line_never_bills_more_units_than_were_used_nor_negative_quantities() {
        assertThatThrownBy(() -> new UsageLine("Overage", MeterKey.of("api_calls"), n("10"), n("0"), n("11"), "p", usd("1.00")))
                .isInstanceOf(BillingException.class).hasMessageContaining("exceeds");
        assertThatThrownBy(() -> new UsageLine("Overage", MeterKey.of("api_calls"), n("-1"), n("0"), n("0"), "p", usd("0.00")))
                .isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new UsageLine("Overage", MeterKey.of("api_calls"), n("1"), n("-1"), n("0"), "p", usd("0.00")))
                .isInstanceOf(BillingException.class);
    }

    @Test
    void a_line_needs_a_description() {
        assertThatThrownBy(() -> new AdjustmentLine(" ", usd("1.00"))).isInstanceOf(BillingException.class)
                .hasMessageContaining("description");
        assertThatThrownBy(() -> new ProrationLine(null, usd("1.00"))).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("description");
    }

    @Test
    void tax_label_prints_the_rate_as_a_percentage() {
        assertThat(TaxLine.label(n("0.20"))).isEqualTo("Tax (20%)");
        assertThat(TaxLine.label(n("0.075"))).isEqualTo("Tax (7.5%)");
        assertThat(TaxLine.label(BigDecimal.ZERO)).isEqualTo("Tax (0%)");
    }
}
