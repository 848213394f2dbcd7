package io.billkit.application.service;

import io.billkit.application.inmemory.InMemoryAuditLog;
import io.billkit.application.inmemory.InMemoryCreditLedgerStore;
import io.billkit.application.inmemory.InMemoryCustomerStore;
import io.billkit.application.inmemory.InMemoryOutbox;
import io.billkit.application.inmemory.InMemoryPendingChargeStore;
import io.billkit.application.inmemory.InMemoryPeriodCloseGuard;
import io.billkit.application.inmemory.InMemoryProviderEventCursor;
import io.billkit.application.inmemory.InMemoryProviderEventInbox;
import io.billkit.application.inmemory.InMemoryProviderReferenceStore;
import io.billkit.application.inmemory.InMemorySubscriptionStore;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Every subscription and credit service wired to in-memory stores, the mock provider and a settable clock. */
final class SubscriptionFixture {
    static final Actor ADMIN = new Actor("admin_1", "10.0.0.7", "console/1.0");

    final SettableClock clock = SettableClock.at("2026-03-01T00:00:00Z");
    final Catalog catalog;
    final InMemoryTransactions tx = new InMemoryTransactions();
    final InMemoryCustomerStore customers = new InMemoryCustomerStore(tx);
    final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore(tx);
    final InMemoryCreditLedgerStore ledgers = new InMemoryCreditLedgerStore(tx);
    final InMemoryPendingChargeStore pendingCharges = new InMemoryPendingChargeStore(tx);
    final InMemoryProviderReferenceStore references = new InMemoryProviderReferenceStore(tx);
    final InMemoryOutbox outbox = new InMemoryOutbox(tx);
    final InMemoryAuditLog auditLog = new InMemoryAuditLog(tx);
    final InMemoryProviderEventInbox inbox = new InMemoryProviderEventInbox(tx);
    final InMemoryProviderEventCursor cursor = new InMemoryProviderEventCursor(tx);
    final io.billkit.application.inmemory.InMemoryInvoicePaymentFailures paymentFailures =
            new io.billkit.application.inmemory.InMemoryInvoicePaymentFailures(tx);
    final MapInvoiceStore invoices = new MapInvoiceStore();
    final TestUsageEventStore usage = new TestUsageEventStore();
    final InMemoryPeriodCloseGuard closeGuard = new InMemoryPeriodCloseGuard(tx);
    final MockPaymentProvider provider = new MockPaymentProvider(clock);
    final AuditTrail audit = new AuditTrail(auditLog, clock);

    final SubscribeService subscribe;
    final ChangePlanService changePlan;
    final CancelSubscriptionService cancel;
    final ResumeSubscriptionService resume;
    final GetSubscriptionService getSubscription;
    final StartCheckoutService checkout;
    final OpenCustomerPortalService portal;
    final GrantCreditsService grantCredits;
    final PurchaseCreditsService purchaseCredits;
    final ConsumeCreditsService consumeCredits;
    final GetCreditBalanceService creditBalance;
    final HandleProviderEventService providerEvents;

    SubscriptionFixture(Catalog catalog) {
        this.catalog = catalog;
        BillingContexts contexts = new BillingContexts(customers, subscriptions, catalog);
        subscribe = new SubscribeService(customers, subscriptions, ledgers, references, provider, provider, catalog, outbox, tx,
                audit, clock);
        EndedPeriodCloser endedPeriods = ClosePeriodService.standard(catalog, customers, subscriptions, usage,
                pendingCharges, closeGuard, invoices, ledgers, references, provider, outbox, tx, audit, clock,
                ClosePeriodService.Settings.defaults()).endedPeriods();
        changePlan = new ChangePlanService(contexts, subscriptions, pendingCharges, references, provider, outbox, tx,
                audit, clock, endedPeriods);
        cancel = new CancelSubscriptionService(customers, subscriptions, usage, pendingCharges, closeGuard, invoices,
                references, provider, provider, catalog, outbox, tx, audit, clock, endedPeriods);
        resume = new ResumeSubscriptionService(subscriptions, references, provider, catalog, outbox, tx, audit, clock);
        getSubscription = new GetSubscriptionService(subscriptions, catalog);
        checkout = new StartCheckoutService(customers, subscriptions, references, provider, provider, catalog, tx, audit, clock);
        portal = new OpenCustomerPortalService(customers, references, provider, provider, tx, audit);
        grantCredits = new GrantCreditsService(customers, ledgers, outbox, tx, audit, clock);
        purchaseCredits = new PurchaseCreditsService(customers, ledgers, references, provider, provider, catalog, outbox, tx,
                audit, clock);
        consumeCredits = new ConsumeCreditsService(customers, subscriptions, ledgers, catalog, tx, audit, clock);
        creditBalance = new GetCreditBalanceService(subscriptions, ledgers, catalog, tx, audit, clock);
        providerEvents = new HandleProviderEventService(inbox, cursor, customers, subscriptions, invoices, ledgers,
                references, paymentFailures, catalog, outbox, audit, tx, clock,
                new io.billkit.application.inmemory.InMemoryDunningStore(tx), io.billkit.domain.dunning.DunningPolicy.standard());
    }

    /** A customer known locally and at the provider (through the real upsert use case). */
    CustomerId customer(String id) {
        return customer(id, ZoneId.of("UTC"));
    }

    CustomerId customer(String id, ZoneId zone) {
        Customer customer = Customer.of(CustomerId.of(id), "Customer " + id, id + "@example.com").withTimeZone(zone);
        new UpsertCustomerService(customers, references, provider, tx, audit)
                .upsert(new UpsertCustomerCommand(customer, ADMIN));
        return customer.id();
    }

    SubscriptionView subscribe(CustomerId customer, String plan) {
        return subscribe.subscribe(new SubscribeCommand(customer, PlanCode.of(plan), ADMIN));
    }

    String providerCustomer(CustomerId customer) {
        return references.providerId("customer", customer.value()).orElseThrow();
    }

    List<OutboxEvent> outboxOfType(String type) {
        return outbox.all().stream().filter(e -> e.type().equals(type)).toList();
    }

    List<AuditEntry> auditOf(CustomerId customer, String action) {
        return auditLog.recent(Optional.of(customer), 1000).stream().filter(e -> e.action().equals(action)).toList();
    }

    long providerCalls(String method) {
        return provider.calls().stream().filter(c -> c.method().equals(method)).count();
    }
}
