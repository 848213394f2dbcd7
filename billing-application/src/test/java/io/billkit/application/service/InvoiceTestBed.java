package io.billkit.application.service;

import io.billkit.application.inmemory.InMemoryAuditLog;
import io.billkit.application.inmemory.InMemoryCustomerStore;
import io.billkit.application.inmemory.InMemoryIdempotencyStore;
import io.billkit.application.inmemory.InMemoryInvoiceStore;
import io.billkit.application.inmemory.InMemoryOutbox;
import io.billkit.application.inmemory.InMemoryPendingChargeStore;
import io.billkit.application.inmemory.InMemoryPeriodCloseGuard;
import io.billkit.application.inmemory.InMemoryProviderReferenceStore;
import io.billkit.application.inmemory.InMemoryReconciliationRunStore;
import io.billkit.application.inmemory.InMemorySubscriptionStore;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** In-memory stores, the mock provider and a settable clock, wired like bootstrap wires the real ones. */
final class InvoiceTestBed {
    final SettableClock clock = SettableClock.at("2026-01-01T00:00:00Z");
    final InMemoryTransactions tx = new InMemoryTransactions();
    final Catalog catalog;
    final InMemoryCustomerStore customers = new InMemoryCustomerStore(tx);
    final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore(tx);
    final TestUsageEventStore usage = new TestUsageEventStore();
    final InMemoryPendingChargeStore pendingCharges = new InMemoryPendingChargeStore(tx);
    final InMemoryPeriodCloseGuard closeGuard = new InMemoryPeriodCloseGuard(tx);
    final InMemoryInvoiceStore invoices = new InMemoryInvoiceStore(tx);
    final TestCreditLedgerStore credits = new TestCreditLedgerStore();
    final InMemoryProviderReferenceStore references = new InMemoryProviderReferenceStore(tx);
    final MockPaymentProvider provider = new MockPaymentProvider(clock);
    final InMemoryOutbox outbox = new InMemoryOutbox(tx);
    final InMemoryAuditLog auditLog = new InMemoryAuditLog(tx);
    final AuditTrail audit = new AuditTrail(auditLog, clock);
    final InMemoryIdempotencyStore idempotency = new InMemoryIdempotencyStore(tx);
    final InMemoryReconciliationRunStore runs = new InMemoryReconciliationRunStore(tx);

    InvoiceTestBed(Catalog catalog) {
        this.catalog = catalog;
    }

    ClosePeriodService closePeriod() {
        return closePeriod(invoices);
    }

    ClosePeriodService closePeriod(InvoiceStore invoiceStore) {
        return ClosePeriodService.standard(catalog, customers, subscriptions, usage, pendingCharges, closeGuard,
                invoiceStore, credits, references, provider, outbox, tx, audit, clock,
                ClosePeriodService.Settings.defaults());
    }

    ClosePeriodResult runClose() {
        return closePeriod().close(new ClosePeriodCommand(Actor.system()));
    }

    /** A customer in UTC with {@code taxRate}, mirrored at the provider like UpsertCustomer does. */
    Customer customer(String id, String taxRate) {
        return customer(id, taxRate, ZoneOffset.UTC);
    }

    Customer customer(String id, String taxRate, ZoneId zone) {
        Customer customer = Customer.of(CustomerId.of(id), "Customer " + id, id + "@example.com")
                .withTaxRate(new BigDecimal(taxRate)).withTimeZone(zone)
                .withAddress("1 Market Street\nSan Francisco, CA 94105");
        customers.save(customer);
        String providerId = provider.createCustomer(id, customer.name(), customer.email(), "customer-create-" + id).id();
        references.link(UpsertCustomerService.CUSTOMER_REF, id, providerId);
        return customer;
    }

    String providerCustomer(Customer customer) {
        return references.providerId(UpsertCustomerService.CUSTOMER_REF, customer.id().value()).orElseThrow();
    }

    /**
     * An ACTIVE subscription without a trial started at {@code at}: a plan's trial is skipped (no
     * {@code trialEnd}), so its invoices bill the full base fee. See {@link #subscribeWithTrial}.
     */
    Subscription subscribe(Customer customer, String plan, Instant at) {
        Subscription subscription = Subscription.start(SubscriptionId.of("sub_" + customer.id().value()), customer.id(),
                catalog.requirePlan(PlanCode.of(plan)), at, customer.timeZone());
        if (subscription.status() == SubscriptionStatus.TRIALING) {
            subscriptions.save(new Subscription(subscription.id(), subscription.customer(), subscription.plan(),
                    SubscriptionStatus.ACTIVE, subscription.schedule(), subscription.currentPeriod(), Optional.empty(),
                    false, Optional.empty(), Optional.empty(), subscription.createdAt(), 0));
        } else {
            subscriptions.save(subscription);
        }
        return subscriptions.find(subscription.id()).orElseThrow();
    }

    /** The subscription as {@link Subscription#start} makes it: TRIALING until its plan's trial ends, if it has one. */
    Subscription subscribeWithTrial(Customer customer, String plan, Instant at) {
        Subscription subscription = Subscription.start(SubscriptionId.of("sub_" + customer.id().value()), customer.id(),
                catalog.requirePlan(PlanCode.of(plan)), at, customer.timeZone());
        subscriptions.save(subscription);
        return subscription;
    }

    List<AuditEntry> audit(String action) {
        return auditLog.recent(Optional.empty(), 1000).stream().filter(e -> e.action().equals(action)).toList();
    }
}
