package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceDates;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.application.port.out.TaxCalculator;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceCalculator;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceTax;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.invoice.ProgressiveBilling;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.TimeWindow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A subscription period's invoice, shared by period close ({@link ClosePeriodService}) and an immediate
 * cancel ({@link CancelSubscriptionService}, the final invoice). Both methods run in the caller's transaction.
 * <p>The draft holds the plan's base fee, the free trial's adjustment ({@link TrialDiscount}), usage per meter
 * and window measured over the whole period (usage after a cancel is refused, so for a cancelled subscription
 * that is the usage up to the cancel), and the pending charges created before the period is billed until:
 * the period's end, or the cancel instant of a subscription cancelled within the period. A cancelled period
 * also gets one negative {@link InvoiceLine.AdjustmentLine} "Cancelled on &lt;local date&gt;: unused base fee"
 * of {@code base price x (period end - cancel instant) / period length} (real seconds), rounded once HALF_UP,
 * so the base fee is charged pro rata up to the cancel. Allowances are not prorated: a cancelled period keeps
 * its full included quantity, and only usage beyond it is overage (the customer paid for the plan's
 * allowance for the period they used; prorating it would bill usage the full period would not have billed).
 * <p>Progressive billing: when the period has threshold invoices, the draft deducts per meter what they billed
 * and its tax is the whole period's minus theirs ({@link #netOf}).
 * <p>Coupons redeemed for the subscription add their discount lines last ({@link SubscriptionDiscounts}); the
 * period then counts towards each coupon's duration, in the same transaction as the draft's insert.
 */
final class PeriodInvoicer {
    private static final RoundingPolicy ROUNDING = RoundingPolicy.PER_LINE_HALF_UP;

    private final Catalog catalog;
    private final CustomerStore customers;
    private final PendingChargeStore pendingCharges;
    private final InvoiceStore invoices;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final PeriodUsage periodUsage;
    private final InvoiceCalculator calculator;
    private final SubscriptionDiscounts discounts;
    private final TaxCalculator taxCalculator;
    private final CustomerBalanceStore balances;

    PeriodInvoicer(Catalog catalog, CustomerStore customers, UsageEventStore usage, PendingChargeStore pendingCharges,
                   InvoiceStore invoices, Outbox outbox, AuditTrail audit) {
        this(catalog, customers, usage, pendingCharges, invoices, outbox, audit, SubscriptionDiscounts.none(),
                TaxCalculator.customerRate());
    }

    PeriodInvoicer(Catalog catalog, CustomerStore customers, UsageEventStore usage, PendingChargeStore pendingCharges,
                   InvoiceStore invoices, Outbox outbox, AuditTrail audit, SubscriptionDiscounts discounts,
                   TaxCalculator taxCalculator) {
        this(catalog, customers, usage, pendingCharges, invoices, outbox, audit, discounts, taxCalculator,
                CustomerBalanceStore.NONE);
    }

    /** @param balances the customers' money balances, applied to the total of each invoice at finalization */
    PeriodInvoicer(Catalog catalog, CustomerStore customers, UsageEventStore usage, PendingChargeStore pendingCharges,
                   InvoiceStore invoices, Outbox outbox, AuditTrail audit, SubscriptionDiscounts discounts,
                   TaxCalculator taxCalculator, CustomerBalanceStore balances) {
        this.balances = Objects.requireNonNull(balances, "balances");
        this.discounts = Objects.requireNonNull(discounts, "discounts");
        this.taxCalculator = Objects.requireNonNull(taxCalculator, "taxCalculator");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.calculator = InvoiceCalculator.forCatalog(catalog);
        this.customers = Objects.requireNonNull(customers, "customers");
        this.pendingCharges = Objects.requireNonNull(pendingCharges, "pendingCharges");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.periodUsage = new PeriodUsage(Objects.requireNonNull(usage, "usage"), catalog);
    }

    /**
     * Inserts the draft of {@code subscription}'s {@code period} and takes the pending charges it holds;
     * empty when the period already has an invoice (inserted before, or concurrently).
     */
    Optional<Invoice> insertDraft(Subscription subscription, BillingPeriod period) {
        SubscriptionId id = subscription.id();
        Customer customer = Customers.require(customers, subscription.customer());
        Plan plan = catalog.requirePlan(subscription.plan());
        Instant billedUntil = billedUntil(subscription, period);
        List<PendingCharge> pending = pendingCharges.peek(id).stream()
                .filter(charge -> charge.createdAt().isBefore(billedUntil)).toList();
        SubscriptionDiscounts.ForPeriod coupons = discounts.forPeriod(subscription, plan, billedUntil);
        Invoice draft = netOfThresholdInvoices(withDiscounts(draft(customer, subscription, plan, period, billedUntil, pending),
                coupons), customer);
        if (!invoices.insertIfAbsent(draft)) {
            return Optional.empty();
        }
        discounts.markApplied(coupons);
        List<String> taken = pendingCharges.take(id, billedUntil).stream().map(PendingCharge::id).toList();
        if (!taken.equals(pending.stream().map(PendingCharge::id).toList())) {
            throw new BillingException(ErrorCode.CONFLICT, "pending charges of " + id
                    + " changed while its period was invoiced; retry");
        }
        return Optional.of(draft);
    }

    /**
     * Finalizes {@code draft} with the next number of its issue year and saves it, runs {@code afterUpdate}
     * (period close renews the subscription there), then writes {@code invoice.created} to the outbox and
     * {@code invoice.finalized} to the audit log.
     */
    Invoice finalizeDraft(Invoice draft, Instant now, Actor actor, Consumer<Invoice> afterUpdate) {
        return finalizeDraft(draft, now, actor, afterUpdate, Map.of());
    }

    /** {@link #finalizeDraft} whose outbox event and audit entry carry {@code extra} data too. */
    Invoice finalizeDraft(Invoice draft, Instant now, Actor actor, Consumer<Invoice> afterUpdate, Map<String, String> extra) {
        Customer customer = Customers.require(customers, draft.customerId());
        ZoneId zone = customer.timeZone();
        InvoiceNumber number = invoices.nextNumber(LocalDate.ofInstant(now, zone).getYear());
        Invoice finalized = draft.finalize(number, now, zone);
        Money fromBalance = balances.apply(customer.id(), finalized.id(), finalized.totals().total(), now);
        Invoice open = fromBalance.isPositive() && fromBalance.isEqualTo(finalized.totals().total())
                ? finalized.markPaid(now) : finalized;
        invoices.update(open);
        afterUpdate.accept(open);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("invoice", open.id().value());
        data.put("number", number.toString());
        data.put("subscription", open.subscriptionId().value());
        data.put("periodStart", open.periodStart().toString());
        data.put("periodEnd", open.periodEndExclusive().toString());
        data.put("total", open.totals().total().amount().toPlainString());
        data.put("currency", open.currency().getCurrencyCode());
        data.put("dueDate", open.dueDate().orElseThrow().toString());
        if (fromBalance.isPositive()) {
            data.put("balanceApplied", fromBalance.amount().toPlainString());
        }
        if (open.isThreshold()) {
            data.put("kind", "threshold");
        }
        data.putAll(extra);
        outbox.append(new OutboxEvent(UUID.randomUUID().toString(), "invoice.created", open.id().value(),
                open.customerId().value(), data, now));
        audit.record(actor, "invoice.finalized", open.customerId(), data);
        return open;
    }

    /**
     * Progressive billing ({@link ProgressiveBilling}): without threshold invoices in the period, {@code whole}
     * taxed; with them, {@code whole} net of what they billed.
     */
    private Invoice netOfThresholdInvoices(Invoice whole, Customer customer) {
        List<Invoice> billed = ProgressiveBilling.billed(invoices.thresholdInvoices(whole.subscriptionId(),
                whole.periodStart()));
        return billed.isEmpty() ? withTax(whole, customer) : netOf(whole, billed, customer);
    }

    /**
     * {@code whole} (the lines accrued so far as one invoice would have them, untaxed) with one deduction line per
     * meter for what {@code billed} (the period's threshold invoices that count) billed, taxed with the tax of
     * {@code whole} minus theirs per tax line, so the period's invoices add up to one to the cent; when that split
     * does not fit (a changed tax profile, or deductions past the charges) the net lines are taxed on their own.
     */
    Invoice netOf(Invoice whole, List<Invoice> billed, Customer customer) {
        InvoiceTax wholeTax = taxCalculator.calculate(new TaxCalculator.TaxRequest(customer, whole.currency(),
                whole.lines(), whole.id().value()));
        Invoice net = whole.addLines(ProgressiveBilling.deductions(whole.currency(), billed));
        return ProgressiveBilling.remainingTax(wholeTax, billed)
                .filter(tax -> fits(net, tax))
                .map(net::withTax)
                .orElseGet(() -> withTax(net, customer));
    }

    private static boolean fits(Invoice net, InvoiceTax tax) {
        Money base = InvoiceTax.base(net.currency(), net.lines());
        if (base.isZero() && tax.amount(net.currency()).isPositive()) {
            return false;
        }
        try {
            InvoiceTotals.of(net.currency(), net.lines(), tax, Money.zero(net.currency()));
            return true;
        } catch (BillingException e) {
            return false;
        }
    }

    /**
     * The coupons' discount lines after every charge line (base fee, trial, cancel adjustment, usage, prorations,
     * pending charges), before credits and tax: {@link InvoiceCalculator#applyDiscounts}.
     */
    /**
     * The tax step, kept apart from the lines: the draft's final lines (discounts and credits applied)
     * go to the {@link TaxCalculator}, whose result the draft keeps.
     */
    private Invoice withTax(Invoice draft, Customer customer) {
        return draft.withTax(taxCalculator.calculate(new TaxCalculator.TaxRequest(customer, draft.currency(),
                draft.lines(), draft.id().value())));
    }

    private static Invoice withDiscounts(Invoice draft, SubscriptionDiscounts.ForPeriod coupons) {
        if (coupons.coupons().isEmpty()) {
            return draft;
        }
        List<InvoiceLine> lines = InvoiceCalculator.applyDiscounts(draft.lines(), coupons.coupons(), draft.currency());
        return draft.addLines(lines.subList(draft.lines().size(), lines.size()));
    }

    /** A stable id per subscription and period, so every attempt to invoice a period uses the same id. */
    static InvoiceId invoiceId(SubscriptionId subscription, LocalDate periodStart) {
        return InvoiceId.of("inv_" + Hashes.sha256Hex(subscription.value() + "|" + periodStart).substring(0, 32));
    }

    /** The period's end, or the cancel instant when the subscription was cancelled within the period. */
    private static Instant billedUntil(Subscription subscription, BillingPeriod period) {
        TimeWindow window = period.window();
        return subscription.cancelledAt().filter(at -> at.isBefore(window.end()) && !at.isBefore(window.start()))
                .orElse(window.end());
    }

    private Invoice draft(Customer customer, Subscription subscription, Plan plan, BillingPeriod period,
                          Instant billedUntil, List<PendingCharge> pending) {
        List<InvoiceLine.ProrationLine> prorations = new ArrayList<>();
        List<InvoiceLine> otherCharges = new ArrayList<>();
        for (PendingCharge charge : pending) {
            if (charge.line() instanceof InvoiceLine.ProrationLine proration) {
                prorations.add(proration);
            } else {
                otherCharges.add(charge.line());
            }
        }
        List<InvoiceLine> lines = new ArrayList<>(TrialDiscount.withTrial(calculator.draftLinesFor(plan,
                periodUsage.measure(customer.id(), plan, period.start(), period.endExclusive()), prorations,
                Optional.empty()), subscription, plan, period, billedUntil));
        unusedBaseFee(plan, period, billedUntil).ifPresent(line -> lines.add(afterBaseAndTrial(lines), line));
        return Invoice.draft(invoiceId(subscription.id(), period.start()), customer, subscription.id(), plan.currency(),
                        period.start(), period.endExclusive(), lines)
                .addLines(otherCharges);
    }

    /** The cancel's credit for the base fee's share after {@code billedUntil}; empty when billed to the end. */
    private static Optional<InvoiceLine> unusedBaseFee(Plan plan, BillingPeriod period, Instant billedUntil) {
        TimeWindow window = period.window();
        if (!billedUntil.isBefore(window.end()) || !plan.basePrice().isPositive()) {
            return Optional.empty();
        }
        Money base = plan.basePrice();
        long unusedSeconds = Duration.between(billedUntil, window.end()).getSeconds();
        BigDecimal share = base.amount().multiply(BigDecimal.valueOf(unusedSeconds))
                .divide(BigDecimal.valueOf(window.length().getSeconds()), Money.minorDigits(base.currency()),
                        ROUNDING.mode());
        if (share.signum() == 0) {
            return Optional.empty();
        }
        LocalDate cancelledOn = LocalDate.ofInstant(billedUntil, period.zone());
        return Optional.of(new InvoiceLine.AdjustmentLine("Cancelled on " + InvoiceDates.format(cancelledOn) + ": unused base fee",
                Money.of(share.negate(), base.currency())));
    }

    /** Index right after the base fee line and the trial's adjustment (if any), or 0 without a base fee line. */
    private static int afterBaseAndTrial(List<InvoiceLine> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof InvoiceLine.BaseFeeLine) {
                int next = i + 1;
                while (next < lines.size() && lines.get(next) instanceof InvoiceLine.AdjustmentLine) {
                    next++;
                }
                return next;
            }
        }
        return 0;
    }
}
