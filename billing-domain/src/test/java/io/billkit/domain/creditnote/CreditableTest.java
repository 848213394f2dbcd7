package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditableTest {
    private static final Customer ACME = Customer.of(CustomerId.of("acme"), "Acme", "billing@acme.test")
            .withTaxRate(new BigDecimal("0.20"));
    private static final Instant AT = Instant.parse("2026-04-01T02:00:00Z");

    static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** Three lines: 100.00 + 45.50 + 12.35 = 157.85, tax 20 % = 31.57, total 189.42. */
    static Invoice threeLineInvoice() {
        return Invoice.draft(InvoiceId.of("inv_1"), ACME, SubscriptionId.of("sub_1"), Money.currency("USD"),
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1))
                .addLines(List.of(
                        new InvoiceLine.BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), usd("100.00")),
                        new InvoiceLine.UsageLine("API calls overage", MeterKey.of("api_calls"), new BigDecimal("1455000"),
                                new BigDecimal("1000000"), new BigDecimal("455000"), "USD 0.10 per 1,000", usd("45.50")),
                        new InvoiceLine.AdjustmentLine("Onboarding session", usd("12.35"))))
                .finalize(InvoiceNumber.of(2026, 7), AT, ZoneOffset.UTC);
    }

    static CreditNote note(Invoice invoice, Creditable.Amounts amounts, long sequence) {
        return new CreditNote(CreditNoteId.of("cn_" + sequence), CreditNoteNumber.of(2026, sequence), invoice.id(),
                invoice.number().orElseThrow(), invoice.customerId(), invoice.currency(), CreditNoteReason.OTHER, "",
                CreditNoteSettlement.CUSTOMER_BALANCE, CreditNoteOrigin.BILLKIT, amounts.lines(), amounts.subtotal(),
                amounts.tax(), amounts.total(), invoice.taxRate(), AT, RefundState.NOT_REFUNDED, Optional.empty());
    }

    private static ErrorCode code(Throwable e) {
        return ((BillingException) e).code();
    }

    @Test
    void a_partial_note_credits_one_line_fully_and_half_of_another_with_tax_rounded_half_up() {
        Invoice invoice = threeLineInvoice();
        assertThat(invoice.totals().total()).isEqualTo(usd("189.42"));
        Map<Integer, Optional<Money>> lines = new LinkedHashMap<>();
        lines.put(1, Optional.empty());                // 45.50, all of it
        lines.put(2, Optional.of(usd("6.18")));        // half of 12.35, rounded up by the caller
        Creditable.Amounts first = Creditable.of(invoice, List.of()).credit(lines);
        assertThat(first.subtotal()).isEqualTo(usd("51.68"));
        assertThat(first.tax()).isEqualTo(usd("10.34"));   // 51.68 x 0.20 = 10.336 -> 10.34
        assertThat(first.total()).isEqualTo(usd("62.02"));

        Creditable left = Creditable.of(invoice, List.of(note(invoice, first, 1)));
        assertThat(left.remainingNet()).isEqualTo(usd("106.17"));   // 157.85 - 51.68
        assertThat(left.remainingTax()).isEqualTo(usd("21.23"));    // 31.57 - 10.34
        assertThat(left.remainingTotal()).isEqualTo(usd("127.40")); // 189.42 - 62.02
        assertThat(left.remainingForLine(0)).isEqualTo(usd("100.00"));
        assertThat(left.remainingForLine(1)).isEqualTo(usd("0.00"));
        assertThat(left.remainingForLine(2)).isEqualTo(usd("6.17"));

        assertThatThrownBy(() -> left.credit(Map.of(1, Optional.of(usd("0.01")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE));
        assertThatThrownBy(() -> left.credit(Map.of(2, Optional.of(usd("6.18")))))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE))
                .hasMessageContaining("USD 6.17 left");

        Creditable.Amounts rest = left.whole();
        assertThat(rest.subtotal()).isEqualTo(usd("106.17"));
        assertThat(rest.tax()).isEqualTo(usd("21.23"));
        assertThat(first.tax().plus(rest.tax())).isEqualTo(invoice.totals().tax());
        Creditable none = Creditable.of(invoice, List.of(note(invoice, first, 1), note(invoice, rest, 2)));
        assertThat(none.remainingTotal()).isEqualTo(usd("0.00"));
        assertThatThrownBy(none::whole).satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE));
    }

    @Test
    void the_last_note_takes_the_tax_left_so_the_notes_add_up_to_the_invoice_tax() {
        // 3 x 0.05 = 0.15, tax 0.03; crediting 0.05 three times: 0.01 + 0.01 + the last 0.01
        Invoice invoice = Invoice.draft(InvoiceId.of("inv_2"), ACME, SubscriptionId.of("sub_1"), Money.currency("USD"),
                        LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1))
                .addLines(List.of(new InvoiceLine.AdjustmentLine("a", usd("0.05")),
                        new InvoiceLine.AdjustmentLine("b", usd("0.05")), new InvoiceLine.AdjustmentLine("c", usd("0.05"))))
                .finalize(InvoiceNumber.of(2026, 8), AT, ZoneOffset.UTC);
        Creditable.Amounts a = Creditable.of(invoice, List.of()).credit(Map.of(0, Optional.empty()));
        Creditable.Amounts b = Creditable.of(invoice, List.of(note(invoice, a, 1))).credit(Map.of(1, Optional.empty()));
        Creditable.Amounts c = Creditable.of(invoice, List.of(note(invoice, a, 1), note(invoice, b, 2)))
                .credit(Map.of(2, Optional.empty()));
        assertThat(a.tax()).isEqualTo(usd("0.01"));
        assertThat(b.tax()).isEqualTo(usd("0.01"));
        assertThat(c.tax()).isEqualTo(usd("0.01"));
        assertThat(a.total().plus(b.total()).plus(c.total())).isEqualTo(invoice.totals().total());
    }

    @Test
    void a_provider_refund_of_a_gross_amount_splits_into_net_and_tax() {
        Invoice invoice = threeLineInvoice();
        Creditable.Amounts refund = Creditable.of(invoice, List.of()).forTotal(usd("60.00"));
        assertThat(refund.subtotal()).isEqualTo(usd("50.00")); // 60.00 / 1.20
        assertThat(refund.tax()).isEqualTo(usd("10.00"));
        assertThat(refund.lines()).singleElement().satisfies(l -> assertThat(l.invoiceLine()).isZero());
        assertThatThrownBy(() -> Creditable.of(invoice, List.of()).forTotal(usd("189.43")))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE));
        assertThat(Creditable.of(invoice, List.of()).forTotal(usd("189.42")).subtotal()).isEqualTo(usd("157.85"));
    }

    @Test
    void a_draft_or_void_invoice_cannot_be_credited_and_a_credit_line_is_not_creditable() {
        Invoice invoice = threeLineInvoice();
        assertThatThrownBy(() -> Creditable.of(invoice.voidInvoice(AT), List.of()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        Invoice draft = Invoice.draft(InvoiceId.of("inv_3"), ACME, SubscriptionId.of("sub_1"), Money.currency("USD"),
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1));
        assertThatThrownBy(() -> Creditable.of(draft, List.of()))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> Creditable.of(invoice, List.of()).credit(Map.of(3, Optional.empty())))
                .satisfies(e -> assertThat(code(e)).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void credit_note_numbers_have_their_own_canonical_series() {
        assertThat(CreditNoteNumber.of(2026, 1)).hasToString("CN-2026-000001");
        assertThat(CreditNoteNumber.parse("CN-2026-000042")).isEqualTo(CreditNoteNumber.of(2026, 42));
        assertThatThrownBy(() -> CreditNoteNumber.parse("INV-2026-000042")).isInstanceOf(BillingException.class);
        assertThat(CreditNoteReason.parse("product_unsatisfactory")).isEqualTo(CreditNoteReason.PRODUCT_UNSATISFACTORY);
        assertThatThrownBy(() -> CreditNoteReason.parse("bored")).hasMessageContaining("order_change");
    }
}
