package io.billkit.application.usagelog;

import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventClaims;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.usage.UsageRollup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link UsageEventStore} whose events live in an event log (ClickHouse) while the deduplication truth stays
 * in the system of record (PostgreSQL): {@link UsageEventClaims}.
 *
 * <p><b>Write path.</b> {@link #appendNew} claims the events in the records' transaction (the same one as the
 * quota counters) and appends the claimed ones to the log in the log's unit of work, which the
 * {@link #transactions() unit of work} of this store opens around the records' transaction. So the records
 * commit first, the log's unit second: the log's rows become visible only after the claims are durable, and
 * the writing transaction sees its own events. When both committed, the claims are marked shipped.
 *
 * <p><b>Failure story.</b> The answer ACCEPTED means the claim (and a copy of the event) is committed.
 * <ul>
 *   <li>The records' transaction fails or rolls back: the log's unit never commits, its rows stay invisible,
 *       the ids stay free for the retry.</li>
 *   <li>The log refuses the append, or fails at its commit after the records committed (ClickHouse down, a
 *       lost connection): ingestion still answers (the claims hold the events) and the claims stay
 *       "unshipped". Every read of a customer first ships the customer's committed unshipped claims, and
 *       {@link #shipUnshipped} (the scheduler) ships the rest; until the log answers, reads fail with
 *       {@code USAGE_STORE_UNAVAILABLE} (503) rather than answer with usage missing, so no period is closed
 *       on partial usage.</li>
 *   <li>Shipped, but marking it failed, or shipped twice by two replicas at once: the log keeps one row per
 *       (customer, event id) (ClickHouse: ReplacingMergeTree key and {@code LIMIT 1 BY} on read), so nothing
 *       is counted twice.</li>
 * </ul>
 * Nothing acknowledged is lost (the claim holds the event until the log has it) and nothing is counted twice
 * (one claim per id; the log dedupes a re-sent event).
 */
public final class EventLogUsageStore implements UsageEventStore {
    private static final Logger log = LoggerFactory.getLogger(EventLogUsageStore.class);
    /** Claims shipped per round by {@link #shipUnshipped} and by a read. */
    static final int SHIP_BATCH = 5_000;

    private final UsageEventClaims claims;
    private final UsageEventStore eventLog;
    private final UnitOfWork unit;
    private final ThreadLocal<List<DatedUsageEvent>> appendedInUnit = new ThreadLocal<>();

    /**
     * @param records         the system of record's transactions (the claims and everything else commit there)
     * @param eventLogUnits   the event log's unit of work ({@code eventLog}'s rows become visible when it ends)
     */
    public EventLogUsageStore(UsageEventClaims claims, UsageEventStore eventLog, Transactions records,
                              Transactions eventLogUnits) {
        this.claims = Objects.requireNonNull(claims, "claims");
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.unit = new UnitOfWork(Objects.requireNonNull(records, "records"),
                Objects.requireNonNull(eventLogUnits, "eventLogUnits"));
    }

    /** The unit of work every use case must run in when this store is used (records inside the log's unit). */
    public Transactions transactions() {
        return unit;
    }

    @Override
    public List<DatedUsageEvent> appendNew(List<DatedUsageEvent> events) {
        Objects.requireNonNull(events, "events");
        return unit.inTransaction(() -> {
            List<DatedUsageEvent> claimed = claims.claimNew(events);
            if (!claimed.isEmpty()) {
                try {
                    eventLog.appendNew(claimed);
                    appendedInUnit.get().addAll(claimed);
                } catch (RuntimeException e) {
                    // the claims (with the events) commit with the records; the events are shipped later
                    log.warn("the event log refused {} claimed usage events; they stay unshipped and are shipped "
                            + "when it answers: {}", claimed.size(), e.toString());
                }
            }
            return claimed;
        });
    }

    @Override
    public BigDecimal aggregate(CustomerId customer, Meter meter, LocalDate from, LocalDate toExclusive) {
        shipUnshipped(customer);
        return logged(() -> eventLog.aggregate(customer, meter, from, toExclusive));
    }

    @Override
    public List<UsageRollup> dailyRollups(CustomerId customer, Optional<MeterKey> meter, LocalDate from,
                                          LocalDate toInclusive) {
        shipUnshipped(customer);
        return logged(() -> eventLog.dailyRollups(customer, meter, from, toInclusive));
    }

    @Override
    public boolean contains(CustomerId customer, String eventId) {
        return claims.contains(customer, eventId);
    }

    /**
     * Ships committed claims the log has not acknowledged yet (all customers), a batch at a time, until none
     * is left or the log fails. Safe to run on every replica at once.
     *
     * @return how many events were shipped
     */
    public int shipUnshipped() {
        int shipped = 0;
        while (true) {
            List<DatedUsageEvent> batch = claims.unshipped(Optional.empty(), SHIP_BATCH);
            if (batch.isEmpty()) {
                return shipped;
            }
            ship(batch);
            shipped += batch.size();
            if (batch.size() < SHIP_BATCH) {
                return shipped;
            }
        }
    }

    private void shipUnshipped(CustomerId customer) {
        while (true) {
            List<DatedUsageEvent> batch = claims.unshipped(Optional.of(customer), SHIP_BATCH);
            if (batch.isEmpty()) {
                return;
            }
            ship(batch);
            if (batch.size() < SHIP_BATCH) {
                return;
            }
        }
    }

    /** Appends {@code batch} to the log in a unit of its own, then marks it shipped. */
    private void ship(List<DatedUsageEvent> batch) {
        logged(() -> unit.eventLogUnits.inTransaction(() -> eventLog.appendNew(batch)));
        claims.markShipped(batch);
        log.info("shipped {} usage events the event log had not acknowledged", batch.size());
    }

    private static <T> T logged(Supplier<T> call) {
        try {
            return call.get();
        } catch (BillingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BillingException(ErrorCode.USAGE_STORE_UNAVAILABLE,
                    "the usage event store does not answer; retry later (events already acknowledged are kept)", e);
        }
    }

    /**
     * The records' transaction inside the log's unit: records commit first, then the log's unit; then the events
     * appended in it are marked shipped (a failure there only leaves them to be shipped again).
     */
    private final class UnitOfWork implements Transactions {
        private final Transactions records;
        private final Transactions eventLogUnits;

        UnitOfWork(Transactions records, Transactions eventLogUnits) {
            this.records = records;
            this.eventLogUnits = eventLogUnits;
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            Objects.requireNonNull(work, "work");
            if (appendedInUnit.get() != null) {
                return work.get();
            }
            List<DatedUsageEvent> appended = new ArrayList<>();
            appendedInUnit.set(appended);
            List<T> result = new ArrayList<>(1);
            try {
                eventLogUnits.inTransaction(() -> {
                    result.add(records.inTransaction(work));
                    return null;
                });
            } catch (RuntimeException e) {
                if (result.isEmpty()) {
                    throw e;
                }
                // the records committed (the claims hold the events): the answer stands, the events are shipped later
                log.warn("the event log's unit failed after the records committed; {} usage events stay unshipped "
                        + "and are shipped when it answers: {}", appended.size(), e.toString());
                return result.get(0);
            } finally {
                appendedInUnit.remove();
            }
            if (!appended.isEmpty()) {
                try {
                    claims.markShipped(appended);
                } catch (RuntimeException e) {
                    log.warn("{} usage events are in the event log but could not be marked shipped; they will be "
                            + "shipped again (the log keeps one row per event): {}", appended.size(), e.toString());
                }
            }
            return result.get(0);
        }
    }
}
