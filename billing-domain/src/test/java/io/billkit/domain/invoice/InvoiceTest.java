package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceLine.AdjustmentLine;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceTest {
    private static final Customer ACME = Customer.of(CustomerId.of("acme"), "Acme Ads", "billing@acme.test")
            .withTaxRate(new BigDecimal("0.20"));
    private static final SubscriptionId SUB = SubscriptionId.of("sub_1");
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final Instant CLOSE = Instant.parse("2026-04-01T02:00:00Z");
    private static final InvoiceNumber NUMBER = InvoiceNumber.of(2026, 42);

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static Invoice draft() {
        return Invoice.draft(InvoiceId.of("inv_1"), ACME, SUB, Money.currency("USD"), MARCH_1, APRIL_1)
                .addLine(new BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), usd("499.00")));
    }

    private static ErrorCode codeOf(Throwable e) {
        return ((BillingException) e).code();
    }

    @Test
    void a_new_draft_takes_the_customers_tax_rate_and_terms_and_has_no_number() {
        Invoice draft = Invoice.draft(InvoiceId.of("inv_1"), ACME.withPaymentTermsDays(14), SUB,
                Money.currency("USD"), MARCH_1, APRIL_1);
        assertThat(draft.status()).isEqualTo(InvoiceStatus.DRAFT);
        assertThat(draft.taxRate()).isEqualByComparingTo("0.20");
        assertThat(draft.paymentTermsDays()).isEqualTo(14);
        assertThat(draft.number()).isEmpty();
        assertThat(draft.dueDate()).isEmpty();
        assertThat(draft.issueDate()).isEmpty();
        assertThat(draft.lines()).isEmpty();
        assertThat(draft.periodEndInclusive()).isEqualTo(LocalDate.of(2026, 3, 31));
    }

    @Test
    void adding_lines_returns_a_new_draft_and_leaves_the_original_unchanged() {
        Invoice one = draft();
        Invoice two = one.addLine(new AdjustmentLine("Setup", usd("1.00")));
        assertThat(one.lines()).hasSize(1);
        assertThat(two.lines()).hasSize(2);
        assertThat(two.totals().subtotal()).isEqualTo(usd("500.00"));
    }

    @Test
    void totals_of_the_invoice_use_its_tax_rate() {
        InvoiceTotals totals = draft().totals();
        assertThat(totals.tax()).isEqualTo(usd("99.80"));
        assertThat(totals.total()).isEqualTo(usd("598.80"));
        assertThat(draft().taxLine()).isEqualTo(new TaxLine("Tax (20%)", new BigDecimal("0.20"), usd("499.00"), usd("99.80")));
    }

    @Test
    void finalize_assigns_the_number_and_due_date_net_30_from_the_issue_date() {
        Invoice open = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        assertThat(open.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(open.number()).contains(NUMBER);
        assertThat(open.finalizedAt()).contains(CLOSE);
        assertThat(open.issueDate()).contains(LocalDate.of(2026, 4, 1));
        assertThat(open.dueDate()).contains(LocalDate.of(2026, 5, 1));
        assertThat(open.outstanding()).isEqualTo(usd("598.80"));
    }

    @Test
    void the_issue_date_is_the_finalization_date_in_the_customers_zone_not_in_utc() {
        // 02:00 UTC on April 1 is still March 31 in Los Angeles and already April 1 in Tokyo.
        Invoice la = draft().finalize(NUMBER, CLOSE, ZoneId.of("America/Los_Angeles"));
        assertThat(la.issueDate()).contains(LocalDate.of(2026, 3, 31));
        assertThat(la.dueDate()).contains(LocalDate.of(2026, 4, 30));

        Invoice tokyo = draft().finalize(NUMBER, Instant.parse("2026-03-31T16:30:00Z"), ZoneId.of("Asia/Tokyo"));
        assertThat(tokyo.issueDate()).contains(LocalDate.of(2026, 4, 1));
        assertThat(tokyo.dueDate()).contains(LocalDate.of(2026, 5, 1));
    }

    @Test
    void due_date_crosses_month_ends_and_leap_days_by_calendar_days() {
        Invoice invoice = Invoice.draft(InvoiceId.of("inv_2"), ACME, SUB, Money.currency("USD"),
                        LocalDate.of(2028, 1, 1), LocalDate.of(2028, 2, 1))
                .finalize(InvoiceNumber.of(2028, 1), Instant.parse("2028-01-31T12:00:00Z"), ZoneOffset.UTC);
        assertThat(invoice.dueDate()).contains(LocalDate.of(2028, 3, 1)); // Jan 31 + 30 days in a leap year
        Invoice dueOnIssue = Invoice.draft(InvoiceId.of("inv_3"), ACME.withPaymentTermsDays(0), SUB,
                        Money.currency("USD"), MARCH_1, APRIL_1)
                .finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        assertThat(dueOnIssue.dueDate()).contains(LocalDate.of(2026, 4, 1));
    }

    @Test
    void lines_are_frozen_once_finalized() {
        Invoice open = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        assertThatThrownBy(() -> open.addLine(new AdjustmentLine("Late", usd("1.00"))))
                .isInstanceOf(BillingException.class).hasMessageContaining("frozen")
                .extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
    }

    @Test
    void a_line_in_another_currency_is_refused() {
        assertThatThrownBy(() -> draft().addLine(new AdjustmentLine("Fee", Money.of("10.00", "EUR"))))
                .isInstanceOf(BillingException.class)
                .extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
        assertThatThrownBy(() -> Invoice.draft(InvoiceId.of("inv_1"), ACME, SUB, Money.currency("EUR"), MARCH_1, APRIL_1,
                List.of(new AdjustmentLine("Fee", usd("10.00")))))
                .extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void paying_an_open_invoice_zeroes_the_amount_due() {
        Instant paidAt = CLOSE.plusSeconds(3_600);
        Invoice paid = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC).markPaid(paidAt);
        assertThat(paid.status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(paid.paidAt()).contains(paidAt);
        assertThat(paid.totals().amountPaid()).isEqualTo(usd("598.80"));
        assertThat(paid.totals().amountDue()).isEqualTo(usd("0.00"));
        assertThat(paid.outstanding()).isEqualTo(usd("0.00"));
        assertThat(paid.number()).contains(NUMBER);
    }

    @Test
    void an_uncollectible_invoice_can_still_be_paid_or_voided() {
        Invoice uncollectible = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC).markUncollectible(CLOSE.plusSeconds(60));
        assertThat(uncollectible.status()).isEqualTo(InvoiceStatus.UNCOLLECTIBLE);
        assertThat(uncollectible.outstanding()).isEqualTo(usd("598.80"));
        assertThat(uncollectible.markPaid(CLOSE.plusSeconds(120)).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(uncollectible.voidInvoice(CLOSE.plusSeconds(120)).status()).isEqualTo(InvoiceStatus.VOID);
    }

    @Test
    void a_draft_can_be_discarded_without_ever_getting_a_number() {
        Invoice discarded = draft().voidInvoice(CLOSE);
        assertThat(discarded.status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(discarded.number()).isEmpty();
        assertThat(discarded.voidedAt()).contains(CLOSE);
        assertThat(discarded.outstanding().isZero()).isTrue();
    }

    @Test
    void illegal_transitions_throw_illegal_transition() {
        Invoice draft = draft();
        Invoice open = draft.finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        Invoice paid = open.markPaid(CLOSE);
        Invoice voided = open.voidInvoice(CLOSE);
        assertThatThrownBy(() -> draft.markPaid(CLOSE)).extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> draft.markUncollectible(CLOSE)).extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> open.finalize(NUMBER.next(), CLOSE, ZoneOffset.UTC)).extracting(InvoiceTest::codeOf)
                .isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> paid.voidInvoice(CLOSE)).extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> paid.markPaid(CLOSE)).extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> voided.markPaid(CLOSE)).extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
        assertThatThrownBy(() -> voided.markUncollectible(CLOSE)).extracting(InvoiceTest::codeOf).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
    }

    @Test
    void payment_cannot_be_dated_before_finalization() {
        Invoice open = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        assertThatThrownBy(() -> open.markPaid(CLOSE.minusSeconds(1))).isInstanceOf(BillingException.class)
                .hasMessageContaining("before its finalization");
    }

    @Test
    void overdue_only_after_the_due_date_while_something_is_owed() {
        Invoice open = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        assertThat(open.isOverdueOn(LocalDate.of(2026, 5, 1))).isFalse();
        assertThat(open.isOverdueOn(LocalDate.of(2026, 5, 2))).isTrue();
        assertThat(open.markPaid(CLOSE).isOverdueOn(LocalDate.of(2026, 5, 2))).isFalse();
        assertThat(draft().isOverdueOn(LocalDate.of(2030, 1, 1))).isFalse();
    }

    @Test
    void the_constructor_refuses_state_that_does_not_match_the_status() {
        Invoice open = draft().finalize(NUMBER, CLOSE, ZoneOffset.UTC);
        assertThatThrownBy(() -> new Invoice(open.id(), open.customerId(), open.subscriptionId(), open.currency(),
                open.periodStart(), open.periodEndExclusive(), InvoiceStatus.OPEN, open.lines(), Optional.empty(),
                open.taxRate(), 30, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(BillingException.class).hasMessageContaining("needs a number");
        assertThatThrownBy(() -> new Invoice(open.id(), open.customerId(), open.subscriptionId(), open.currency(),
                open.periodStart(), open.periodEndExclusive(), InvoiceStatus.PAID, open.lines(), open.number(),
                open.taxRate(), 30, open.finalizedAt(), open.dueDate(), Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(BillingException.class).hasMessageContaining("paidAt");
        assertThatThrownBy(() -> Invoice.draft(InvoiceId.of("inv_x"), ACME, SUB, Money.currency("USD"), APRIL_1, APRIL_1))
                .isInstanceOf(BillingException.class).hasMessageContaining("after its start");
    }
}
