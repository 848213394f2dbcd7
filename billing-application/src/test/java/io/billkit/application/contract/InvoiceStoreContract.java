package io.billkit.application.contract;

import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.InvoiceStore.Filter;
import io.billkit.application.port.out.InvoiceStore.Page;
import io.billkit.application.port.out.Transactions;
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
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link InvoiceStore} must do. Uses the port API only, a fresh customer and subscription
 * per test and, for number sequences, a year no other test uses, so it runs unchanged against a shared
 * database.
 */
public abstract class InvoiceStoreContract {

    protected abstract InvoiceStore invoices();

    protected abstract Transactions transactions();

    /**
     * Called before a test writes invoices of {@code customer}'s {@code subscription}; a store whose
     * schema references customer or subscription rows creates them here. Does nothing by default.
     */
    protected void ensureReferenced(Customer customer, SubscriptionId subscription) {
    }

    private static final LocalDate JAN = LocalDate.of(2026, 1, 1);
    private static final LocalDate FEB = LocalDate.of(2026, 2, 1);
    private static final LocalDate MAR = LocalDate.of(2026, 3, 1);
    private static final LocalDate APR = LocalDate.of(2026, 4, 1);
    private static final Instant ISSUED = Instant.parse("2026-02-01T02:00:00Z");

    @Test
    void an_invoice_round_trips_with_every_kind_of_line() {
        Fixture f = fixture();
        Invoice draft = f.draft(JAN, FEB, allKindsOfLines());
        assertThat(invoices().insertIfAbsent(draft)).isTrue();

        assertThatSame(invoices().find(draft.id()).orElseThrow(), draft);
        assertThatSame(invoices().findByPeriod(f.subscription, JAN).orElseThrow(), draft);
        assertThat(invoices().findByPeriod(f.subscription, FEB)).isEmpty();
        assertThat(invoices().find(InvoiceId.random())).isEmpty();
    }

    @Test
    void a_calculated_tax_round_trips_with_its_lines_inclusion_and_notes() {
        Fixture f = fixture();
        Invoice draft = f.draft(JAN, FEB, allKindsOfLines());
        io.billkit.domain.invoice.InvoiceTax tax = io.billkit.domain.invoice.InvoiceTax.calculated(
                io.billkit.domain.invoice.TaxInclusion.INCLUSIVE, List.of(
                        new io.billkit.domain.invoice.TaxLine("GST (5%)", new BigDecimal("0.05"), usd("100.00"), usd("5.00")),
                        new io.billkit.domain.invoice.TaxLine("VAT (reverse charge)", BigDecimal.ZERO, usd("20.00"),
                                usd("0.00"), io.billkit.domain.invoice.TaxTreatment.REVERSE_CHARGE)),
                List.of("Reverse charge", "Second note"));
        Invoice taxed = draft.withTax(tax);
        assertThat(invoices().insertIfAbsent(taxed)).isTrue();

        Invoice read = invoices().find(taxed.id()).orElseThrow();
        assertThat(read.tax()).isEqualTo(tax);
        assertThat(read.totals()).isEqualTo(taxed.totals());
        Invoice open = read.finalize(invoices().nextNumber(uniqueYear()), ISSUED, ZoneOffset.UTC);
        invoices().update(open);
        assertThat(invoices().find(taxed.id()).orElseThrow().tax()).isEqualTo(tax);
    }

    @Test
    void a_second_invoice_for_the_same_period_is_not_inserted() {
        Fixture f = fixture();
        Invoice first = f.draft(JAN, FEB, List.of(baseFee("499.00")));
        Invoice second = f.draft(JAN, FEB, List.of(baseFee("99.00")));
        assertThat(invoices().insertIfAbsent(first)).isTrue();
        assertThat(invoices().insertIfAbsent(second)).isFalse();
        assertThat(invoices().find(second.id())).isEmpty();
        assertThat(invoices().findByPeriod(f.subscription, JAN).orElseThrow().id()).isEqualTo(first.id());
        assertThat(invoices().insertIfAbsent(f.draft(FEB, MAR, List.of()))).isTrue();
    }

    @Test
    void concurrent_inserts_for_one_period_store_exactly_one_invoice() throws Exception {
        Fixture f = fixture();
        List<Boolean> inserted = ConcurrentRunner.runConcurrently(8,
                () -> transactions().inTransaction(() -> invoices().insertIfAbsent(
                        f.draft(JAN, FEB, List.of(baseFee("499.00"))))));
        assertThat(inserted).containsOnlyOnce(true);
        assertThat(invoices().list(f.customer.id(), Filter.none(), 0, 50).total()).isEqualTo(1);
    }

    @Test
    void update_replaces_status_number_and_dates() {
        Fixture f = fixture();
        Invoice draft = f.draft(JAN, FEB, List.of(baseFee("499.00")));
        invoices().insertIfAbsent(draft);
        int year = uniqueYear();
        Invoice open = transactions().inTransaction(() -> {
            Invoice finalized = draft.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC);
            invoices().update(finalized);
            return finalized;
        });
        assertThatSame(invoices().find(draft.id()).orElseThrow(), open);
        assertThat(open.number()).contains(InvoiceNumber.first(year));

        Invoice voided = open.voidInvoice(ISSUED.plusSeconds(3600));
        invoices().update(voided);
        Invoice read = invoices().find(draft.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(InvoiceStatus.VOID);
        assertThat(read.voidedAt()).contains(ISSUED.plusSeconds(3600));
        assertThat(read.number()).contains(InvoiceNumber.first(year));
    }

    @Test
    void updating_an_unknown_invoice_is_not_found() {
        Fixture f = fixture();
        Invoice never = f.draft(JAN, FEB, List.of());
        assertThatThrownBy(() -> invoices().update(never))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void numbers_of_a_year_start_at_one_and_follow_each_other() {
        int year = uniqueYear();
        int other = uniqueYear();
        InvoiceNumber first = transactions().inTransaction(() -> invoices().nextNumber(year));
        InvoiceNumber second = transactions().inTransaction(() -> invoices().nextNumber(year));
        InvoiceNumber ofOtherYear = transactions().inTransaction(() -> invoices().nextNumber(other));
        assertThat(first).isEqualTo(InvoiceNumber.first(year));
        assertThat(second).isEqualTo(first.next());
        assertThat(ofOtherYear).isEqualTo(InvoiceNumber.first(other));
    }

    @Test
    void a_number_taken_by_a_rolled_back_transaction_is_given_out_again() {
        int year = uniqueYear();
        InvoiceNumber first = transactions().inTransaction(() -> invoices().nextNumber(year));
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            invoices().nextNumber(year);
            throw new IllegalStateException("crash after taking a number");
        })).isInstanceOf(IllegalStateException.class);
        InvoiceNumber next = transactions().inTransaction(() -> invoices().nextNumber(year));
        assertThat(next).isEqualTo(first.next());
    }

    @Test
    void concurrent_transactions_take_distinct_numbers_without_gaps() throws Exception {
        int year = uniqueYear();
        List<InvoiceNumber> numbers = ConcurrentRunner.runConcurrently(8,
                () -> transactions().inTransaction(() -> invoices().nextNumber(year)));
        assertThat(numbers).extracting(InvoiceNumber::sequence)
                .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
    }

    @Test
    void a_rolled_back_insert_leaves_the_period_free() {
        Fixture f = fixture();
        Invoice draft = f.draft(JAN, FEB, List.of(baseFee("499.00")));
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            invoices().insertIfAbsent(draft);
            throw new IllegalStateException("crash after the insert");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(invoices().find(draft.id())).isEmpty();
        assertThat(invoices().insertIfAbsent(draft)).isTrue();
    }

    @Test
    void claimed_drafts_are_drafts_only_and_respect_the_limit() {
        Fixture f = fixture();
        Invoice draft = f.draft(JAN, FEB, List.of(baseFee("499.00")));
        Invoice open = f.draft(FEB, MAR, List.of(baseFee("499.00")));
        invoices().insertIfAbsent(draft);
        invoices().insertIfAbsent(open);
        int year = uniqueYear();
        transactions().run(() -> invoices().update(open.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC)));

        List<Invoice> claimed = transactions().inTransaction(() -> invoices().claimDrafts(10_000));
        assertThat(claimed).allSatisfy(i -> assertThat(i.status()).isEqualTo(InvoiceStatus.DRAFT));
        assertThat(claimed).extracting(Invoice::id).contains(draft.id()).doesNotContain(open.id());
        assertThat(transactions().inTransaction(() -> invoices().claimDrafts(1))).hasSize(1);
    }

    @Test
    void open_invoices_with_a_positive_total_are_claimed_for_their_push_once_per_lease_until_marked_pushed() {
        Fixture f = fixture();
        Invoice draft = f.draft(JAN, FEB, List.of(baseFee("499.00")));
        Invoice open = f.draft(FEB, MAR, List.of(baseFee("499.00")));
        Invoice zero = f.draft(MAR, APR, List.of(baseFee("0.00")));
        Invoice voided = f.draft(APR, APR.plusMonths(1), List.of(baseFee("10.00")));
        List.of(draft, open, zero, voided).forEach(invoices()::insertIfAbsent);
        int year = uniqueYear();
        transactions().run(() -> {
            invoices().update(open.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC));
            invoices().update(zero.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC));
            Invoice voidedOpen = voided.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC);
            invoices().update(voidedOpen);
            invoices().update(voidedOpen.voidInvoice(ISSUED.plusSeconds(60)));
        });
        List<InvoiceId> ours = List.of(draft.id(), open.id(), zero.id(), voided.id());

        Instant now = ISSUED.plusSeconds(3600);
        Instant lease = now.plusSeconds(600);
        assertThat(transactions().inTransaction(() -> invoices().claimPushes(now, lease, 10_000)))
                .extracting(Invoice::id).filteredOn(ours::contains).containsExactly(open.id());
        // leased: not claimed again before the lease ends, neither in a batch nor alone
        assertThat(transactions().inTransaction(() -> invoices().claimPushes(now, lease, 10_000)))
                .extracting(Invoice::id).doesNotContain(open.id());
        assertThat(transactions().inTransaction(() -> invoices().claimPush(open.id(), lease.minusSeconds(1), lease)))
                .isFalse();
        // a lease that ran out (a crashed pusher) is claimable again; so is a released one
        assertThat(transactions().inTransaction(() -> invoices().claimPushes(lease, lease.plusSeconds(600), 10_000)))
                .extracting(Invoice::id).filteredOn(ours::contains).containsExactly(open.id());
        transactions().run(() -> invoices().releasePush(open.id()));
        assertThat(transactions().inTransaction(() -> invoices().claimPush(open.id(), lease, lease.plusSeconds(600))))
                .isTrue();
        assertThat(transactions().inTransaction(() -> invoices().claimPush(zero.id(), now, lease)))
                .as("a zero total waits for no push").isFalse();
        assertThat(transactions().inTransaction(() -> invoices().claimPush(draft.id(), now, lease))).isFalse();
        assertThat(transactions().inTransaction(() -> invoices().claimPush(voided.id(), now, lease))).isFalse();

        transactions().run(() -> invoices().markPushed(open.id()));
        Instant later = now.plusSeconds(86_400);
        assertThat(transactions().inTransaction(() -> invoices().claimPushes(later, later.plusSeconds(600), 10_000)))
                .extracting(Invoice::id).filteredOn(ours::contains).isEmpty();
        assertThat(transactions().inTransaction(() -> invoices().claimPush(open.id(), later, later.plusSeconds(600))))
                .isFalse();
        invoices().update(invoices().find(open.id()).orElseThrow().markPaid(ISSUED.plusSeconds(120)));
        assertThat(transactions().inTransaction(() -> invoices().claimPushes(later, later.plusSeconds(600), 10_000)))
                .extracting(Invoice::id).doesNotContain(open.id());
    }

    @Test
    void concurrent_push_claimers_take_each_waiting_invoice_once() throws Exception {
        Fixture f = fixture();
        List<Invoice> drafts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            LocalDate start = JAN.plusMonths(i);
            drafts.add(f.draft(start, start.plusMonths(1), List.of(baseFee((i + 1) + ".00"))));
        }
        drafts.forEach(invoices()::insertIfAbsent);
        int year = uniqueYear();
        transactions().run(() -> drafts.forEach(d ->
                invoices().update(d.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC))));
        Set<InvoiceId> mine = Set.copyOf(drafts.stream().map(Invoice::id).toList());
        Instant now = ISSUED.plusSeconds(3600);
        ConcurrentHashMap<InvoiceId, AtomicInteger> claimedBy = new ConcurrentHashMap<>();
        ConcurrentRunner.runConcurrently(4, () -> {
            while (true) {
                List<Invoice> claimed = transactions().inTransaction(() ->
                        invoices().claimPushes(now, now.plusSeconds(600), 2));
                if (claimed.isEmpty()) {
                    return null;
                }
                claimed.stream().filter(i -> mine.contains(i.id()))
                        .forEach(i -> claimedBy.computeIfAbsent(i.id(), id -> new AtomicInteger()).incrementAndGet());
            }
        });
        assertThat(claimedBy.keySet()).isEqualTo(mine);
        assertThat(claimedBy.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
    }

    @Test
    void concurrent_claimers_finalize_each_draft_once() throws Exception {
        Fixture f = fixture();
        List<Invoice> drafts = List.of(f.draft(JAN, FEB, List.of(baseFee("1.00"))),
                f.draft(FEB, MAR, List.of(baseFee("2.00"))), f.draft(MAR, APR, List.of(baseFee("3.00"))));
        drafts.forEach(invoices()::insertIfAbsent);
        Set<InvoiceId> mine = Set.copyOf(drafts.stream().map(Invoice::id).toList());
        int year = uniqueYear();
        ConcurrentHashMap<InvoiceId, AtomicInteger> finalizedBy = new ConcurrentHashMap<>();
        ConcurrentRunner.runConcurrently(4, () -> transactions().inTransaction(() -> {
            for (Invoice claimed : invoices().claimDrafts(10_000)) {
                if (mine.contains(claimed.id())) {
                    invoices().update(claimed.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC));
                    finalizedBy.computeIfAbsent(claimed.id(), id -> new AtomicInteger()).incrementAndGet();
                }
            }
            return null;
        }));
        assertThat(finalizedBy.keySet()).isEqualTo(mine);
        assertThat(finalizedBy.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        List<Long> sequences = new ArrayList<>();
        for (Invoice draft : drafts) {
            Invoice read = invoices().find(draft.id()).orElseThrow();
            assertThat(read.status()).isEqualTo(InvoiceStatus.OPEN);
            sequences.add(read.number().orElseThrow().sequence());
        }
        assertThat(sequences).containsExactlyInAnyOrder(1L, 2L, 3L);
    }

    @Test
    void list_pages_a_customers_invoices_newest_period_first() {
        Fixture f = fixture();
        Fixture stranger = fixture();
        List<LocalDate> starts = List.of(JAN, FEB, MAR, APR);
        for (LocalDate start : starts) {
            invoices().insertIfAbsent(f.draft(start, start.plusMonths(1), List.of(baseFee("10.00"))));
        }
        invoices().insertIfAbsent(stranger.draft(JAN, FEB, List.of(baseFee("10.00"))));

        Page first = invoices().list(f.customer.id(), Filter.none(), 0, 3);
        assertThat(first.total()).isEqualTo(4);
        assertThat(first.items()).extracting(Invoice::periodStart).containsExactly(APR, MAR, FEB);
        Page second = invoices().list(f.customer.id(), Filter.none(), 3, 3);
        assertThat(second.total()).isEqualTo(4);
        assertThat(second.items()).extracting(Invoice::periodStart).containsExactly(JAN);
        assertThat(invoices().list(f.customer.id(), Filter.none(), 10, 3).items()).isEmpty();
        assertThat(invoices().list(CustomerId.of("cus_none_" + UUID.randomUUID()), Filter.none(), 0, 3).total())
                .isZero();
    }

    @Test
    void list_filters_by_status_and_period_start_inclusive() {
        Fixture f = fixture();
        for (LocalDate start : List.of(JAN, FEB, MAR, APR)) {
            invoices().insertIfAbsent(f.draft(start, start.plusMonths(1), List.of(baseFee("10.00"))));
        }
        Invoice feb = invoices().findByPeriod(f.subscription, FEB).orElseThrow();
        int year = uniqueYear();
        transactions().run(() -> invoices().update(feb.finalize(invoices().nextNumber(year), ISSUED, ZoneOffset.UTC)));

        Page open = invoices().list(f.customer.id(),
                new Filter(Optional.of(InvoiceStatus.OPEN), Optional.empty(), Optional.empty()), 0, 10);
        assertThat(open.items()).extracting(Invoice::periodStart).containsExactly(FEB);
        assertThat(open.total()).isEqualTo(1);

        Page range = invoices().list(f.customer.id(),
                new Filter(Optional.empty(), Optional.of(FEB), Optional.of(MAR)), 0, 10);
        assertThat(range.items()).extracting(Invoice::periodStart).containsExactly(MAR, FEB);
        assertThat(range.total()).isEqualTo(2);

        Page drafts = invoices().list(f.customer.id(),
                new Filter(Optional.of(InvoiceStatus.DRAFT), Optional.of(FEB), Optional.empty()), 0, 10);
        assertThat(drafts.items()).extracting(Invoice::periodStart).containsExactly(APR, MAR);
    }

    // --- fixtures ---------------------------------------------------------------------------------

    private Fixture fixture() {
        String suffix = UUID.randomUUID().toString().substring(0, 13);
        Customer customer = Customer.of(CustomerId.of("cus_inv_" + suffix), "Apex Media", "billing@apex.example")
                .withTimeZone(ZoneId.of("Europe/Berlin")).withTaxRate(new BigDecimal("0.20"))
                .withAddress("Apexstraße 1\n10115 Berlin");
        SubscriptionId subscription = SubscriptionId.of("sub_inv_" + suffix);
        ensureReferenced(customer, subscription);
        return new Fixture(customer, subscription);
    }

    /** A year in 3000..9999 not used by another test of this run (numbers start at 1 per year). */
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

    private static final Set<Integer> YEARS_USED = new java.util.HashSet<>();

    private record Fixture(Customer customer, SubscriptionId subscription) {
        Invoice draft(LocalDate start, LocalDate endExclusive, List<InvoiceLine> lines) {
            return Invoice.draft(InvoiceId.random(), customer, subscription, Money.currency("USD"), start,
                    endExclusive, lines);
        }
    }

    private static InvoiceLine baseFee(String amount) {
        return new InvoiceLine.BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), usd(amount));
    }

    private static List<InvoiceLine> allKindsOfLines() {
        return List.of(
                baseFee("499.00"),
                new InvoiceLine.UsageLine("Overage: impressions", MeterKey.of("impressions"),
                        new BigDecimal("12500000"), new BigDecimal("10000000"), new BigDecimal("2500000"),
                        "USD 0.50 per 1,000", usd("1250.00")),
                new InvoiceLine.UsageLine("Overage: data_transfer_gb", MeterKey.of("data_transfer_gb"),
                        new BigDecimal("510.125"), new BigDecimal("500"), new BigDecimal("10.125"),
                        "USD 0.05 per unit", usd("0.51")),
                new InvoiceLine.UsageLine("API calls overage", MeterKey.of("api_calls"),
                        new BigDecimal("1500"), BigDecimal.ZERO, new BigDecimal("1500"), "graduated, 2 tiers",
                        usd("17.50"), "API calls", "call",
                        io.billkit.domain.catalog.Price.graduatedIn("USD").upTo(1_000, "0.01").flatFee("5.00")
                                .perPackageOf(10).above("0.00000000000001").breakdown(new BigDecimal("1500"))),
                new InvoiceLine.ProrationLine("Upgrade to Scale (15 days)", usd("-12.34")),
                new InvoiceLine.AdjustmentLine("Goodwill adjustment", usd("5.00")),
                new InvoiceLine.CreditAppliedLine("Credits applied", usd("-100.00")));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** Equal field by field, comparing decimals by value (a database may change their scale). */
    static void assertThatSame(Object actual, Object expected) {
        assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }
}
