package io.billkit.domain.tax;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceTax;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.invoice.TaxLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaxRatingTest {
    private static final Currency CAD = Money.currency("CAD");

    private static Money cad(String amount) {
        return Money.of(amount, "CAD");
    }

    private static final List<InvoiceLine> LINES = List.of(
            new InvoiceLine.BaseFeeLine("Team plan", PlanCode.of("team"), cad("99.99")),
            new InvoiceLine.CreditAppliedLine("Credits applied", cad("-10.00")));

    @Test
    void exclusive_rates_each_get_a_line_on_the_base_after_credits() {
        // base 89.99; GST 5 % = 4.4995 -> 4.50; PST 7 % = 6.2993 -> 6.30
        InvoiceTax tax = TaxRating.standard(CAD, LINES, List.of(TaxRate.of("GST", "0.05"), TaxRate.of("PST", "0.07")),
                TaxInclusion.EXCLUSIVE, RoundingPolicy.PER_LINE_HALF_UP);

        assertThat(tax.lines()).containsExactly(
                new TaxLine("GST (5%)", new BigDecimal("0.05"), cad("89.99"), cad("4.50")),
                new TaxLine("PST (7%)", new BigDecimal("0.07"), cad("89.99"), cad("6.30")));
        InvoiceTotals totals = InvoiceTotals.of(CAD, LINES, tax, Money.zero(CAD));
        assertThat(totals.tax()).isEqualTo(cad("10.80"));
        assertThat(totals.total()).isEqualTo(cad("100.79"));
    }

    @Test
    void inclusive_rates_are_extracted_so_net_plus_tax_is_the_gross_amount() {
        // gross 89.99; net = 89.99 / 1.12 = 80.348... -> 80.35; GST = 80.35 x 0.05 = 4.0175 -> 4.02;
        // PST = 89.99 - 80.35 - 4.02 = 5.62
        InvoiceTax tax = TaxRating.standard(CAD, LINES, List.of(TaxRate.of("GST", "0.05"), TaxRate.of("PST", "0.07")),
                TaxInclusion.INCLUSIVE, RoundingPolicy.PER_LINE_HALF_UP);

        assertThat(tax.lines()).extracting(TaxLine::amount).containsExactly(cad("4.02"), cad("5.62"));
        InvoiceTotals totals = InvoiceTotals.of(CAD, LINES, tax, Money.zero(CAD));
        assertThat(totals.taxable()).isEqualTo(cad("80.35"));
        assertThat(totals.total()).isEqualTo(cad("89.99"));
    }

    @Test
    void yen_tax_is_rounded_to_the_whole_yen() {
        Currency jpy = Money.currency("JPY");
        List<InvoiceLine> lines = List.of(new InvoiceLine.BaseFeeLine("Team", PlanCode.of("team"), Money.of("1995", "JPY")));
        // 1,995 x 0.10 = 199.5 -> 200 (HALF_UP)
        InvoiceTax tax = TaxRating.standard(jpy, lines, List.of(TaxRate.of("Consumption tax", "0.10")),
                TaxInclusion.EXCLUSIVE, RoundingPolicy.PER_LINE_HALF_UP);
        assertThat(tax.amount(jpy)).isEqualTo(Money.of("200", "JPY"));
    }
}
