package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UsageThresholdsTest {
    private static final java.util.Currency USD = Money.currency("USD");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void one_off_levels_then_a_recurring_step_past_the_last() {
        UsageThresholds t = new UsageThresholds(USD, List.of(usd("100.00"), usd("500.00")), Optional.of(usd("1000.00")));
        assertThat(t.levelReached(usd("99.99"))).isEmpty();
        assertThat(t.levelReached(usd("100.00"))).contains(usd("100.00"));
        assertThat(t.levelReached(usd("499.99"))).contains(usd("100.00"));
        assertThat(t.levelReached(usd("500.00"))).contains(usd("500.00"));
        assertThat(t.levelReached(usd("1499.99"))).contains(usd("500.00"));
        assertThat(t.levelReached(usd("1500.00"))).contains(usd("1500.00"));
        assertThat(t.levelReached(usd("4321.00"))).contains(usd("3500.00"));
    }

    @Test
    void only_a_recurring_step_counts_from_zero_and_only_one_offs_stop_at_the_last() {
        UsageThresholds every = new UsageThresholds(USD, List.of(), Optional.of(usd("150.00")));
        assertThat(every.levelReached(usd("149.99"))).isEmpty();
        assertThat(every.levelReached(usd("150.00"))).contains(usd("150.00"));
        assertThat(every.levelReached(usd("450.01"))).contains(usd("450.00"));
        UsageThresholds once = new UsageThresholds(USD, List.of(usd("100.00")), Optional.empty());
        assertThat(once.levelReached(usd("1000000.00"))).contains(usd("100.00"));
    }

    @Test
    void invalid_thresholds_are_refused() {
        assertThatThrownBy(() -> new UsageThresholds(USD, List.of(), Optional.empty())).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new UsageThresholds(USD, List.of(usd("5.00"), usd("5.00")), Optional.empty()))
                .isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new UsageThresholds(USD, List.of(usd("0.00")), Optional.empty()))
                .isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new UsageThresholds(USD, List.of(Money.of("5.00", "EUR")), Optional.empty()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void the_remaining_tax_is_the_whole_minus_what_was_charged_per_tax_line() {
        Money base = usd("2201.50");
        InvoiceTax whole = InvoiceTax.calculated(TaxInclusion.EXCLUSIVE, List.of(new TaxLine("VAT (10%)",
                new BigDecimal("0.10"), base, usd("220.15"))), List.of());
        Invoice billed = new Invoice(InvoiceId.of("inv_1"), io.billkit.domain.customer.CustomerId.of("c"),
                io.billkit.domain.subscription.SubscriptionId.of("s"), USD, java.time.LocalDate.parse("2026-01-01"),
                java.time.LocalDate.parse("2026-02-01"), InvoiceStatus.DRAFT, List.of(new InvoiceLine.AdjustmentLine(
                "usage", usd("172.35"))), Optional.empty(), InvoiceTax.calculated(TaxInclusion.EXCLUSIVE,
                List.of(new TaxLine("VAT (10%)", new BigDecimal("0.10"), usd("172.35"), usd("17.24"))), List.of()),
                30, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                InvoiceKind.THRESHOLD);
        InvoiceTax rest = ProgressiveBilling.remainingTax(whole, List.of(billed)).orElseThrow();
        assertThat(rest.lines()).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(usd("202.91"));
            assertThat(line.taxable()).isEqualTo(usd("2029.15"));
        });
        InvoiceTax otherRate = InvoiceTax.calculated(TaxInclusion.EXCLUSIVE, List.of(new TaxLine("VAT (19%)",
                new BigDecimal("0.19"), base, usd("418.29"))), List.of());
        assertThat(ProgressiveBilling.remainingTax(otherRate, List.of(billed))).as("a changed rate: no split").isEmpty();
    }
}
