package io.billkit.application.service;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageThresholdStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceCalculator;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceKind;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.ProgressiveBilling;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.time.BillingPeriod;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Progressive billing's job: issues a threshold invoice for a live subscription whose usage charges accrued in its
 * current period crossed a level of its {@link UsageThresholds} (its own, else its plan's) above the level its
 * period's last threshold invoice was issued at. One subscription per transaction, claimed with
 * {@link UsageThresholdStore#claimSubscriptions} (PostgreSQL: {@code FOR UPDATE SKIP LOCKED} on the subscription
 * row, so two replicas never check one subscription at once and the second to get it sees the first's invoice);
 * the invoice's id is derived from (subscription, period start, its sequence in the period), so even a racing
 * insert of the same invoice inserts nothing. Usage ingestion does no threshold work: a crossing is invoiced on
 * the next run (every {@code PERIOD_CLOSE_INTERVAL}).
 * <p>The invoice ({@link InvoiceKind#THRESHOLD}) holds the period's usage lines as accrued now, one deduction per
 * meter for what earlier threshold invoices of the period billed, and the accrued lines' tax minus theirs
 * ({@link PeriodInvoicer#netOf}); no base fee, pending charges, coupons or credits (those are the period-end
 * invoice's). It is finalized with the next number of the one gapless series, written to the outbox
 * ({@code invoice.created} with {@code kind=threshold}) and the audit log ({@code invoice.finalized}, and
 * {@code invoice.threshold_reached} with the level and the accrued amount), and pushed like any invoice.
 */
final class IssueThresholdInvoicesJob implements PeriodCloseJob {
    private final Catalog catalog;
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final UsageThresholdStore thresholds;
    private final InvoiceStore invoices;
    private final PeriodUsage periodUsage;
    private final InvoiceCalculator calculator;
    private final PeriodInvoicer invoicer;
    private final PushInvoicesJob pushes;
    private final AuditTrail audit;
    private final Transactions tx;
    private final int maxItems;

    IssueThresholdInvoicesJob(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                              UsageThresholdStore thresholds, InvoiceStore invoices, PeriodUsage periodUsage,
                              PeriodInvoicer invoicer, PushInvoicesJob pushes, AuditTrail audit, Transactions tx,
                              int maxItems) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.periodUsage = Objects.requireNonNull(periodUsage, "periodUsage");
        this.calculator = InvoiceCalculator.forCatalog(catalog);
        this.invoicer = Objects.requireNonNull(invoicer, "invoicer");
        this.pushes = Objects.requireNonNull(pushes, "pushes");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.maxItems = maxItems;
    }

    @Override
    public void run(Instant now, PeriodCloseRun run) {
        Optional<SubscriptionId> after = Optional.empty();
        for (int i = 0; i < maxItems; i++) {
            SubscriptionId[] claimed = new SubscriptionId[1];
            Optional<SubscriptionId> from = after;
            try {
                Optional<Optional<Invoice>> checked = tx.inTransaction(() -> {
                    List<SubscriptionId> next = thresholds.claimSubscriptions(from, 1);
                    if (next.isEmpty()) {
                        return Optional.<Optional<Invoice>>empty();
                    }
                    claimed[0] = next.get(0);
                    return Optional.of(check(claimed[0], now, run));
                });
                if (checked.isEmpty()) {
                    return;
                }
                after = Optional.of(claimed[0]);
                if (checked.get().isPresent()) {
                    run.created(checked.get().get().id());
                    pushes.push(checked.get().get(), now, run);
                }
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    run.fail("claiming subscriptions with usage thresholds", e);
                    return;
                }
                after = Optional.of(claimed[0]);
                run.fail("usage thresholds of subscription " + claimed[0], e);
            }
        }
    }

    /** In the claiming transaction: the threshold invoice issued for the subscription now, if one is due. */
    private Optional<Invoice> check(SubscriptionId id, Instant now, PeriodCloseRun run) {
        Optional<Subscription> found = subscriptions.find(id);
        if (found.isEmpty() || !found.get().isLive()) {
            return Optional.empty();
        }
        Subscription subscription = found.get();
        BillingPeriod period = subscription.currentPeriod();
        if (!period.contains(now)) {
            return Optional.empty(); // ended: the period close bills it (late usage included)
        }
        Optional<UsageThresholds> configured = thresholds.forSubscription(id).or(() -> thresholds.forPlan(subscription.plan()));
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        Plan plan = catalog.requirePlan(subscription.plan());
        UsageThresholds levels = configured.get();
        if (!levels.currency().equals(plan.currency())) {
            throw new BillingException(ErrorCode.CURRENCY_MISMATCH, "usage thresholds in "
                    + levels.currency().getCurrencyCode() + " for plan " + plan.code() + " billed in "
                    + plan.currency().getCurrencyCode());
        }
        Customer customer = Customers.require(customers, subscription.customer());
        List<InvoiceLine> usage = calculator.draftLinesFor(plan, periodUsage.measure(customer.id(), plan, period.start(),
                        period.endExclusive()), List.of(), Optional.empty()).stream()
                .filter(line -> line instanceof InvoiceLine.UsageLine).toList();
        Money accrued = ProgressiveBilling.accruedUsage(plan.currency(), usage);
        Optional<Money> level = levels.levelReached(accrued);
        List<Invoice> earlier = invoices.thresholdInvoices(id, period.start());
        List<Invoice> billed = ProgressiveBilling.billed(earlier);
        Optional<Money> lastLevel = billed.stream().map(ProgressiveBilling::accruedAt).map(levels::levelReached)
                .flatMap(Optional::stream).max(Money::compareTo);
        if (level.isEmpty() || lastLevel.filter(last -> !level.get().isGreaterThan(last)).isPresent()) {
            return Optional.empty();
        }
        Invoice whole = Invoice.draft(thresholdInvoiceId(id, period.start(), earlier.size() + 1), customer, id,
                plan.currency(), period.start(), period.endExclusive(), usage).withKind(InvoiceKind.THRESHOLD);
        Invoice draft = invoicer.netOf(whole, billed, customer);
        if (!draft.totals().subtotal().isPositive() || !invoices.insertIfAbsent(draft)) {
            return Optional.empty(); // nothing new to bill (usage of a LATEST meter fell), or inserted concurrently
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("thresholdLevel", level.get().amount().toPlainString());
        data.put("accruedUsage", accrued.amount().toPlainString());
        Invoice open = invoicer.finalizeDraft(draft, now, run.actor(), invoice -> { }, data);
        Map<String, String> reached = new LinkedHashMap<>(data);
        reached.put("invoice", open.id().value());
        reached.put("subscription", id.value());
        audit.record(run.actor(), "invoice.threshold_reached", open.customerId(), reached);
        return Optional.of(open);
    }

    /** A stable id per subscription, period and sequence within the period (1, 2, ...). */
    static InvoiceId thresholdInvoiceId(SubscriptionId subscription, LocalDate periodStart, int sequence) {
        return InvoiceId.of("inv_" + Hashes.sha256Hex(subscription.value() + "|" + periodStart + "|threshold|" + sequence)
                .substring(0, 32));
    }
}
