package io.billkit.application.service;

import io.billkit.application.inmemory.InMemoryAuditLog;
import io.billkit.application.inmemory.InMemoryCustomerStore;
import io.billkit.application.inmemory.InMemoryOutbox;
import io.billkit.application.inmemory.InMemoryPeriodCloseGuard;
import io.billkit.application.inmemory.InMemoryQuotaCounters;
import io.billkit.application.inmemory.InMemorySubscriptionStore;
import io.billkit.application.inmemory.InMemoryTransactions;
import io.billkit.application.inmemory.InMemoryUsageAlertStore;
import io.billkit.application.inmemory.InMemoryUsageEventStore;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The usage services wired to the in-memory stores and a settable clock, for one test. */
final class UsageTestFixture {
    static final Actor ACTOR = new Actor("user_1", "10.0.0.1", "junit");

    final SettableClock clock;
    final Catalog catalog;
    final InMemoryTransactions tx = new InMemoryTransactions();
    final InMemoryCustomerStore customers = new InMemoryCustomerStore(tx);
    final InMemorySubscriptionStore subscriptions = new InMemorySubscriptionStore(tx);
    final InMemoryUsageEventStore events = new InMemoryUsageEventStore(tx);
    final InMemoryQuotaCounters counters = new InMemoryQuotaCounters(tx);
    final InMemoryPeriodCloseGuard periods = new InMemoryPeriodCloseGuard(tx);
    final InMemoryUsageAlertStore alerts = new InMemoryUsageAlertStore(tx);
    final InMemoryOutbox outbox = new InMemoryOutbox(tx);
    final InMemoryAuditLog auditLog = new InMemoryAuditLog(tx);
    final AuditTrail audit;
    final BillingContexts contexts;

    UsageTestFixture(Catalog catalog, String now) {
        this.catalog = catalog;
        this.clock = SettableClock.at(now);
        this.audit = new AuditTrail(auditLog, clock);
        this.contexts = new BillingContexts(customers, subscriptions, catalog);
    }

    RecordUsageService recordUsage() {
        return recordUsage(events);
    }

    RecordUsageService recordUsage(UsageEventStore store) {
        return new RecordUsageService(contexts, store, counters, periods, tx, audit, clock);
    }

    CheckQuotaService checkQuota() {
        return new CheckQuotaService(contexts, events, counters, clock);
    }

    ConsumeQuotaService consumeQuota() {
        return new ConsumeQuotaService(contexts, events, counters, periods, tx, audit, clock);
    }

    GetCurrentUsageService currentUsage() {
        return new GetCurrentUsageService(contexts, events, clock);
    }

    GetUsageHistoryService usageHistory() {
        return new GetUsageHistoryService(contexts, events);
    }

    EvaluateUsageAlertsService usageAlerts() {
        return new EvaluateUsageAlertsService(contexts, events, alerts, outbox, tx, audit, clock);
    }

    /** A customer in {@code zone} without a subscription. */
    CustomerId customer(String id, ZoneId zone) {
        CustomerId customerId = CustomerId.of(id);
        customers.save(Customer.of(customerId, "Customer " + id, id + "@example.com").withTimeZone(zone));
        return customerId;
    }

    /** A customer in {@code zone} subscribed to {@code plan} at {@code at}. */
    Subscription subscribe(String customerId, ZoneId zone, String plan, String at) {
        CustomerId customer = customer(customerId, zone);
        Subscription subscription = Subscription.start(SubscriptionId.of("sub_" + customerId), customer,
                catalog.requirePlan(PlanCode.of(plan)), Instant.parse(at), zone);
        subscriptions.save(subscription);
        return subscription;
    }

    static UsageEventInput event(String id, CustomerId customer, String meter, String quantity, String at) {
        return new UsageEventInput(id, customer, meter, new BigDecimal(quantity), Instant.parse(at), Map.of());
    }

    static UsageEventInput event(String id, CustomerId customer, String meter, String quantity, Instant at) {
        return new UsageEventInput(id, customer, meter, new BigDecimal(quantity), at, Map.of());
    }

    RecordUsageResult record(UsageEventInput... inputs) {
        return recordUsage().record(new RecordUsageCommand(List.of(inputs), ACTOR));
    }

    RecordUsageResult record(List<UsageEventInput> inputs) {
        return recordUsage().record(new RecordUsageCommand(inputs, ACTOR));
    }
}
