package io.billkit.application.service;

import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.summary.BillingSummaryView;
import io.billkit.application.port.in.summary.GetBillingSummaryUseCase;
import io.billkit.application.port.in.summary.InvoicePreview;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.credit.CreditBalance;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.UsageForecast;
import io.billkit.domain.invoice.InvoiceCalculator;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.invoice.MeteredQuantity;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.CustomerCalendar;
import io.billkit.domain.time.TimeWindow;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer's billing overview. For the live subscription's current (not yet invoiced) period it shows:
 * <ul>
 *   <li>month-to-date spend: what the period would bill now, base fee less the free trial's share
 *       ({@code TrialDiscount}) plus overage so far, before tax (pending charges not included);</li>
 *   <li>per meter: the usage of the allowance's current window (day, calendar month or period), the
 *       allowance, its overage and a linear projection to the window's end;</li>
 *   <li>the upcoming invoice: the calculator's draft lines for the period so far plus the pending charges
 *       and the discount lines of the coupons that would apply to it,
 *       with tax at the customer's rate (nothing is stored);</li>
 *   <li>the credit balance now, like {@link GetCreditBalanceService}: the live subscription's credits for
 *       the period containing now and the expiry of expired credits as they will be written, computed in
 *       memory ({@code PeriodCredits#projected}); this view writes nothing.</li>
 * </ul>
 * Without a live subscription the spend is zero in the currency of the latest subscription's plan (or of
 * the catalog's first plan) and there is no usage or upcoming invoice. An unknown customer is NOT_FOUND.
 */
public final class GetBillingSummaryService implements GetBillingSummaryUseCase {
    private final Catalog catalog;
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final PendingChargeStore pendingCharges;
    private final CreditLedgerStore credits;
    private final Clock clock;
    private final PeriodUsage periodUsage;
    private final UsageEventStore usage;
    private final InvoiceCalculator calculator = new InvoiceCalculator();
    private final SubscriptionDiscounts discounts;

    public GetBillingSummaryService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                    UsageEventStore usage, PendingChargeStore pendingCharges, CreditLedgerStore credits,
                                    Transactions tx, AuditTrail audit, Clock clock) {
        this(catalog, customers, subscriptions, usage, pendingCharges, credits, tx, audit, clock,
                SubscriptionDiscounts.none());
    }

    /** The service whose upcoming invoice takes the coupons the period's invoice would take. */
    public GetBillingSummaryService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                    UsageEventStore usage, PendingChargeStore pendingCharges, CreditLedgerStore credits,
                                    Transactions tx, AuditTrail audit, Clock clock,
                                    io.billkit.application.port.out.CouponStore coupons,
                                    io.billkit.application.port.out.CouponRedemptionStore redemptions) {
        this(catalog, customers, subscriptions, usage, pendingCharges, credits, tx, audit, clock,
                SubscriptionDiscounts.of(coupons, redemptions));
    }

    private GetBillingSummaryService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                     UsageEventStore usage, PendingChargeStore pendingCharges, CreditLedgerStore credits,
                                     Transactions tx, AuditTrail audit, Clock clock, SubscriptionDiscounts discounts) {
        this.discounts = Objects.requireNonNull(discounts, "discounts");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.usage = Objects.requireNonNull(usage, "usage");
        this.pendingCharges = Objects.requireNonNull(pendingCharges, "pendingCharges");
        this.credits = Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(tx, "tx"); // kept for the wiring; a read needs no transaction
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(audit, "audit");
        this.periodUsage = new PeriodUsage(usage, catalog);
    }

    @Override
    public BillingSummaryView summary(CustomerId id) {
        Objects.requireNonNull(id, "customer");
        Instant now = clock.instant();
        Customer customer = Customers.require(customers, id);
        CreditBalanceView creditView = credits(id, now);
        Optional<Subscription> live = subscriptions.findLive(id);
        if (live.isEmpty()) {
            Currency currency = subscriptions.findLatest(id).flatMap(s -> catalog.plan(s.plan())).map(Plan::currency)
                    .orElseGet(() -> catalog.plans().isEmpty() ? Money.currency("USD") : catalog.plans().get(0).currency());
            return new BillingSummaryView(id, Optional.empty(), Money.zero(currency), List.of(), Optional.empty(),
                    creditView);
        }
        Subscription subscription = live.get();
        Plan plan = catalog.requirePlan(subscription.plan());
        BillingPeriod period = subscription.currentPeriod();
        Instant at = within(period.window(), now);
        LocalDate today = new CustomerCalendar(period.zone()).localDate(at);
        LocalDate toExclusive = today.plusDays(1).isBefore(period.endExclusive()) ? today.plusDays(1) : period.endExclusive();

        Map<MeterKey, MeteredQuantity> used = periodUsage.measure(id, plan, period.start(), toExclusive);
        List<InvoiceLine> spendLines = TrialDiscount.withTrial(
                calculator.draftLinesFor(plan, used, List.of(), Optional.empty()), subscription, plan, period);
        Money spend = sum(plan.currency(), spendLines);

        List<InvoiceLine> previewLines = new ArrayList<>(spendLines);
        pendingCharges.peek(subscription.id()).stream().map(PendingCharge::line).forEach(previewLines::add);
        List<io.billkit.domain.coupon.Coupon> coupons = discounts.forPeriod(subscription, plan, period.window().end()).coupons();
        List<InvoiceLine> upcoming = coupons.isEmpty() ? previewLines
                : InvoiceCalculator.applyDiscounts(previewLines, coupons, plan.currency());
        InvoiceTotals totals = InvoiceTotals.of(plan.currency(), upcoming, customer.taxRate());
        InvoicePreview preview = new InvoicePreview(period.start(), period.endExclusive(),
                InvoiceViews.lines(upcoming), totals.subtotal(), totals.tax(), totals.total());

        return new BillingSummaryView(id, Optional.of(subscriptionView(subscription, plan)), spend,
                meterViews(customer, plan, period, at), Optional.of(preview), creditView);
    }

    private List<MeterUsageView> meterViews(Customer customer, Plan plan, BillingPeriod period, Instant at) {
        CustomerCalendar calendar = new CustomerCalendar(period.zone());
        List<MeterUsageView> views = new ArrayList<>();
        for (MeterTerms terms : plan.meters()) {
            Meter meter = catalog.requireMeter(terms.meter());
            TimeWindow window = calendar.window(terms.allowance().window(), at, period);
            LocalDate from = calendar.localDate(window.start());
            LocalDate today = calendar.localDate(at);
            BigDecimal usedInWindow = usage.aggregate(customer.id(), meter, from, today.plusDays(1));
            MeterUsage meterUsage = MeterUsage.of(terms, usedInWindow);
            UsageForecast forecast = UsageForecast.of(terms, usedInWindow, window, at);
            Optional<BigDecimal> remaining = meterUsage.remaining() instanceof Limit.Finite finite
                    ? Optional.of(finite.quantity())
                    : Optional.empty();
            views.add(new MeterUsageView(terms.meter(), meter.name(), meter.unit(), terms.allowance().window(),
                    terms.allowance().mode(), usedInWindow, meterUsage.included(), remaining, meterUsage.percentUsed(),
                    meterUsage.overageUnits(), meterUsage.overageCost(), forecast.projectedUsage(),
                    forecast.projectedOverageCost()));
        }
        return views;
    }

    private CreditBalanceView credits(CustomerId id, Instant now) {
        CreditLedger ledger = PeriodCredits.projected(credits, subscriptions, catalog, id, now);
        CreditBalance balance = ledger.balance(now);
        Optional<Instant> nextExpiry = ledger.grants().stream()
                .filter(g -> g.availableAt(now).signum() > 0 && g.expiresAt().isPresent())
                .map(g -> g.expiresAt().get()).min(Comparator.naturalOrder());
        BigDecimal expiringNext = nextExpiry.map(expiry -> ledger.grants().stream()
                        .filter(g -> g.expiresAt().equals(Optional.of(expiry)))
                        .map(g -> g.availableAt(now)).reduce(BigDecimal.ZERO, BigDecimal::add))
                .orElse(BigDecimal.ZERO);
        return new CreditBalanceView(id, balance.total(), balance.purchased(), balance.subscription(),
                balance.promotional(), nextExpiry, expiringNext, now);
    }

    private static SubscriptionView subscriptionView(Subscription s, Plan plan) {
        return new SubscriptionView(s.id(), s.customer(), s.plan(), plan.name(), s.status(), s.currentPeriod().start(),
                s.currentPeriod().endExclusive(), s.trialEnd(), s.cancelAtPeriodEnd(), s.pendingPlan(), s.cancelledAt());
    }

    /** {@code now}, or the period's last instant when the period ended and is not invoiced yet. */
    private static Instant within(TimeWindow window, Instant now) {
        if (now.isBefore(window.start())) {
            return window.start();
        }
        return now.isBefore(window.end()) ? now : window.end().minusNanos(1);
    }

    private static Money sum(Currency currency, List<InvoiceLine> lines) {
        Money total = Money.zero(currency);
        for (InvoiceLine line : lines) {
            total = total.plus(line.amount());
        }
        return total;
    }
}
