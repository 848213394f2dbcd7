package io.billkit.application.service;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.CustomerCalendar;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Loads {@link BillingContext}s from the stores and the catalog. */
public final class BillingContexts {
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final Catalog catalog;

    public BillingContexts(CustomerStore customers, SubscriptionStore subscriptions, Catalog catalog) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /** The customer, or NOT_FOUND. */
    public Customer customer(CustomerId id) {
        return Customers.require(customers, id);
    }

    /** The context of the customer's live subscription at {@code at}; NOT_FOUND without customer or live subscription. */
    public BillingContext live(CustomerId id, Instant at) {
        return find(id, at).orElseThrow(() ->
                new BillingException(ErrorCode.NOT_FOUND, "customer " + id + " has no live subscription"));
    }

    /** The context of the customer's live subscription at {@code at}, if it has one (NOT_FOUND for an unknown customer). */
    public Optional<BillingContext> find(CustomerId id, Instant at) {
        Customer customer = customer(id);
        return subscriptions.findLive(id).map(subscription -> of(customer, subscription, at));
    }

    /** The context of {@code subscription} at {@code at} (the period of its schedule containing {@code at}). */
    public BillingContext of(Customer customer, Subscription subscription, Instant at) {
        var schedule = subscription.schedule();
        var period = at.isBefore(subscription.currentPeriod().window().start())
                ? subscription.currentPeriod()
                : schedule.periodContaining(at);
        return new BillingContext(customer, subscription, catalog.requirePlan(subscription.plan()), period,
                new CustomerCalendar(customer.timeZone()));
    }

    public Catalog catalog() {
        return catalog;
    }
}
