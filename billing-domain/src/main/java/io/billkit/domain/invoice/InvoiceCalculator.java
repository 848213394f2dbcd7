package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.BillingInterval;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.InvoiceLine.BaseFeeLine;
import io.billkit.domain.invoice.InvoiceLine.CreditAppliedLine;
import io.billkit.domain.invoice.InvoiceLine.ProrationLine;
import io.billkit.domain.invoice.InvoiceLine.UsageLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.subscription.SubscriptionId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds the lines of a subscription's invoice for one period from its {@link Plan} and the usage of
 * the period. Pure: no clock, no stores. Lines come out in this order:
 * <ol>
 *   <li>one {@link BaseFeeLine} for the plan's base price (skipped when the base price is zero);</li>
 *   <li>one {@link UsageLine} per plan meter (in plan order) with billable overage: the units past
 *       the allowance, priced with the meter terms' overage price and rounded once with the
 *       {@link RoundingPolicy} (default {@link RoundingPolicy#PER_LINE_HALF_UP}). Meters under a
 *       {@code HARD} limit or an unlimited allowance never produce a charge;</li>
 *   <li>the given {@link ProrationLine}s, as given;</li>
 *   <li>one {@link CreditAppliedLine} when credit is offered, capped at the charges so the invoice
 *       never goes below zero (skipped when nothing can be applied).</li>
 * </ol>
 */
public final class InvoiceCalculator {
    private final RoundingPolicy rounding;
    private final Map<MeterKey, Meter> meters;

    /** A calculator rounding each line with {@link RoundingPolicy#PER_LINE_HALF_UP}. */
    public InvoiceCalculator() {
        this(RoundingPolicy.PER_LINE_HALF_UP);
    }

    /** A calculator rounding each line with {@code rounding}; usage lines are named by meter key. */
    public InvoiceCalculator(RoundingPolicy rounding) {
        this(rounding, List.of());
    }

    /**
     * A calculator rounding each line with {@code rounding} that names usage lines with the display name
     * and unit of {@code meters} (e.g. a catalog's {@link Catalog#meters()}).
     */
    public InvoiceCalculator(RoundingPolicy rounding, Collection<Meter> meters) {
        this.rounding = Objects.requireNonNull(rounding, "rounding");
        Map<MeterKey, Meter> byKey = new LinkedHashMap<>();
        Objects.requireNonNull(meters, "meters").forEach(m -> byKey.put(m.key(), m));
        this.meters = Map.copyOf(byKey);
    }

    /** A calculator rounding HALF_UP per line that names usage lines after the catalog's meters. */
    public static InvoiceCalculator forCatalog(Catalog catalog) {
        return new InvoiceCalculator(RoundingPolicy.PER_LINE_HALF_UP, Objects.requireNonNull(catalog, "catalog").meters());
    }

    /** Base fee and usage lines for period totals per meter (no proration, no credit). */
    public List<InvoiceLine> draftLines(Plan plan, Map<MeterKey, BigDecimal> usedByMeter) {
        return draftLines(plan, usedByMeter, List.of(), Optional.empty());
    }

    /**
     * All draft lines for period totals per meter.
     *
     * @param usedByMeter   quantity used per meter in the period (a missing meter used nothing); a
     *                      meter the plan does not cover must be zero ({@link ErrorCode#UNKNOWN_METER})
     * @param prorations    proration lines to include, in the plan's currency (may be empty)
     * @param creditToApply credit available to apply (empty or a non-negative amount in the plan's currency)
     */
    public List<InvoiceLine> draftLines(Plan plan, Map<MeterKey, BigDecimal> usedByMeter,
                                        List<ProrationLine> prorations, Optional<Money> creditToApply) {
        Objects.requireNonNull(usedByMeter, "usedByMeter");
        Map<MeterKey, MeteredQuantity> usage = new LinkedHashMap<>();
        usedByMeter.forEach((meter, quantity) -> usage.put(meter, MeteredQuantity.total(quantity)));
        return draftLinesFor(plan, usage, prorations, creditToApply);
    }

    /**
     * All draft lines, with usage given per meter either as a period total or per allowance window
     * (needed for {@code DAY} allowances whose usage exceeds one day's allowance).
     */
    public List<InvoiceLine> draftLinesFor(Plan plan, Map<MeterKey, MeteredQuantity> usage,
                                           List<ProrationLine> prorations, Optional<Money> creditToApply) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(prorations, "prorations");
        Objects.requireNonNull(creditToApply, "creditToApply");
        requireKnownMeters(plan, usage);
        List<InvoiceLine> lines = new ArrayList<>();
        baseFeeLine(plan).ifPresent(lines::add);
        for (MeterTerms terms : plan.meters()) {
            MeteredQuantity used = usage.get(terms.meter());
            if (used != null) {
                usageLine(plan, terms, used).ifPresent(lines::add);
            }
        }
        lines.addAll(prorations);
        creditToApply.flatMap(credit -> creditLine(credit, lines)).ifPresent(lines::add);
        return List.copyOf(lines);
    }

    /** A DRAFT invoice for {@code customer}'s subscription and period holding the draft lines. */
    public Invoice draftInvoice(InvoiceId id, Customer customer, SubscriptionId subscriptionId, Plan plan,
                                LocalDate periodStart, LocalDate periodEndExclusive,
                                Map<MeterKey, BigDecimal> usedByMeter, List<ProrationLine> prorations,
                                Optional<Money> creditToApply) {
        return Invoice.draft(id, customer, subscriptionId, plan.currency(), periodStart, periodEndExclusive,
                draftLines(plan, usedByMeter, prorations, creditToApply));
    }

    /** The base fee line of {@code plan}, empty when its base price is zero. */
    public Optional<InvoiceLine> baseFeeLine(Plan plan) {
        Objects.requireNonNull(plan, "plan");
        if (plan.basePrice().isZero()) {
            return Optional.empty();
        }
        requireCurrency(plan, plan.basePrice());
        return Optional.of(new BaseFeeLine(plan.name() + " plan (" + intervalName(plan.interval()) + ")",
                plan.code(), plan.basePrice()));
    }

    /**
     * The overage line of one meter, empty when nothing is billable (within the allowance, unlimited,
     * or a HARD limit).
     */
    public Optional<InvoiceLine> usageLine(Plan plan, MeterTerms terms, MeteredQuantity used) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(used, "used");
        if (terms.allowance().mode() == LimitMode.HARD
                || !(terms.allowance().included() instanceof Limit.Finite finite)) {
            return Optional.empty();
        }
        List<BigDecimal> windows = windowsOf(plan, terms, used, finite.quantity());
        BigDecimal billable = BigDecimal.ZERO;
        for (BigDecimal quantity : windows) {
            billable = billable.add(terms.billableUnits(quantity));
        }
        BigDecimal exact = terms.overagePrice().exactAmount(billable);
        if (billable.signum() == 0 && exact.signum() == 0) {
            return Optional.empty();
        }
        if (!terms.overagePrice().currency().equals(plan.currency())) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "plan " + plan.code() + ": meter " + terms.meter()
                    + " is priced in " + terms.overagePrice().currency() + ", the plan in " + plan.currency());
        }
        Money amount = rounding.round(exact, plan.currency());
        BigDecimal included = finite.quantity().multiply(BigDecimal.valueOf(windows.size()));
        Optional<Meter> meter = Optional.ofNullable(meters.get(terms.meter()));
        String name = meter.map(Meter::name).filter(n -> !n.isBlank()).orElse(terms.meter().value());
        String unit = meter.map(Meter::unit).orElse("");
        return Optional.of(new UsageLine(name + " overage", terms.meter(), used.total(), included,
                billable, terms.overagePrice().describe(), amount, name, unit,
                terms.overagePrice().breakdown(billable)));
    }

    /**
     * The credit line for {@code available} credit against {@code lines}: {@code -min(available,
     * max(0, charges + credits already applied))}; empty when that is zero.
     */
    public Optional<InvoiceLine> creditLine(Money available, List<? extends InvoiceLine> lines) {
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(lines, "lines");
        BillingException.require(!available.isNegative(), "credit to apply must not be negative: " + available);
        Money zero = Money.zero(available.currency());
        Money balance = zero;
        for (InvoiceLine line : lines) {
            balance = balance.plus(line.amount());
        }
        Money applied = available.min(balance.max(zero));
        if (applied.isZero()) {
            return Optional.empty();
        }
        return Optional.of(new CreditAppliedLine("Credits applied", applied.negate()));
    }

    /**
     * Step 2 of an invoice, between its charge lines and its credit (and tax): {@code chargeLines} followed by
     * one discount line per coupon that takes something off them, coupons in redemption order. The rules
     * (scope, order, HALF_EVEN rounding per discount line, never below zero) are {@link DiscountCalculator}'s.
     */
    public static List<InvoiceLine> applyDiscounts(List<? extends InvoiceLine> chargeLines,
                                                   List<io.billkit.domain.coupon.Coupon> coupons, Currency currency) {
        return DiscountCalculator.withDiscounts(chargeLines, coupons, currency);
    }

    /** The credit actually applied by {@code lines} (positive or zero), to debit from the credit ledger. */
    public static Money creditApplied(List<? extends InvoiceLine> lines, Currency currency) {
        Money applied = Money.zero(currency);
        for (InvoiceLine line : lines) {
            if (line instanceof CreditAppliedLine credit) {
                applied = applied.minus(credit.amount());
            }
        }
        return applied;
    }

    /**
     * The quantities to compare with the allowance, one per window. A period total is one window; it
     * is refused for a DAY allowance (or a MONTH allowance on a yearly plan) when it exceeds one
     * window's allowance, because the overage then depends on how usage fell across the windows.
     */
    private static List<BigDecimal> windowsOf(Plan plan, MeterTerms terms, MeteredQuantity used, BigDecimal perWindow) {
        if (used instanceof MeteredQuantity.PerWindow split) {
            return split.quantities();
        }
        BigDecimal total = used.total();
        Window window = terms.allowance().window();
        boolean onePerPeriod = window == Window.PERIOD
                || (window == Window.MONTH && plan.interval() == BillingInterval.MONTH);
        if (!onePerPeriod && total.compareTo(perWindow) > 0) {
            throw BillingException.invalid("meter " + terms.meter() + " of plan " + plan.code() + " has an allowance per "
                    + window + "; its period total " + total.toPlainString()
                    + " exceeds one window's allowance, so give the usage per window (MeteredQuantity.perWindow)");
        }
        return List.of(total);
    }

    private static void requireKnownMeters(Plan plan, Map<MeterKey, MeteredQuantity> usage) {
        usage.forEach((meter, quantity) -> {
            Objects.requireNonNull(meter, "meter");
            Objects.requireNonNull(quantity, "usage of " + meter);
            if (plan.terms(meter).isEmpty() && quantity.total().signum() != 0) {
                throw new BillingException(ErrorCode.UNKNOWN_METER,
                        "plan " + plan.code() + " has no meter '" + meter + "' but usage " + quantity.total().toPlainString()
                                + " was given for it");
            }
        });
    }

    private static void requireCurrency(Plan plan, Money amount) {
        if (!amount.currency().equals(plan.currency())) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH,
                    "plan " + plan.code() + " is in " + plan.currency() + " but an amount is in " + amount.currencyCode());
        }
    }

    private static String intervalName(BillingInterval interval) {
        return switch (interval) {
            case MONTH -> "monthly";
            case YEAR -> "yearly";
        };
    }
}
