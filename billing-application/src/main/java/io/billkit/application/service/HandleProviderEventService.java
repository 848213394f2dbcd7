package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.HandleProviderEventUseCase;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies a verified payment-provider event exactly once. Everything happens in ONE transaction: the
 * inbox mark ({@link ProviderEventInbox#markReceived}; already marked = {@link ProviderEventResult#DUPLICATE}),
 * the effect, the outbox event and the audit entry, so effect and mark commit (or roll back) together and
 * a redelivery after a rollback is handled again.
 *
 * <p>Effects by type:
 * <ul>
 *   <li>{@code invoice.payment_succeeded}: the local invoice (linked as kind {@code invoice}) becomes PAID,
 *       its PAST_DUE subscription ACTIVE again;</li>
 *   <li>{@code invoice.payment_failed}: counts the failed payment (the count is kept in the audit data and
 *       the outbox payload, {@code failedPayments}), an ACTIVE subscription becomes PAST_DUE; for an invoice
 *       already PAID or VOID it is {@link ProviderEventResult#STALE} (a late delivery never rolls back);</li>
 *   <li>{@code customer.subscription.deleted}: CANCELLED; {@code customer.subscription.updated}: syncs the
 *       scheduled cancel ({@code cancel_at_period_end}) and the status (active, past_due, canceled);
 *       {@code customer.subscription.trial_will_end}: outbox event only;</li>
 *   <li>{@code checkout.session.completed}: mode {@code subscription} starts the local subscription (unless
 *       the provider's subscription is already known); mode {@code payment} with a credit product grants
 *       its PURCHASED credits once per session;</li>
 *   <li>{@code invoice.created}, {@code invoice.finalized}: moves the invoice's event cursor (sync only);</li>
 *   <li>{@code charge.refunded}, {@code payment_intent.*}: audit only (IGNORED); any other type: IGNORED.</li>
 * </ul>
 * Ordering: per provider object the {@link ProviderEventCursor} keeps the creation time of the newest event
 * applied; an older event is STALE and changes nothing (recorded in the audit).
 */
public final class HandleProviderEventService implements HandleProviderEventUseCase {
    static final Actor PROVIDER = Actor.of("provider");
    private static final String INVOICE_REF = "invoice";
    private static final String SUBSCRIPTION_REF = SubscriptionOpener.SUBSCRIPTION_REF;
    private static final String AUDIT_ACTION = "provider.event";
    private static final int AUDIT_SCAN_LIMIT = 1000;

    private final ProviderEventInbox inbox;
    private final ProviderEventCursor cursor;
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final InvoiceStore invoices;
    private final CreditLedgerStore ledgers;
    private final ProviderReferenceStore references;
    private final Catalog catalog;
    private final Outbox outbox;
    private final AuditLog auditLog;
    private final AuditTrail audit;
    private final Transactions tx;
    private final Clock clock;
    private final SubscriptionOpener opener;

    public HandleProviderEventService(ProviderEventInbox inbox, ProviderEventCursor cursor, CustomerStore customers,
                                      SubscriptionStore subscriptions, InvoiceStore invoices, CreditLedgerStore ledgers,
                                      ProviderReferenceStore references, Catalog catalog, Outbox outbox,
                                      AuditLog auditLog, AuditTrail audit, Transactions tx, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.references = Objects.requireNonNull(references, "references");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.opener = new SubscriptionOpener(subscriptions, ledgers, references, outbox, audit);
    }

    /** What applying one event did: the result, the local customer concerned (if known) and details to audit. */
    private record Outcome(ProviderEventResult result, Optional<CustomerId> customer, Map<String, String> details) {
        static Outcome of(ProviderEventResult result, Optional<CustomerId> customer, String note) {
            Map<String, String> details = new HashMap<>();
            details.put("note", note);
            return new Outcome(result, customer, details);
        }
    }

    @Override
    public ProviderEventResult handle(ProviderEvent event) {
        Objects.requireNonNull(event, "event");
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            if (!inbox.markReceived(event.id(), event.type(), event.createdAt(), now)) {
                return ProviderEventResult.DUPLICATE;
            }
            Outcome outcome = apply(event, now);
            if (outcome.result() == ProviderEventResult.APPLIED) {
                inbox.markProcessed(event.id(), now);
            }
            Map<String, String> data = new HashMap<>(outcome.details());
            data.put("eventId", event.id());
            data.put("type", event.type());
            data.put("objectId", event.objectId());
            data.put("providerCreatedAt", event.createdAt().toString());
            data.put("result", outcome.result().name());
            Optional<CustomerId> customer = outcome.customer().or(() -> localCustomer(event));
            if (customer.isPresent()) {
                audit.record(PROVIDER, AUDIT_ACTION, customer.get(), data);
            } else {
                audit.recordSystemWide(PROVIDER, AUDIT_ACTION, data);
            }
            return outcome.result();
        });
    }

    private Outcome apply(ProviderEvent event, Instant now) {
        String type = event.type();
        return switch (type) {
            case "invoice.payment_succeeded" -> invoicePaid(event, now);
            case "invoice.payment_failed" -> invoicePaymentFailed(event, now);
            case "invoice.created", "invoice.finalized" -> invoiceSynced(event);
            case "customer.subscription.deleted" -> subscriptionDeleted(event, now);
            case "customer.subscription.updated" -> subscriptionUpdated(event, now);
            case "customer.subscription.trial_will_end" -> trialWillEnd(event, now);
            case "checkout.session.completed" -> checkoutCompleted(event, now);
            case "charge.refunded" -> Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "audited only");
            default -> type.startsWith("payment_intent.")
                    ? Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "audited only")
                    : Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "type not handled");
        };
    }

    // --- invoices

    private Outcome invoicePaid(ProviderEvent event, Instant now) {
        String providerInvoice = event.get(ProviderEvent.INVOICE).orElse(event.objectId());
        Optional<Invoice> found = localInvoice(providerInvoice);
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown invoice");
        }
        Invoice invoice = found.get();
        Optional<CustomerId> customer = Optional.of(invoice.customerId());
        if (!cursor.advance(INVOICE_REF, providerInvoice, event.createdAt())) {
            return Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the invoice");
        }
        if (!invoice.status().canTransitionTo(InvoiceStatus.PAID)) {
            return Outcome.of(ProviderEventResult.IGNORED, customer, "invoice is " + invoice.status());
        }
        Instant paidAt = invoice.finalizedAt().filter(now::isBefore).orElse(now);
        Invoice paid = invoice.markPaid(paidAt);
        invoices.update(paid);
        Map<String, String> details = new HashMap<>();
        details.put("invoice", invoice.id().value());
        subscriptions.find(invoice.subscriptionId())
                .filter(s -> s.status() == SubscriptionStatus.PAST_DUE)
                .ifPresent(s -> {
                    subscriptions.save(s.recover());
                    details.put("subscriptionStatus", SubscriptionStatus.ACTIVE.name());
                });
        OutboxEvents.append(outbox, "invoice.paid", invoice.id().value(), invoice.customerId(), details, now);
        return new Outcome(ProviderEventResult.APPLIED, customer, details);
    }

    private Outcome invoicePaymentFailed(ProviderEvent event, Instant now) {
        String providerInvoice = event.get(ProviderEvent.INVOICE).orElse(event.objectId());
        Optional<Invoice> found = localInvoice(providerInvoice);
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown invoice");
        }
        Invoice invoice = found.get();
        Optional<CustomerId> customer = Optional.of(invoice.customerId());
        if (invoice.status() == InvoiceStatus.PAID || invoice.status() == InvoiceStatus.VOID) {
            return Outcome.of(ProviderEventResult.STALE, customer, "invoice is already " + invoice.status());
        }
        if (!cursor.advance(INVOICE_REF, providerInvoice, event.createdAt())) {
            return Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the invoice");
        }
        int failedPayments = event.get("attempt_count").filter(c -> c.matches("[0-9]{1,6}")).map(Integer::parseInt)
                .orElseGet(() -> previousFailedPayments(invoice) + 1);
        Map<String, String> details = new HashMap<>();
        details.put("invoice", invoice.id().value());
        details.put("failedPayments", Integer.toString(failedPayments));
        subscriptions.find(invoice.subscriptionId())
                .filter(s -> s.status() == SubscriptionStatus.ACTIVE)
                .ifPresent(s -> {
                    subscriptions.save(s.markPastDue());
                    details.put("subscriptionStatus", SubscriptionStatus.PAST_DUE.name());
                });
        OutboxEvents.append(outbox, "invoice.payment_failed", invoice.id().value(), invoice.customerId(), details, now);
        return new Outcome(ProviderEventResult.APPLIED, customer, details);
    }

    /** Failed payments of {@code invoice} applied before, counted from this service's audit entries. */
    private int previousFailedPayments(Invoice invoice) {
        return (int) auditLog.recent(Optional.of(invoice.customerId()), AUDIT_SCAN_LIMIT).stream()
                .filter(e -> e.action().equals(AUDIT_ACTION))
                .map(AuditEntry::data)
                .filter(d -> "invoice.payment_failed".equals(d.get("type"))
                        && ProviderEventResult.APPLIED.name().equals(d.get("result"))
                        && invoice.id().value().equals(d.get("invoice")))
                .count();
    }

    private Outcome invoiceSynced(ProviderEvent event) {
        String providerInvoice = event.get(ProviderEvent.INVOICE).orElse(event.objectId());
        Optional<Invoice> found = localInvoice(providerInvoice);
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown invoice");
        }
        Optional<CustomerId> customer = Optional.of(found.get().customerId());
        if (!cursor.advance(INVOICE_REF, providerInvoice, event.createdAt())) {
            return Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the invoice");
        }
        Outcome outcome = Outcome.of(ProviderEventResult.APPLIED, customer, "synced");
        outcome.details().put("invoice", found.get().id().value());
        return outcome;
    }

    private Optional<Invoice> localInvoice(String providerInvoice) {
        return references.localId(INVOICE_REF, providerInvoice).flatMap(id -> invoices.find(InvoiceId.of(id)));
    }

    // --- subscriptions

    private Optional<Subscription> localSubscription(ProviderEvent event) {
        String providerSubscription = event.get(ProviderEvent.SUBSCRIPTION).orElse(event.objectId());
        return references.localId(SUBSCRIPTION_REF, providerSubscription)
                .flatMap(id -> subscriptions.find(SubscriptionId.of(id)));
    }

    private String providerSubscriptionId(ProviderEvent event) {
        return event.get(ProviderEvent.SUBSCRIPTION).orElse(event.objectId());
    }

    private Outcome subscriptionDeleted(ProviderEvent event, Instant now) {
        Optional<Subscription> found = localSubscription(event);
        Optional<Outcome> skipped = skipUnlessCurrentAndLive(event, found);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Subscription subscription = found.get();
        Optional<CustomerId> customer = Optional.of(subscription.customer());
        Instant cancelledAt = event.createdAt().isBefore(subscription.createdAt()) ? now : event.createdAt();
        subscriptions.save(subscription.cancelNow(cancelledAt));
        Map<String, String> details = new HashMap<>();
        details.put("subscription", subscription.id().value());
        details.put("cancelledAt", cancelledAt.toString());
        OutboxEvents.append(outbox, "subscription.cancelled", subscription.id().value(), subscription.customer(),
                details, now);
        return new Outcome(ProviderEventResult.APPLIED, customer, details);
    }

    private Outcome subscriptionUpdated(ProviderEvent event, Instant now) {
        Optional<Subscription> found = localSubscription(event);
        Optional<Outcome> skipped = skipUnlessCurrentAndLive(event, found);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Subscription original = found.get();
        Optional<CustomerId> customer = Optional.of(original.customer());
        Subscription current = original;
        Optional<String> cancelAtPeriodEnd = event.get(ProviderEvent.CANCEL_AT_PERIOD_END);
        if (cancelAtPeriodEnd.isPresent()) {
            current = save(current, Boolean.parseBoolean(cancelAtPeriodEnd.get())
                    ? current.scheduleCancelAtPeriodEnd() : current.resume());
        }
        String status = event.get(ProviderEvent.STATUS).orElse("");
        if (status.equals("active") && current.status() == SubscriptionStatus.TRIALING) {
            current = save(current, current.activate());
        } else if (status.equals("active") && current.status() == SubscriptionStatus.PAST_DUE) {
            current = save(current, current.recover());
        } else if (status.equals("past_due") && current.status() == SubscriptionStatus.ACTIVE) {
            current = save(current, current.markPastDue());
        } else if (status.equals("canceled")) {
            Instant at = event.createdAt().isBefore(current.createdAt()) ? now : event.createdAt();
            current = save(current, current.cancelNow(at));
        }
        Map<String, String> details = new HashMap<>();
        details.put("subscription", original.id().value());
        details.put("status", current.status().name());
        details.put("cancelAtPeriodEnd", Boolean.toString(current.cancelAtPeriodEnd()));
        if (current != original) {
            OutboxEvents.append(outbox, "subscription.updated", original.id().value(), original.customer(), details, now);
        }
        return new Outcome(ProviderEventResult.APPLIED, customer, details);
    }

    /**
     * Why a subscription event is not applied: IGNORED for an unknown or ended subscription, STALE when a newer
     * event was applied to it (the cursor moves otherwise); empty when it should be applied.
     */
    private Optional<Outcome> skipUnlessCurrentAndLive(ProviderEvent event, Optional<Subscription> found) {
        if (found.isEmpty()) {
            return Optional.of(Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown subscription"));
        }
        Subscription subscription = found.get();
        Optional<CustomerId> customer = Optional.of(subscription.customer());
        if (!cursor.advance(SUBSCRIPTION_REF, providerSubscriptionId(event), event.createdAt())) {
            return Optional.of(Outcome.of(ProviderEventResult.STALE, customer, "a newer event was applied to the subscription"));
        }
        if (!subscription.isLive()) {
            return Optional.of(Outcome.of(ProviderEventResult.IGNORED, customer,
                    "subscription is already " + subscription.status()));
        }
        return Optional.empty();
    }

    /** Saves {@code next} when it differs from {@code current} (each domain change adds one version). */
    private Subscription save(Subscription current, Subscription next) {
        if (next != current) {
            subscriptions.save(next);
        }
        return next;
    }

    private Outcome trialWillEnd(ProviderEvent event, Instant now) {
        Optional<Subscription> found = localSubscription(event);
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown subscription");
        }
        Subscription subscription = found.get();
        Map<String, String> details = new HashMap<>();
        details.put("subscription", subscription.id().value());
        subscription.trialEnd().ifPresent(end -> details.put("trialEnd", end.toString()));
        OutboxEvents.append(outbox, "subscription.trial_will_end", subscription.id().value(), subscription.customer(),
                details, now);
        return new Outcome(ProviderEventResult.APPLIED, Optional.of(subscription.customer()), details);
    }

    // --- checkout

    private Outcome checkoutCompleted(ProviderEvent event, Instant now) {
        Optional<Customer> customer = localCustomer(event).flatMap(customers::find);
        if (customer.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown customer");
        }
        String mode = event.get(ProviderEvent.MODE).orElse("");
        if (mode.equals("subscription")) {
            return checkoutSubscription(event, customer.get(), now);
        }
        if (mode.equals("payment") && event.get(ProviderEvent.CREDIT_PRODUCT).isPresent()) {
            return checkoutCreditPack(event, customer.get(), now);
        }
        return Outcome.of(ProviderEventResult.IGNORED, Optional.of(customer.get().id()), "checkout mode '" + mode + "' not handled");
    }

    private Outcome checkoutSubscription(ProviderEvent event, Customer customer, Instant now) {
        Optional<CustomerId> customerId = Optional.of(customer.id());
        Optional<Plan> plan = event.get(ProviderEvent.PLAN).flatMap(this::plan);
        Optional<String> providerSubscription = event.get(ProviderEvent.SUBSCRIPTION);
        if (plan.isEmpty() || providerSubscription.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "checkout without a known plan or subscription");
        }
        if (references.localId(SUBSCRIPTION_REF, providerSubscription.get()).isPresent()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "subscription already known");
        }
        Optional<Subscription> live = subscriptions.findLive(customer.id());
        if (live.isPresent()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId,
                    "customer already has a live subscription " + live.get().id());
        }
        SubscriptionId id = SubscriptionId.of("sub_" + DerivedIds.hash("checkout", providerSubscription.get()));
        Subscription started = Subscription.start(id, customer.id(), plan.get(), now, customer.timeZone());
        opener.open(started, plan.get(), providerSubscription.get(), PROVIDER, "checkout " + event.objectId());
        Outcome outcome = Outcome.of(ProviderEventResult.APPLIED, customerId, "subscribed");
        outcome.details().put("subscription", id.value());
        return outcome;
    }

    private Optional<Plan> plan(String code) {
        try {
            return catalog.plan(PlanCode.of(code));
        } catch (BillingException e) {
            return Optional.empty();
        }
    }

    private Outcome checkoutCreditPack(ProviderEvent event, Customer customer, Instant now) {
        Optional<CustomerId> customerId = Optional.of(customer.id());
        String productCode = event.get(ProviderEvent.CREDIT_PRODUCT).orElseThrow();
        Optional<CreditProduct> product = catalog.creditProducts().stream()
                .filter(p -> p.code().equals(productCode)).findFirst();
        if (product.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "unknown credit product " + productCode);
        }
        CreditGrantId grantId = CreditGrantId.of("checkout_" + DerivedIds.hash(event.objectId()));
        CreditLedger ledger = ledgers.load(customer.id());
        if (ledger.grant(grantId).isPresent()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "credits of this checkout already granted");
        }
        CreditGrant grant = CreditGrant.purchased(grantId, customer.id(), product.get(), now,
                "checkout " + event.objectId());
        ledgers.apply(ledger.version(), ledger.grant(grant));
        Map<String, String> details = new HashMap<>();
        details.put("grant", grantId.value());
        details.put("product", productCode);
        details.put("credits", product.get().credits().toPlainString());
        OutboxEvents.append(outbox, "credits.purchased", grantId.value(), customer.id(), details, now);
        return new Outcome(ProviderEventResult.APPLIED, customerId, details);
    }

    private Optional<CustomerId> localCustomer(ProviderEvent event) {
        return event.get(ProviderEvent.CUSTOMER)
                .flatMap(providerCustomer -> references.localId(ProviderCustomers.CUSTOMER_REF, providerCustomer))
                .map(CustomerId::of);
    }
}
