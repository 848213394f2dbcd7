package io.billkit.application.service;

import io.billkit.application.port.in.snapshot.TakeUsageSnapshotsUseCase;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageSnapshot;
import io.billkit.application.port.out.UsageSnapshotStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.CustomerCalendar;
import io.billkit.domain.usage.MeterUsage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link TakeUsageSnapshotsUseCase}: per customer one transaction. A day's quantity per plan meter is the usage
 * store's aggregate of the day; the day's cost is what the day added to its allowance windows' overage charge:
 * {@code overageCost(window usage through the day) - overageCost(window usage before the day)} per meter, with the
 * window the allowance's (local day, calendar month, or the billing period containing the day), so included units
 * cost nothing and the days of a window add up to its charge. Base fees are not in it.
 */
public final class TakeUsageSnapshotsService implements TakeUsageSnapshotsUseCase {
    public static final int DEFAULT_LOOKBACK_DAYS = 2;

    private final Catalog catalog;
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final UsageEventStore events;
    private final UsageSnapshotStore snapshots;
    private final Transactions tx;
    private final Clock clock;
    private final int lookbackDays;

    public TakeUsageSnapshotsService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                     UsageEventStore events, UsageSnapshotStore snapshots, Transactions tx, Clock clock,
                                     int lookbackDays) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.events = Objects.requireNonNull(events, "events");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        BillingException.require(lookbackDays >= 1 && lookbackDays <= 31, "lookbackDays must be 1..31");
        this.lookbackDays = lookbackDays;
    }

    @Override
    public int takeFinishedDays() {
        Instant now = clock.instant();
        int written = 0;
        for (Subscription subscription : subscriptions.live()) {
            written += tx.inTransaction(() -> snapshot(subscription, now));
        }
        return written;
    }

    private int snapshot(Subscription subscription, Instant now) {
        Customer customer = Customers.require(customers, subscription.customer());
        Plan plan = catalog.requirePlan(subscription.plan());
        CustomerCalendar calendar = new CustomerCalendar(customer.timeZone());
        LocalDate today = calendar.localDate(now);
        LocalDate firstDay = subscription.schedule().anchor();
        int written = 0;
        for (int back = lookbackDays; back >= 1; back--) {
            LocalDate day = today.minusDays(back);
            if (day.isBefore(firstDay)) {
                continue;
            }
            Instant dayStart = calendar.day(day).start();
            BillingPeriod period = subscription.schedule().periodContaining(dayStart);
            Map<MeterKey, BigDecimal> quantities = new LinkedHashMap<>();
            Money cost = Money.zero(plan.currency());
            for (MeterTerms terms : plan.meters()) {
                Meter meter = catalog.requireMeter(terms.meter());
                quantities.put(terms.meter(), events.aggregate(customer.id(), meter, day, day.plusDays(1)));
                LocalDate windowStart = switch (terms.allowance().window()) {
                    case DAY -> day;
                    case MONTH -> day.withDayOfMonth(1);
                    case PERIOD -> period.start();
                };
                BigDecimal before = windowStart.equals(day) ? BigDecimal.ZERO
                        : events.aggregate(customer.id(), meter, windowStart, day);
                BigDecimal through = events.aggregate(customer.id(), meter, windowStart, day.plusDays(1));
                cost = cost.plus(MeterUsage.overageCost(terms, through).minus(MeterUsage.overageCost(terms, before)));
            }
            snapshots.upsert(new UsageSnapshot(customer.id(), day, quantities, cost, now));
            written++;
        }
        return written;
    }
}
