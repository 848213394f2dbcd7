package io.billkit.application.service;

import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageEventStore.DatedUsageEvent;
import io.billkit.application.port.out.UsageEventStore.StoredEventKey;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.quota.QuotaPolicy;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.usage.UsageEvent;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Validates, deduplicates, admits and stores usage events; shared by RecordUsage and ConsumeQuota.
 *
 * <p>Per event, in this order: the meter is in the catalog (UNKNOWN_METER); the customer is known and has a
 * live subscription (NOT_FOUND); the event id and quantity are valid (INVALID_ARGUMENT, from
 * {@link UsageEvent}); the (customer, event id) is not stored yet and not earlier in the batch (else
 * DUPLICATE: a retry is reported as a duplicate even if the period closed or the plan changed since); the
 * plan covers the meter (UNKNOWN_METER); the timestamp is at most {@link #MAX_CLOCK_SKEW} after now
 * (EVENT_IN_FUTURE) and not before the subscription started (INVALID_ARGUMENT); the billing period containing
 * it (customer's zone) is not closed (PERIOD_CLOSED); and under a HARD allowance the quota admits it
 * (QUOTA_EXCEEDED).
 *
 * <p><b>Order of dedupe, quota and append.</b> Admission is decided before the append, all in the caller's
 * one transaction: one {@link UsageEventStore#storedAmong} first for the events of the batch a stored duplicate
 * must not reach (those that would be refused, and those charged to a HARD quota: a stored event never reaches
 * the quota), then
 * {@link QuotaCounters#tryConsume} (a refused event is never appended, so it leaves no row), then one
 * {@link UsageEventStore#appendNew} for the admitted events of the batch. The store's unique constraint stays
 * the authority: when a concurrent transaction stored the same (customer, event id) between our
 * {@code storedAmong} and our append, the append skips it. For an event that consumed quota that would count it
 * twice, so the whole transaction is rolled back ({@link LostRace}) and retried by {@link #withRaceRetry};
 * the retry sees the stored event and reports it DUPLICATE. Events without a counted quota are simply
 * reported DUPLICATE; that is also how a plain event (no refusal, no HARD quota) is found stored without a
 * lookup, so a batch of such events costs no lookup at all. Since in-memory transactions run one at a time the race only exists with a
 * concurrent store such as PostgreSQL.
 */
final class UsageIngestion {
    /** How far after the clock an event's timestamp may be (clients' clocks drift). */
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int RACE_ATTEMPTS = 3;

    private final BillingContexts contexts;
    private final UsageEventStore events;
    private final QuotaCounters counters;
    private final PeriodCloseGuard periods;

    UsageIngestion(BillingContexts contexts, UsageEventStore events, QuotaCounters counters, PeriodCloseGuard periods) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.events = Objects.requireNonNull(events, "events");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.periods = Objects.requireNonNull(periods, "periods");
    }

    /**
     * Thrown inside the transaction when a concurrent writer stored an event this batch had already charged
     * to a quota counter; the transaction must roll back and run again.
     */
    static final class LostRace extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LostRace(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Runs {@code work} in its own transaction, again (up to 3 times) when it lost a race. Call it only
     * outside any transaction: a joined outer transaction would not roll back between attempts.
     */
    static <T> T withRaceRetry(Transactions tx, Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.inTransaction(work);
            } catch (LostRace race) {
                if (attempt >= RACE_ATTEMPTS) {
                    throw new BillingException(ErrorCode.CONFLICT,
                            "usage was recorded concurrently with the same event ids; retry the request", race);
                }
            }
        }
    }

    /**
     * Ingests the events at {@code now}; call inside a transaction. Returns the outcomes in input order.
     *
     * @throws LostRace when a concurrent writer won a race on a quota-charged event (roll back and retry)
     */
    List<UsageEventOutcome> ingest(List<UsageEventInput> inputs, Instant now) {
        UsageEventOutcome[] outcomes = new UsageEventOutcome[inputs.size()];
        Map<CustomerId, Resolution> contextByCustomer = new HashMap<>();
        Map<String, Boolean> closedPeriods = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>(inputs.size());
        List<StoredEventKey> toLookUp = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            UsageEventInput input = inputs.get(i);
            Resolution resolved = contextByCustomer.computeIfAbsent(input.customer(), id -> resolve(id, now));
            Object checked = check(i, input, resolved, now, closedPeriods);
            if (checked instanceof Decision.Done done) {
                outcomes[i] = done.outcome();
            } else {
                Candidate candidate = (Candidate) checked;
                candidates.add(candidate);
                if (candidate.needsLookup()) {
                    toLookUp.add(new StoredEventKey(candidate.event().customer(), candidate.event().eventId()));
                }
            }
        }
        // only events a stored duplicate must not reach (a refusal, a quota charge) are looked up first; the
        // others go straight to the append, whose unique constraint reports a stored one as not appended
        Set<StoredEventKey> stored = toLookUp.isEmpty() ? Set.of() : events.storedAmong(toLookUp);
        Set<EventKey> inBatch = new HashSet<>();
        List<Admitted> admitted = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Decision decision = decide(candidate, inBatch, stored);
            if (decision instanceof Decision.Done done) {
                outcomes[candidate.index()] = done.outcome();
            } else if (decision instanceof Decision.Admit admit) {
                admitted.add(new Admitted(candidate.index(), admit.dated(), admit.counted()));
                outcomes[candidate.index()] = UsageEventOutcome.accepted(candidate.event().eventId());
            }
        }
        if (!admitted.isEmpty()) {
            Set<EventKey> appended = new HashSet<>();
            events.appendNew(admitted.stream().map(Admitted::dated).toList())
                    .forEach(d -> appended.add(EventKey.of(d.event())));
            for (Admitted a : admitted) {
                if (!appended.contains(EventKey.of(a.dated().event()))) {
                    if (a.counted()) {
                        throw new LostRace("event " + a.dated().event().eventId() + " of " + a.dated().event().customer()
                                + " was stored concurrently after its quota was charged");
                    }
                    outcomes[a.index()] = UsageEventOutcome.duplicate(a.dated().event().eventId());
                }
            }
        }
        return List.of(outcomes);
    }

    /** The customer's billing context, or why the customer cannot record usage. */
    private Resolution resolve(CustomerId customer, Instant now) {
        try {
            return contexts.find(customer, now).<Resolution>map(Resolution.Found::new)
                    .orElse(new Resolution.Refused(ErrorCode.NOT_FOUND, "customer " + customer + " has no live subscription"));
        } catch (BillingException e) {
            return new Resolution.Refused(e.code(), e.getMessage());
        }
    }

    private sealed interface Resolution {
        record Found(BillingContext context) implements Resolution {
        }

        record Refused(ErrorCode code, String reason) implements Resolution {
        }
    }

    /**
     * An event past the checks that come before deduplication, with the outcome of the checks that come after
     * it ({@code refusal}, null when none) but before its quota is charged.
     */
    private record Candidate(int index, UsageEvent event, Meter meter, BillingContext context, MeterTerms terms,
                             BillingPeriod period, Decision.Done refusal) {
        /** Whether a stored duplicate must be found before deciding: it would be refused, or charged to a quota. */
        boolean needsLookup() {
            return refusal != null || terms.allowance().mode() == LimitMode.HARD && !terms.allowance().isUnlimited();
        }
    }

    /**
     * The checks of one event that do not depend on the stored events: a {@link Decision.Done} refusal of those
     * that come before deduplication, else a {@link Candidate} carrying the result of those that come after it.
     */
    private Object check(int index, UsageEventInput input, Resolution resolved, Instant now,
                         Map<String, Boolean> closedPeriods) {
        String id = input.eventId();
        Meter meter;
        try {
            meter = UsageQuotas.requireMeter(contexts.catalog(), input.meter());
        } catch (BillingException e) {
            return Decision.reject(id, e.code(), e.getMessage());
        }
        if (resolved instanceof Resolution.Refused refused) {
            return Decision.reject(id, refused.code(), refused.reason());
        }
        BillingContext context = ((Resolution.Found) resolved).context();
        UsageEvent event;
        try {
            event = new UsageEvent(id, input.customer(), meter.key(), input.quantity(), input.timestamp(), input.properties());
        } catch (BillingException e) {
            return Decision.reject(id, e.code(), e.getMessage());
        }
        var terms = context.plan().terms(meter.key());
        if (terms.isEmpty()) {
            return new Candidate(index, event, meter, context, null, null, Decision.reject(id,
                    ErrorCode.UNKNOWN_METER, "plan " + context.plan().code() + " has no meter '" + meter.key() + "'"));
        }
        Instant at = event.timestamp();
        if (at.isAfter(now.plus(MAX_CLOCK_SKEW))) {
            return new Candidate(index, event, meter, context, terms.get(), null, Decision.reject(id,
                    ErrorCode.EVENT_IN_FUTURE, "timestamp " + at + " is more than " + MAX_CLOCK_SKEW.toMinutes()
                            + " minutes after now (" + now + ")"));
        }
        Subscription subscription = context.subscription();
        if (at.isBefore(subscription.createdAt())) {
            return new Candidate(index, event, meter, context, terms.get(), null, Decision.reject(id,
                    ErrorCode.INVALID_ARGUMENT, "timestamp " + at + " is before subscription " + subscription.id()
                            + " started (" + subscription.createdAt() + ")"));
        }
        BillingPeriod period = subscription.schedule().periodContaining(at);
        boolean closed = closedPeriods.computeIfAbsent(subscription.id().value() + "|" + period.start(),
                k -> periods.isClosed(subscription.id(), period.start()));
        if (closed) {
            return new Candidate(index, event, meter, context, terms.get(), period, Decision.reject(id,
                    ErrorCode.PERIOD_CLOSED, "the billing period " + period.start() + ".." + period.lastDay()
                            + " of subscription " + subscription.id() + " is closed"));
        }
        Optional<String> unpaid = UsageQuotas.unpaidBlock(context, terms.get());
        if (unpaid.isPresent()) {
            return new Candidate(index, event, meter, context, terms.get(), period,
                    Decision.reject(id, ErrorCode.SUBSCRIPTION_UNPAID, unpaid.get()));
        }
        return new Candidate(index, event, meter, context, terms.get(), period, null);
    }

    /** Deduplication (in the batch, and among the looked-up stored events), then the quota charge. */
    private Decision decide(Candidate candidate, Set<EventKey> inBatch, Set<StoredEventKey> stored) {
        UsageEvent event = candidate.event();
        String id = event.eventId();
        EventKey key = EventKey.of(event);
        if (inBatch.contains(key) || candidate.needsLookup() && stored.contains(new StoredEventKey(event.customer(), id))) {
            return new Decision.Done(UsageEventOutcome.duplicate(id));
        }
        if (candidate.refusal() != null) {
            return candidate.refusal();
        }
        Optional<String> refusal = chargeHardQuota(candidate.context(), candidate.terms(), candidate.meter(), event,
                candidate.period());
        if (refusal.isPresent()) {
            return Decision.reject(id, ErrorCode.QUOTA_EXCEEDED, refusal.get());
        }
        inBatch.add(key);
        LocalDate day = candidate.context().calendar().localDate(event.timestamp());
        return new Decision.Admit(new DatedUsageEvent(event, day, candidate.meter()),
                UsageQuotas.counted(candidate.terms(), candidate.meter()));
    }

    /**
     * Under a HARD allowance, charges the event to the window's quota counter (or, for MAX and LATEST meters,
     * checks its quantity against the limit). Returns why it is refused, empty when admitted or not HARD.
     */
    private Optional<String> chargeHardQuota(BillingContext context, MeterTerms terms, Meter meter, UsageEvent event,
                                             BillingPeriod period) {
        if (terms.allowance().mode() != LimitMode.HARD || terms.allowance().isUnlimited()) {
            return Optional.empty();
        }
        if (!UsageQuotas.counted(terms, meter)) {
            return QuotaPolicy.decide(terms.allowance(), BigDecimal.ZERO, event.quantity()).isDenied()
                    ? Optional.of("quota of meter '" + meter.key() + "' exceeded: " + event.quantity().toPlainString()
                            + " is over the limit of " + terms.allowance().included())
                    : Optional.empty();
        }
        AllowanceWindow window = AllowanceWindow.at(context.calendar(), terms.allowance().window(), event.timestamp(), period);
        BigDecimal amount = UsageQuotas.amount(meter, event);
        QuotaCounters.Consumption consumption = counters.tryConsume(event.customer(), meter.key(), window.start(),
                amount, UsageQuotas.limitOf(terms));
        return consumption.admitted()
                ? Optional.empty()
                : Optional.of("quota of meter '" + meter.key() + "' exceeded: " + consumption.used().toPlainString()
                        + " of " + terms.allowance().included() + " used in the " + window + " ("
                        + context.calendar().zone().getId() + "), requested " + amount.toPlainString());
    }

    private record EventKey(CustomerId customer, String eventId) {
        static EventKey of(UsageEvent event) {
            return new EventKey(event.customer(), event.eventId());
        }
    }

    private record Admitted(int index, DatedUsageEvent dated, boolean counted) {
    }

    private sealed interface Decision {
        record Done(UsageEventOutcome outcome) implements Decision {
        }

        record Admit(DatedUsageEvent dated, boolean counted) implements Decision {
        }

        static Done reject(String eventId, ErrorCode code, String reason) {
            return new Done(UsageEventOutcome.rejected(eventId, code, reason));
        }
    }
}
