package io.billkit.application.service;

import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.MeterUsage;
import io.billkit.domain.usage.UsageEvent;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the usage of an allowance's window comes from. A HARD allowance of an additive meter (COUNT, SUM,
 * UNIQUE_COUNT) is enforced by an atomic {@link QuotaCounters} counter, which is then authoritative; every
 * other allowance reads the usage store's aggregate. MAX and LATEST meters under HARD need no counter: the
 * window's value stays within the limit exactly when each event's quantity does.
 *
 * <p>UNIQUE_COUNT under HARD counts one unit per event, so repeated values count again: conservative (it may
 * refuse before the distinct count reaches the limit, never after). No seed catalog has such a meter.
 */
final class UsageQuotas {
    private final UsageEventStore events;
    private final QuotaCounters counters;

    UsageQuotas(UsageEventStore events, QuotaCounters counters) {
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
    }

    /** The catalog's meter with key {@code key} as sent; UNKNOWN_METER also for a malformed key. */
    static Meter requireMeter(Catalog catalog, String key) {
        try {
            return catalog.requireMeter(MeterKey.of(key));
        } catch (BillingException e) {
            throw new BillingException(ErrorCode.UNKNOWN_METER, "unknown meter '" + key + "'", e);
        }
    }

    /** Whether the terms' allowance is a HARD limit enforced by a quota counter. */
    static boolean counted(MeterTerms terms, Meter meter) {
        return terms.allowance().mode() == LimitMode.HARD && !terms.allowance().isUnlimited()
                && meter.aggregation() != Aggregation.MAX && meter.aggregation() != Aggregation.LATEST;
    }

    /** What one event adds to a counted allowance: 1 for COUNT and UNIQUE_COUNT, its quantity for SUM. */
    static BigDecimal amount(Meter meter, UsageEvent event) {
        return meter.aggregation() == Aggregation.SUM ? event.quantity() : BigDecimal.ONE;
    }

    /** The limit of a finite allowance. */
    static BigDecimal limitOf(MeterTerms terms) {
        return ((Limit.Finite) terms.allowance().included()).quantity();
    }

    /** The usage of {@code meter} in {@code window}: the counter when counted, else the store's aggregate. */
    BigDecimal used(CustomerId customer, Meter meter, MeterTerms terms, AllowanceWindow window) {
        if (counted(terms, meter)) {
            return counters.used(customer, meter.key(), window.start());
        }
        return events.aggregate(customer, meter, window.firstDay(), window.endDay());
    }

    /** The view of a decision; {@code used} is the window's usage after it. */
    static QuotaView view(MeterTerms terms, Admission admission, BigDecimal requested, BigDecimal used,
                          BigDecimal overBy, AllowanceWindow window) {
        Limit limit = terms.allowance().included();
        Optional<BigDecimal> remaining = MeterUsage.remaining(limit, used) instanceof Limit.Finite finite
                ? Optional.of(finite.quantity())
                : Optional.empty();
        return new QuotaView(terms.meter(), admission, terms.allowance().mode(), requested, used, limit, remaining,
                overBy, window.kind(), window.start(), window.end());
    }

    /**
     * Why usage of a HARD-limited meter is refused while the subscription is UNPAID (dunning's final action), empty
     * when it is not refused for that reason (SOFT and unlimited meters keep working; overage is billed as usual).
     */
    static java.util.Optional<String> unpaidBlock(BillingContext context, MeterTerms terms) {
        if (context.subscription().status() != io.billkit.domain.subscription.SubscriptionStatus.UNPAID
                || terms.allowance().mode() != io.billkit.domain.catalog.LimitMode.HARD
                || terms.allowance().isUnlimited()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("subscription " + context.subscription().id() + " is unpaid: usage of meter '"
                + terms.meter() + "' (HARD limit) is blocked until the overdue invoice is paid");
    }
}
