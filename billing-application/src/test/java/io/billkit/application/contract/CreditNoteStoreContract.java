package io.billkit.application.contract;

import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteNumber;
import io.billkit.domain.creditnote.CreditNoteOrigin;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.creditnote.Creditable;
import io.billkit.domain.creditnote.RefundState;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CreditNoteStore} and {@link CustomerBalanceStore} must do. A fresh customer, subscription and
 * invoice per test and, for number series, a year no other test uses, so it runs against a shared database.
 */
public abstract class CreditNoteStoreContract {

    protected abstract CreditNoteStore notes();

    protected abstract CustomerBalanceStore balances();

    protected abstract InvoiceStore invoices();

    protected abstract Transactions transactions();

    /** Creates the customer and subscription rows a store's schema references; nothing by default. */
    protected void ensureReferenced(Customer customer, SubscriptionId subscription) {
    }

    private static final Instant AT = Instant.parse("2026-04-01T02:00:00Z");
    private static final Set<Integer> YEARS_USED = new java.util.HashSet<>();

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void a_note_round_trips_and_is_found_by_invoice_customer_and_refund() {
        Invoice invoice = paidInvoice();
        int year = uniqueYear();
        CreditNote note = transactions().inTransaction(() -> {
            CreditNote n = note(invoice, notes().nextNumber(year), CreditNoteSettlement.REFUND, Map.of(1, Optional.empty(),
                    2, Optional.of(usd("6.18"))), List.of());
            notes().insert(n);
            return n;
        });
        assertThat(notes().find(note.id())).contains(note);
        assertThat(notes().byInvoice(invoice.id())).containsExactly(note);
        assertThat(notes().byCustomer(invoice.customerId(), 10)).containsExactly(note);
        assertThat(notes().find(CreditNoteId.of("cn_missing"))).isEmpty();

        CreditNote refunded = note.withRefund(RefundState.SUCCEEDED, Optional.of("re_" + note.id().value()));
        notes().update(refunded);
        assertThat(notes().find(note.id())).contains(refunded);
        assertThat(notes().findByProviderRefund("re_" + note.id().value())).contains(refunded);
        assertThat(notes().findByProviderRefund("re_other")).isEmpty();
        assertThat(refunded.lines()).extracting(l -> l.amount()).containsExactly(usd("45.50"), usd("6.18"));
    }

    @Test
    void a_second_note_for_the_same_provider_refund_is_a_conflict() {
        Invoice invoice = paidInvoice();
        int year = uniqueYear();
        String refund = "re_" + UUID.randomUUID();
        CreditNote first = provider(invoice, refund, notes().nextNumber(year), List.of());
        notes().insert(first);
        assertThatThrownBy(() -> transactions().run(() ->
                notes().insert(provider(invoice, refund, notes().nextNumber(year), List.of(first)))))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(notes().byInvoice(invoice.id())).containsExactly(first);
        assertThat(transactions().inTransaction(() -> notes().nextNumber(year)))
                .as("the rolled-back note gave its number back").isEqualTo(CreditNoteNumber.of(year, 2));
    }

    @Test
    void numbers_start_at_one_per_year_and_have_no_gaps_under_rollback_and_concurrency() throws Exception {
        int year = uniqueYear();
        assertThat(transactions().inTransaction(() -> notes().nextNumber(year))).isEqualTo(CreditNoteNumber.of(year, 1));
        assertThatThrownBy(() -> transactions().run(() -> {
            notes().nextNumber(year);
            throw new IllegalStateException("crash after taking a number");
        })).isInstanceOf(IllegalStateException.class);
        List<CreditNoteNumber> numbers = ConcurrentRunner.runConcurrently(6,
                () -> transactions().inTransaction(() -> notes().nextNumber(year)));
        assertThat(numbers).extracting(CreditNoteNumber::sequence).containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void issuers_locking_the_same_invoice_never_both_spend_what_is_left() throws Exception {
        Invoice invoice = paidInvoice();
        int year = uniqueYear();
        List<Boolean> issued = ConcurrentRunner.runConcurrently(4, () -> {
            try {
                return transactions().inTransaction(() -> {
                    List<CreditNote> earlier = notes().lockInvoice(invoice.id());
                    Creditable.Amounts whole = Creditable.of(invoice, earlier).whole(); // throws once all is credited
                    notes().insert(new CreditNote(CreditNoteId.of("cn_" + UUID.randomUUID()), notes().nextNumber(year),
                            invoice.id(), invoice.number().orElseThrow(), invoice.customerId(), invoice.currency(),
                            CreditNoteReason.DUPLICATE, "", CreditNoteSettlement.CUSTOMER_BALANCE, CreditNoteOrigin.BILLKIT,
                            whole.lines(), whole.subtotal(), whole.tax(), whole.total(), invoice.taxRate(), AT,
                            RefundState.NOT_REFUNDED, Optional.empty()));
                    return true;
                });
            } catch (BillingException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.CREDIT_EXCEEDS_INVOICE);
                return false;
            }
        });
        assertThat(issued).containsOnlyOnce(true);
        assertThat(notes().byInvoice(invoice.id())).singleElement()
                .satisfies(n -> assertThat(n.total()).isEqualTo(invoice.totals().total()));
    }

    @Test
    void a_balance_is_credited_applied_up_to_what_it_holds_and_never_below_zero() {
        Invoice invoice = paidInvoice();
        CustomerId customer = invoice.customerId();
        assertThat(balances().balance(customer, Money.currency("USD"))).isEqualTo(usd("0.00"));
        balances().credit(customer, usd("30.00"), "cn_a", AT);
        balances().credit(customer, usd("12.50"), "cn_b", AT.plusSeconds(1));
        assertThat(balances().balance(customer, Money.currency("USD"))).isEqualTo(usd("42.50"));
        assertThat(balances().balance(customer, Money.currency("EUR"))).isEqualTo(Money.zero("EUR"));

        InvoiceId first = InvoiceId.of("inv_a_" + UUID.randomUUID());
        InvoiceId second = InvoiceId.of("inv_b_" + UUID.randomUUID());
        assertThat(transactions().inTransaction(() -> balances().apply(customer, first, usd("40.00"), AT.plusSeconds(2))))
                .isEqualTo(usd("40.00"));
        assertThat(transactions().inTransaction(() -> balances().apply(customer, second, usd("40.00"), AT.plusSeconds(3))))
                .isEqualTo(usd("2.50"));
        assertThat(balances().apply(customer, InvoiceId.of("inv_c_" + UUID.randomUUID()), usd("1.00"), AT.plusSeconds(4)))
                .isEqualTo(usd("0.00"));
        assertThat(balances().balance(customer, Money.currency("USD"))).isEqualTo(usd("0.00"));
        assertThat(balances().appliedTo(first, Money.currency("USD"))).isEqualTo(usd("40.00"));
        assertThat(balances().appliedTo(List.of(first, second, InvoiceId.of("inv_none")), Money.currency("USD")))
                .containsOnly(Map.entry(first, usd("40.00")), Map.entry(second, usd("2.50")));
        assertThat(balances().entries(customer, 10)).extracting(e -> e.amount())
                .containsExactly(usd("-2.50"), usd("-40.00"), usd("12.50"), usd("30.00"));
        assertThat(balances().entries(customer, 1)).singleElement()
                .satisfies(e -> assertThat(e.reference()).isEqualTo(second.value()));
    }

    @Test
    void concurrent_applications_never_take_the_same_money_and_a_rolled_back_credit_leaves_nothing() throws Exception {
        Invoice invoice = paidInvoice();
        CustomerId customer = invoice.customerId();
        assertThatThrownBy(() -> transactions().run(() -> {
            balances().credit(customer, usd("99.00"), "cn_rolled_back", AT);
            throw new IllegalStateException("crash");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(balances().balance(customer, Money.currency("USD"))).isEqualTo(usd("0.00"));

        balances().credit(customer, usd("10.00"), "cn_x", AT);
        List<Money> taken = ConcurrentRunner.runConcurrently(4, () -> transactions().inTransaction(() ->
                balances().apply(customer, InvoiceId.of("inv_" + UUID.randomUUID()), usd("4.00"), AT)));
        assertThat(taken.stream().reduce(usd("0.00"), Money::plus)).isEqualTo(usd("10.00"));
        assertThat(balances().balance(customer, Money.currency("USD"))).isEqualTo(usd("0.00"));
    }

    @Test
    void a_give_back_returns_what_was_applied_once_even_when_eight_race() throws Exception {
        Invoice invoice = paidInvoice();
        CustomerId customer = invoice.customerId();
        balances().credit(customer, usd("100.00"), "cn_gb", AT);
        InvoiceId voided = InvoiceId.of("inv_gb_" + UUID.randomUUID());
        assertThat(balances().apply(customer, voided, usd("60.00"), AT)).isEqualTo(usd("60.00"));
        assertThat(balances().giveBack(customer, InvoiceId.of("inv_never_" + UUID.randomUUID()), Money.currency("USD"), AT))
                .isEqualTo(usd("0.00"));

        List<Money> given = ConcurrentRunner.runConcurrently(8, () -> transactions().inTransaction(() ->
                balances().giveBack(customer, voided, Money.currency("USD"), AT.plusSeconds(1))));

        assertThat(given).filteredOn(Money::isPositive).singleElement().isEqualTo(usd("60.00"));
        assertThat(balances().balance(customer, Money.currency("USD"))).isEqualTo(usd("100.00"));
        assertThat(balances().giveBack(customer, voided, Money.currency("USD"), AT.plusSeconds(2))).isEqualTo(usd("0.00"));
        assertThat(balances().appliedTo(voided, Money.currency("USD"))).as("what it once paid").isEqualTo(usd("60.00"));
    }

    // --- fixtures

    /** A paid three-line invoice (100.00 + 45.50 + 12.35, 20 % tax) of a fresh customer, stored. */
    private Invoice paidInvoice() {
        String suffix = UUID.randomUUID().toString().substring(0, 13);
        Customer customer = Customer.of(CustomerId.of("cus_cn_" + suffix), "Vela", "billing@vela.example")
                .withTaxRate(new BigDecimal("0.20"));
        SubscriptionId subscription = SubscriptionId.of("sub_cn_" + suffix);
        ensureReferenced(customer, subscription);
        int year = uniqueYear();
        Invoice draft = Invoice.draft(InvoiceId.of("inv_cn_" + suffix), customer, subscription, Money.currency("USD"),
                LocalDate.of(2026, 3, 1), LocalDate.of(2026, 4, 1)).addLines(List.of(
                new InvoiceLine.BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), usd("100.00")),
                new InvoiceLine.UsageLine("API calls overage", MeterKey.of("api_calls"), new BigDecimal("1455000"),
                        new BigDecimal("1000000"), new BigDecimal("455000"), "USD 0.10 per 1,000", usd("45.50")),
                new InvoiceLine.AdjustmentLine("Onboarding", usd("12.35"))));
        invoices().insertIfAbsent(draft);
        return transactions().inTransaction(() -> {
            Invoice paid = draft.finalize(invoices().nextNumber(year), AT, ZoneOffset.UTC).markPaid(AT);
            invoices().update(paid);
            return paid;
        });
    }

    private static CreditNote note(Invoice invoice, CreditNoteNumber number, CreditNoteSettlement settlement,
                                   Map<Integer, Optional<Money>> lines, List<CreditNote> earlier) {
        Creditable.Amounts amounts = Creditable.of(invoice, earlier).credit(new java.util.TreeMap<>(lines));
        return new CreditNote(CreditNoteId.of("cn_" + UUID.randomUUID()), number, invoice.id(),
                invoice.number().orElseThrow(), invoice.customerId(), invoice.currency(), CreditNoteReason.ORDER_CHANGE,
                "memo with ünïcode", settlement, CreditNoteOrigin.BILLKIT, amounts.lines(), amounts.subtotal(),
                amounts.tax(), amounts.total(), invoice.taxRate(), AT,
                settlement == CreditNoteSettlement.REFUND ? RefundState.PENDING : RefundState.NOT_REFUNDED,
                Optional.empty());
    }

    private static CreditNote provider(Invoice invoice, String refund, CreditNoteNumber number, List<CreditNote> earlier) {
        Creditable.Amounts amounts = Creditable.of(invoice, earlier).forTotal(usd("12.00"));
        return new CreditNote(CreditNoteId.of("cn_" + UUID.randomUUID()), number, invoice.id(),
                invoice.number().orElseThrow(), invoice.customerId(), invoice.currency(), CreditNoteReason.OTHER, "",
                CreditNoteSettlement.REFUND, CreditNoteOrigin.PROVIDER, amounts.lines(), amounts.subtotal(),
                amounts.tax(), amounts.total(), invoice.taxRate(), AT, RefundState.SUCCEEDED, Optional.of(refund));
    }

    /** A year in 3000..9999 not used by another test of this run. */
    private static int uniqueYear() {
        synchronized (YEARS_USED) {
            while (true) {
                int year = ThreadLocalRandom.current().nextInt(3000, 10_000);
                if (YEARS_USED.add(year)) {
                    return year;
                }
            }
        }
    }
}
