package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The invoice of one subscription for one billing period {@code [periodStart, periodEndExclusive)}
 * (dates in the customer's time zone). Immutable: every transition returns a new instance and the
 * status machine is {@link InvoiceStatus}'s.
 *
 * <p>A DRAFT collects {@link InvoiceLine}s. {@link #finalize(InvoiceNumber, Instant, ZoneId)} makes it
 * OPEN: it assigns the number, freezes the lines and sets the due date to the issue date (the
 * finalization instant's date in the customer's zone) plus {@code paymentTermsDays}. Then it becomes
 * PAID, VOID or UNCOLLECTIBLE (and UNCOLLECTIBLE may still become PAID or VOID). A DRAFT may be
 * discarded (VOID without a number).
 *
 * <p>{@code tax} is the invoice's {@link InvoiceTax}: one line per rate with its base, captured when the
 * draft is created (a tax calculator's result, or the customer's flat exclusive {@code taxRate}).
 * Optional fields are empty until the transition that sets them; the constructor checks
 * that they match the status. All lines are in {@code currency}
 * ({@link ErrorCode#CURRENCY_MISMATCH} otherwise).
 */
public record Invoice(InvoiceId id, CustomerId customerId, SubscriptionId subscriptionId, Currency currency,
                      LocalDate periodStart, LocalDate periodEndExclusive, InvoiceStatus status,
                      List<InvoiceLine> lines, Optional<InvoiceNumber> number, InvoiceTax tax,
                      int paymentTermsDays, Optional<Instant> finalizedAt, Optional<LocalDate> dueDate,
                      Optional<Instant> paidAt, Optional<Instant> voidedAt, Optional<Instant> uncollectibleAt,
                      InvoiceKind kind) {

    public Invoice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEndExclusive, "periodEndExclusive");
        Objects.requireNonNull(status, "status");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(finalizedAt, "finalizedAt");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(voidedAt, "voidedAt");
        Objects.requireNonNull(uncollectibleAt, "uncollectibleAt");
        BillingException.require(periodEndExclusive.isAfter(periodStart),
                "invoice period end " + periodEndExclusive + " must be after its start " + periodStart);
        BillingException.require(paymentTermsDays >= 0 && paymentTermsDays <= 365,
                "paymentTermsDays must be in 0..365 but was " + paymentTermsDays);
        lines.forEach(line -> InvoiceTotals.requireCurrency(currency, line));
        tax.lines().forEach(line -> {
            if (!line.currency().equals(currency)) {
                throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "tax line '" + line.description() + "' is in "
                        + line.currency().getCurrencyCode() + " but the invoice is in " + currency.getCurrencyCode());
            }
        });
        requireConsistentWithStatus(status, number, finalizedAt, dueDate, paidAt, voidedAt, uncollectibleAt);
    }

    /** A {@link InvoiceKind#PERIOD_END} invoice. */
    public Invoice(InvoiceId id, CustomerId customerId, SubscriptionId subscriptionId, Currency currency,
                   LocalDate periodStart, LocalDate periodEndExclusive, InvoiceStatus status,
                   List<InvoiceLine> lines, Optional<InvoiceNumber> number, InvoiceTax tax,
                   int paymentTermsDays, Optional<Instant> finalizedAt, Optional<LocalDate> dueDate,
                   Optional<Instant> paidAt, Optional<Instant> voidedAt, Optional<Instant> uncollectibleAt) {
        this(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, status, lines, number, tax,
                paymentTermsDays, finalizedAt, dueDate, paidAt, voidedAt, uncollectibleAt, InvoiceKind.PERIOD_END);
    }

    /** A {@link InvoiceKind#PERIOD_END} invoice whose tax is the flat exclusive {@code taxRate} on its lines. */
    public Invoice(InvoiceId id, CustomerId customerId, SubscriptionId subscriptionId, Currency currency,
                   LocalDate periodStart, LocalDate periodEndExclusive, InvoiceStatus status,
                   List<InvoiceLine> lines, Optional<InvoiceNumber> number, BigDecimal taxRate,
                   int paymentTermsDays, Optional<Instant> finalizedAt, Optional<LocalDate> dueDate,
                   Optional<Instant> paidAt, Optional<Instant> voidedAt, Optional<Instant> uncollectibleAt) {
        this(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, status, lines, number,
                InvoiceTax.atRate(taxRate, currency, lines), paymentTermsDays, finalizedAt, dueDate, paidAt, voidedAt,
                uncollectibleAt);
    }

    /**
     * A new, empty DRAFT for {@code customer}'s subscription and period, taking the customer's tax rate
     * and payment terms.
     */
    public static Invoice draft(InvoiceId id, Customer customer, SubscriptionId subscriptionId, Currency currency,
                                LocalDate periodStart, LocalDate periodEndExclusive) {
        return draft(id, customer, subscriptionId, currency, periodStart, periodEndExclusive, List.of());
    }

    /** A new DRAFT holding {@code lines} (e.g. from {@link InvoiceCalculator}). */
    public static Invoice draft(InvoiceId id, Customer customer, SubscriptionId subscriptionId, Currency currency,
                                LocalDate periodStart, LocalDate periodEndExclusive, List<? extends InvoiceLine> lines) {
        Objects.requireNonNull(customer, "customer");
        return new Invoice(id, customer.id(), subscriptionId, currency, periodStart, periodEndExclusive,
                InvoiceStatus.DRAFT, List.copyOf(lines), Optional.empty(),
                InvoiceTax.atRate(customer.taxRate(), currency, lines), customer.paymentTermsDays(),
                Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    /** This draft with {@code line} appended; only a DRAFT takes lines ({@link ErrorCode#ILLEGAL_TRANSITION}). */
    public Invoice addLine(InvoiceLine line) {
        return addLines(List.of(Objects.requireNonNull(line, "line")));
    }

    /** This draft with {@code newLines} appended in order; only a DRAFT takes lines. */
    public Invoice addLines(List<? extends InvoiceLine> newLines) {
        Objects.requireNonNull(newLines, "lines");
        if (status != InvoiceStatus.DRAFT) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "invoice " + label() + " is " + status + ": its lines are frozen");
        }
        List<InvoiceLine> all = new ArrayList<>(lines);
        all.addAll(newLines);
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, status, all,
                number, tax.forLines(currency, all), paymentTermsDays, finalizedAt, dueDate, paidAt, voidedAt, uncollectibleAt, kind);
    }

    /**
     * DRAFT -> OPEN at {@code at}: assigns {@code invoiceNumber}, freezes the lines and sets the due
     * date to the issue date in {@code customerZone} plus the payment terms.
     */
    public Invoice finalize(InvoiceNumber invoiceNumber, Instant at, ZoneId customerZone) {
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(customerZone, "customerZone");
        InvoiceStatus next = status.transitionTo(InvoiceStatus.OPEN);
        LocalDate issueDate = LocalDate.ofInstant(at, customerZone);
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, next, lines,
                Optional.of(invoiceNumber), tax, paymentTermsDays, Optional.of(at),
                Optional.of(issueDate.plusDays(paymentTermsDays)), paidAt, voidedAt, uncollectibleAt, kind);
    }

    /** OPEN or UNCOLLECTIBLE -> PAID at {@code at}: the whole total is paid. */
    public Invoice markPaid(Instant at) {
        InvoiceStatus next = status.transitionTo(InvoiceStatus.PAID);
        requireNotBeforeFinalization(at);
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, next, lines,
                number, tax, paymentTermsDays, finalizedAt, dueDate, Optional.of(at), voidedAt, uncollectibleAt, kind);
    }

    /** DRAFT, OPEN or UNCOLLECTIBLE -> VOID at {@code at}: nothing is owed. */
    public Invoice voidInvoice(Instant at) {
        InvoiceStatus next = status.transitionTo(InvoiceStatus.VOID);
        requireNotBeforeFinalization(at);
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, next, lines,
                number, tax, paymentTermsDays, finalizedAt, dueDate, paidAt, Optional.of(at), uncollectibleAt, kind);
    }

    /** OPEN -> UNCOLLECTIBLE at {@code at}: written off, may still be paid or voided. */
    public Invoice markUncollectible(Instant at) {
        InvoiceStatus next = status.transitionTo(InvoiceStatus.UNCOLLECTIBLE);
        requireNotBeforeFinalization(at);
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, next, lines,
                number, tax, paymentTermsDays, finalizedAt, dueDate, paidAt, voidedAt, Optional.of(at), kind);
    }

    /**
     * The sums of the lines at this invoice's tax rate. {@code amountPaid} is the total once PAID and
     * zero otherwise, so {@code amountDue} is zero for a paid invoice. A VOID invoice keeps its totals
     * for the record, but nothing is owed: see {@link #outstanding()}.
     */
    public InvoiceTotals totals() {
        InvoiceTotals unpaid = InvoiceTotals.of(currency, lines, tax, Money.zero(currency));
        return status == InvoiceStatus.PAID
                ? InvoiceTotals.of(currency, lines, tax, unpaid.total())
                : unpaid;
    }

    /** What the customer still owes: the amount due while OPEN or UNCOLLECTIBLE, zero otherwise. */
    public Money outstanding() {
        return status == InvoiceStatus.OPEN || status == InvoiceStatus.UNCOLLECTIBLE
                ? totals().amountDue()
                : Money.zero(currency);
    }

    /**
     * The tax as one printable line, e.g. {@code Tax (20%)} on the taxable amount: the invoice's only tax
     * line, or {@code Tax (0%)} on the taxable amount when it has none.
     */
    public TaxLine taxLine() {
        if (tax.lines().size() == 1) {
            return tax.lines().get(0);
        }
        InvoiceTotals totals = totals();
        BigDecimal rate = tax.singleRate();
        return new TaxLine(TaxLine.label(rate), rate, totals.taxable(), totals.tax());
    }

    /** The flat rate when the invoice has a single standard-rated tax line, zero otherwise (for reports). */
    public BigDecimal taxRate() {
        return tax.singleRate();
    }

    /** This DRAFT with {@code newTax} (a tax calculator's result for its lines). */
    public Invoice withTax(InvoiceTax newTax) {
        Objects.requireNonNull(newTax, "tax");
        if (status != InvoiceStatus.DRAFT) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "invoice " + label() + " is " + status + ": its tax is frozen");
        }
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, status, lines,
                number, newTax, paymentTermsDays, finalizedAt, dueDate, paidAt, voidedAt, uncollectibleAt, kind);
    }

    /** This DRAFT as an invoice of {@code newKind} (a threshold invoice is drafted as such). */
    public Invoice withKind(InvoiceKind newKind) {
        Objects.requireNonNull(newKind, "kind");
        if (status != InvoiceStatus.DRAFT) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "invoice " + label() + " is " + status + ": its kind is frozen");
        }
        return new Invoice(id, customerId, subscriptionId, currency, periodStart, periodEndExclusive, status, lines,
                number, tax, paymentTermsDays, finalizedAt, dueDate, paidAt, voidedAt, uncollectibleAt, newKind);
    }

    /** True for a mid-period {@link InvoiceKind#THRESHOLD} invoice. */
    public boolean isThreshold() {
        return kind == InvoiceKind.THRESHOLD;
    }

    /** The date the invoice was issued (finalized) in the customer's zone; empty before finalization. */
    public Optional<LocalDate> issueDate() {
        return dueDate.map(due -> due.minusDays(paymentTermsDays));
    }

    /** The last day of the period, inclusive, as printed on the invoice. */
    public LocalDate periodEndInclusive() {
        return periodEndExclusive.minusDays(1);
    }

    /** True when the invoice is past due on {@code today}: still outstanding after its due date. */
    public boolean isOverdueOn(LocalDate today) {
        Objects.requireNonNull(today, "today");
        return outstanding().isPositive() && dueDate.map(today::isAfter).orElse(false);
    }

    private String label() {
        return number.map(InvoiceNumber::toString).orElse(id.value());
    }

    private void requireNotBeforeFinalization(Instant at) {
        Objects.requireNonNull(at, "at");
        finalizedAt.ifPresent(f -> BillingException.require(!at.isBefore(f),
                "invoice " + label() + ": " + at + " is before its finalization at " + f));
    }

    private static void requireConsistentWithStatus(InvoiceStatus status, Optional<InvoiceNumber> number,
                                                    Optional<Instant> finalizedAt, Optional<LocalDate> dueDate,
                                                    Optional<Instant> paidAt, Optional<Instant> voidedAt,
                                                    Optional<Instant> uncollectibleAt) {
        boolean finalized = number.isPresent();
        BillingException.require(finalizedAt.isPresent() == finalized && dueDate.isPresent() == finalized,
                "number, finalizedAt and dueDate are set together, at finalization");
        BillingException.require(finalized || status == InvoiceStatus.DRAFT || status == InvoiceStatus.VOID,
                status + " invoice needs a number, finalizedAt and dueDate");
        BillingException.require(!finalized || status != InvoiceStatus.DRAFT, "a DRAFT invoice has no number yet");
        BillingException.require(paidAt.isPresent() == (status == InvoiceStatus.PAID),
                "paidAt is set exactly when the invoice is PAID (status " + status + ")");
        BillingException.require(voidedAt.isPresent() == (status == InvoiceStatus.VOID),
                "voidedAt is set exactly when the invoice is VOID (status " + status + ")");
        BillingException.require(uncollectibleAt.isEmpty() || finalized,
                "uncollectibleAt needs a finalized invoice");
        BillingException.require(status != InvoiceStatus.UNCOLLECTIBLE || uncollectibleAt.isPresent(),
                "an UNCOLLECTIBLE invoice needs uncollectibleAt");
    }
}
