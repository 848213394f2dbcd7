package io.billkit.application.service;

import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.TaxCalculator;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.application.port.out.provider.ProviderSubscriptions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancels the customer's live subscription now (CANCELLED at once) or at the end of the current period
 * (scheduled; {@link ResumeSubscriptionService} undoes it). The provider is told first with a key derived
 * from the subscription id, version and mode, then the change is saved over the version it came from.
 * Scheduling a cancel that is already scheduled changes nothing.
 *
 * <p>An immediate cancel issues the final invoice of the partial period in the same flow, since period
 * close only invoices live subscriptions: first the period is closed for usage ({@link PeriodCloseGuard},
 * own transaction, so usage writes in flight land first), then one transaction saves the CANCELLED
 * subscription, inserts the period's invoice ({@link PeriodInvoicer}: the period's usage, pending charges
 * created before the cancel, the trial's adjustment, and a negative "Cancelled on &lt;date&gt;: unused base
 * fee" line so the base fee is charged pro rata up to the cancel), finalizes it with the next number and
 * writes {@code invoice.created} / {@code invoice.finalized}. The invoice id is derived from the subscription
 * and period, so a period is invoiced once however often the cancel is retried. After the commit the invoice
 * is pushed to the provider like period close pushes it (a zero total is not pushed); a failed push is
 * logged and retried by the next period-close run.
 *
 * <p>A cancel after a period ended but before its close ran first closes that period ({@link EndedPeriodCloser}:
 * invoiced in full, as period close would), then cancels in the period that has begun: its final invoice bills
 * the usage between the period end and the cancel, and the base fee pro rata up to the cancel.
 */
public final class CancelSubscriptionService implements CancelSubscriptionUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(CancelSubscriptionService.class);

    private final SubscriptionStore subscriptions;
    private final ProviderReferenceStore references;
    private final ProviderSubscriptions provider;
    private final Catalog catalog;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final PeriodCloseGuard closeGuard;
    private final PeriodInvoicer invoicer;
    private final InvoicePusher pusher;
    private final EndedPeriodCloser endedPeriods;

    public CancelSubscriptionService(CustomerStore customers, SubscriptionStore subscriptions, UsageEventStore usage,
                                     PendingChargeStore pendingCharges, PeriodCloseGuard closeGuard,
                                     InvoiceStore invoices, ProviderReferenceStore references,
                                     ProviderInvoices providerInvoices, ProviderSubscriptions provider, Catalog catalog, Outbox outbox, Transactions tx,
                                     AuditTrail audit, Clock clock, EndedPeriodCloser endedPeriods) {
        this(customers, subscriptions, usage, pendingCharges, closeGuard, invoices, references, providerInvoices, provider,
                catalog, outbox, tx, audit, clock, SubscriptionDiscounts.none(), endedPeriods,
                TaxCalculator.customerRate(), CustomerBalanceStore.NONE);
    }

    /** The service whose final invoice takes the coupons, is taxed by {@code taxCalculator} and takes the customer's
     * money balance ({@code balances}). */
    public CancelSubscriptionService(CustomerStore customers, SubscriptionStore subscriptions, UsageEventStore usage,
                                     PendingChargeStore pendingCharges, PeriodCloseGuard closeGuard,
                                     InvoiceStore invoices, ProviderReferenceStore references,
                                     ProviderInvoices providerInvoices, ProviderSubscriptions provider, Catalog catalog, Outbox outbox, Transactions tx,
                                     AuditTrail audit, Clock clock, CouponStore coupons, CouponRedemptionStore redemptions,
                                     EndedPeriodCloser endedPeriods, TaxCalculator taxCalculator,
                                     CustomerBalanceStore balances) {
        this(customers, subscriptions, usage, pendingCharges, closeGuard, invoices, references, providerInvoices, provider,
                catalog, outbox, tx, audit, clock, SubscriptionDiscounts.of(coupons, redemptions), endedPeriods, taxCalculator,
                balances);
    }

    private CancelSubscriptionService(CustomerStore customers, SubscriptionStore subscriptions, UsageEventStore usage,
                                      PendingChargeStore pendingCharges, PeriodCloseGuard closeGuard,
                                      InvoiceStore invoices, ProviderReferenceStore references,
                                      ProviderInvoices providerInvoices, ProviderSubscriptions provider, Catalog catalog,
                                      Outbox outbox, Transactions tx, AuditTrail audit, Clock clock,
                                      SubscriptionDiscounts discounts, EndedPeriodCloser endedPeriods,
                                      TaxCalculator taxCalculator, CustomerBalanceStore balances) {
        this.endedPeriods = Objects.requireNonNull(endedPeriods, "endedPeriods");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.closeGuard = Objects.requireNonNull(closeGuard, "closeGuard");
        this.invoicer = new PeriodInvoicer(catalog, Objects.requireNonNull(customers, "customers"),
                Objects.requireNonNull(usage, "usage"), Objects.requireNonNull(pendingCharges, "pendingCharges"),
                Objects.requireNonNull(invoices, "invoices"), outbox, audit, discounts, taxCalculator, balances);
        this.pusher = new InvoicePusher(references, Objects.requireNonNull(providerInvoices, "providerInvoices"),
                invoices, tx, audit, balances);
    }

    @Override
    public SubscriptionView cancel(CancelSubscriptionCommand command) {
        Subscription found = subscriptions.findLive(command.customer()).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "customer " + command.customer() + " has no live subscription"));
        Instant now = clock.instant();
        // a period that ended but is not closed yet is closed first, in full; the cancel applies to the one begun
        Subscription subscription = endedPeriods.closeEndedPeriods(found, now, command.actor());
        if (!subscription.isLive()) {
            return SubscriptionViews.of(subscription, catalog); // it ended with the closed period (cancel at period end)
        }
        Subscription cancelled = command.atPeriodEnd()
                ? subscription.scheduleCancelAtPeriodEnd()
                : subscription.cancelNow(now);
        if (cancelled == subscription) {
            return SubscriptionViews.of(subscription, catalog);
        }
        String key = "subscription-cancel-" + subscription.id().value() + "-v" + subscription.version()
                + (command.atPeriodEnd() ? "-at-period-end" : "-now");
        references.providerId(SubscriptionOpener.SUBSCRIPTION_REF, subscription.id().value())
                .ifPresent(id -> provider.cancelSubscription(id, command.atPeriodEnd(), key));

        BillingPeriod period = subscription.currentPeriod();
        if (!command.atPeriodEnd()) {
            tx.run(() -> closeGuard.close(subscription.id(), period.start()));
        }
        AtomicReference<Invoice> finalInvoice = new AtomicReference<>();
        SubscriptionView view = tx.inTransaction(() -> {
            subscriptions.save(cancelled);
            String type = command.atPeriodEnd() ? "subscription.cancel_scheduled" : "subscription.cancelled";
            Map<String, String> data = Map.of("subscription", subscription.id().value(),
                    "plan", subscription.plan().value(),
                    "atPeriodEnd", Boolean.toString(command.atPeriodEnd()),
                    "effectiveAt", command.atPeriodEnd() ? subscription.currentPeriodEnd().toString() : now.toString());
            OutboxEvents.append(outbox, type, subscription.id().value(), subscription.customer(), data, now);
            audit.record(command.actor(), type, subscription.customer(), data);
            if (!command.atPeriodEnd()) {
                Optional<Invoice> draft = invoicer.insertDraft(cancelled, period);
                draft.ifPresent(d -> finalInvoice.set(invoicer.finalizeDraft(d, now, command.actor(), open -> { })));
            }
            return SubscriptionViews.of(cancelled, catalog);
        });
        if (finalInvoice.get() != null) {
            push(finalInvoice.get(), command);
        }
        return view;
    }

    /** Pushes the final invoice; a provider failure leaves it unlinked for period close to push later. */
    private void push(Invoice invoice, CancelSubscriptionCommand command) {
        try {
            pusher.push(invoice, command.actor(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("cancel: provider push of final invoice {} failed, period close retries it: {}",
                    invoice.id(), e.getMessage());
        }
    }
}
