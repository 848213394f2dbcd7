package io.billkit.application.service;

import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.CustomerCalendar;

import java.util.Objects;

/**
 * What the services need to bill a customer at one instant: the customer (time zone, tax, terms), the
 * live subscription, its plan from the catalog, the billing period containing the instant and the
 * customer's calendar.
 */
public record BillingContext(Customer customer, Subscription subscription, Plan plan, BillingPeriod period,
                             CustomerCalendar calendar) {
    public BillingContext {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(calendar, "calendar");
    }
}
