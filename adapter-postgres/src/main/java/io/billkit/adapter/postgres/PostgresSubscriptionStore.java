package io.billkit.adapter.postgres;

import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.BillingInterval;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.BillingSchedule;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link SubscriptionStore} on {@code subscriptions}. Version 0 is an insert that does nothing on any
 * unique conflict (the id, or the partial unique index allowing one live subscription per customer):
 * no row inserted is a CONFLICT. Later versions are {@code UPDATE ... WHERE id = ? AND version = ? - 1}:
 * no row updated is a CONFLICT (another writer saved first).
 */
final class PostgresSubscriptionStore implements SubscriptionStore {
    private static final String LIVE = "status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID')";
    private static final String COLUMNS = "id, customer_id, plan_code, status, anchor_date, billing_interval, time_zone,"
            + " period_index, trial_end, cancel_at_period_end, pending_plan_code, cancelled_at, created_at, version";

    private final JdbiTransactions tx;

    PostgresSubscriptionStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /** A {@code subscriptions} row (the period's dates and end instant are written for queries, not read back). */
    record SubscriptionRow(String id, String customerId, String planCode, String status, LocalDate anchorDate,
                           String billingInterval, String timeZone, int periodIndex, Instant trialEnd,
                           boolean cancelAtPeriodEnd, String pendingPlanCode, Instant cancelledAt, Instant createdAt,
                           long version) {
        static SubscriptionRow of(Subscription s) {
            return new SubscriptionRow(s.id().value(), s.customer().value(), s.plan().value(), s.status().name(),
                    s.schedule().anchor(), s.schedule().interval().name(), s.schedule().zone().getId(),
                    s.currentPeriod().index(), s.trialEnd().orElse(null), s.cancelAtPeriodEnd(),
                    s.pendingPlan().map(PlanCode::value).orElse(null), s.cancelledAt().orElse(null), s.createdAt(),
                    s.version());
        }

        static SubscriptionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new SubscriptionRow(rs.getString("id"), rs.getString("customer_id"), rs.getString("plan_code"),
                    rs.getString("status"), SqlValues.localDate(rs, "anchor_date"), rs.getString("billing_interval"),
                    rs.getString("time_zone"), rs.getInt("period_index"), SqlValues.instant(rs, "trial_end"),
                    rs.getBoolean("cancel_at_period_end"), rs.getString("pending_plan_code"),
                    SqlValues.instant(rs, "cancelled_at"), SqlValues.instant(rs, "created_at"), rs.getLong("version"));
        }

        Subscription toDomain() {
            BillingSchedule schedule = new BillingSchedule(anchorDate, BillingInterval.valueOf(billingInterval),
                    ZoneId.of(timeZone));
            return new Subscription(SubscriptionId.of(id), CustomerId.of(customerId), PlanCode.of(planCode),
                    SubscriptionStatus.valueOf(status), schedule, schedule.period(periodIndex),
                    Optional.ofNullable(trialEnd), cancelAtPeriodEnd, Optional.ofNullable(pendingPlanCode).map(PlanCode::of),
                    Optional.ofNullable(cancelledAt), createdAt, version);
        }
    }

    @Override
    public void save(Subscription subscription) {
        Objects.requireNonNull(subscription, "subscription");
        SubscriptionRow row = SubscriptionRow.of(subscription);
        BillingPeriod period = subscription.currentPeriod();
        int written = tx.withHandle(RowScope.customer(subscription.customer()), h -> {
            String sql = subscription.version() == 0 ? """
                    INSERT INTO subscriptions (id, customer_id, plan_code, status, anchor_date, billing_interval,
                        time_zone, period_index, period_start, period_end, period_end_at, trial_end,
                        cancel_at_period_end, pending_plan_code, cancelled_at, created_at, version)
                    VALUES (:id, :customer, :plan, :status, :anchor, :interval, :zone, :periodIndex, :periodStart,
                        :periodEnd, :periodEndAt, :trialEnd, :cancelAtPeriodEnd, :pendingPlan, :cancelledAt,
                        :createdAt, :version)
                    ON CONFLICT DO NOTHING""" : """
                    UPDATE subscriptions SET plan_code = :plan, status = :status, anchor_date = :anchor,
                        billing_interval = :interval, time_zone = :zone, period_index = :periodIndex,
                        period_start = :periodStart, period_end = :periodEnd, period_end_at = :periodEndAt,
                        trial_end = :trialEnd, cancel_at_period_end = :cancelAtPeriodEnd,
                        pending_plan_code = :pendingPlan, cancelled_at = :cancelledAt, version = :version,
                        updated_at = now()
                    WHERE id = :id AND customer_id = :customer AND version = :version - 1""";
            return h.createUpdate(sql)
                    .bind("id", row.id())
                    .bind("customer", row.customerId())
                    .bind("plan", row.planCode())
                    .bind("status", row.status())
                    .bind("anchor", row.anchorDate())
                    .bind("interval", row.billingInterval())
                    .bind("zone", row.timeZone())
                    .bind("periodIndex", row.periodIndex())
                    .bind("periodStart", period.start())
                    .bind("periodEnd", period.endExclusive())
                    .bind("periodEndAt", SqlValues.timestamp(subscription.currentPeriodEnd()))
                    .bind("trialEnd", SqlValues.timestamp(row.trialEnd()))
                    .bind("cancelAtPeriodEnd", row.cancelAtPeriodEnd())
                    .bind("pendingPlan", row.pendingPlanCode())
                    .bind("cancelledAt", SqlValues.timestamp(row.cancelledAt()))
                    .bind("createdAt", SqlValues.timestamp(row.createdAt()))
                    .bind("version", row.version())
                    .execute();
        });
        if (written == 1) {
            return;
        }
        if (subscription.version() == 0) {
            throw new BillingException(ErrorCode.CONFLICT, "subscription " + subscription.id()
                    + " already exists, or customer " + subscription.customer() + " already has a live subscription");
        }
        throw new BillingException(ErrorCode.CONFLICT, "subscription " + subscription.id()
                + " was changed by someone else (expected stored version " + (subscription.version() - 1) + ")");
    }

    @Override
    public Optional<Subscription> find(SubscriptionId id) {
        Objects.requireNonNull(id, "id");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE id = :id")
                .bind("id", id.value())
                .map(SubscriptionRow::map)
                .findOne()
                .map(SubscriptionRow::toDomain));
    }

    @Override
    public Optional<Subscription> findLive(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> first(h, customer, "AND " + LIVE));
    }

    @Override
    public Optional<Subscription> findLatest(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.withHandle(RowScope.customer(customer), h -> first(h, customer, ""));
    }

    private static Optional<Subscription> first(Handle h, CustomerId customer, String condition) {
        return h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE customer_id = :customer " + condition
                        + " ORDER BY created_at DESC, seq DESC LIMIT 1")
                .bind("customer", customer.value())
                .map(SubscriptionRow::map)
                .findOne()
                .map(SubscriptionRow::toDomain);
    }

    @Override
    public List<Subscription> periodEndedBy(Instant cutoff, int limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE "
                        + LIVE + " AND period_end_at <= :cutoff ORDER BY period_end_at, id LIMIT :limit")
                .bind("cutoff", SqlValues.timestamp(cutoff))
                .bind("limit", limit)
                .map(SubscriptionRow::map)
                .list()).stream().map(SubscriptionRow::toDomain).toList();
    }

    @Override
    public List<Subscription> claimPeriodEndedBy(Instant cutoff, int limit, Set<SubscriptionId> skip) {
        Objects.requireNonNull(cutoff, "cutoff");
        return claim(LIVE + " AND period_end_at <= :by", "period_end_at, id", cutoff, limit, skip);
    }

    @Override
    public List<Subscription> claimTrialsEndedBy(Instant now, int limit, Set<SubscriptionId> skip) {
        Objects.requireNonNull(now, "now");
        return claim("status = 'TRIALING' AND trial_end <= :by", "trial_end, id", now, limit, skip);
    }

    /** Due rows by a partial index, locked for the caller's transaction; rows other closers hold are skipped. */
    private List<Subscription> claim(String due, String order, Instant by, int limit, Set<SubscriptionId> skip) {
        Objects.requireNonNull(skip, "skip");
        BillingException.require(limit >= 1, "limit must be at least 1 but was " + limit);
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE "
                        + due + " AND NOT (id = ANY(CAST(:skip AS text[]))) ORDER BY " + order
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED")
                .bind("by", SqlValues.timestamp(by))
                .bindArray("skip", String.class, skip.stream().map(SubscriptionId::value).toList())
                .bind("limit", limit)
                .map(SubscriptionRow::map)
                .list()).stream().map(SubscriptionRow::toDomain).toList();
    }

    @Override
    public List<Subscription> live() {
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM subscriptions WHERE "
                        + LIVE + " ORDER BY id")
                .map(SubscriptionRow::map)
                .list()).stream().map(SubscriptionRow::toDomain).toList();
    }

    @Override
    public Map<CustomerId, Subscription> currentOf(Collection<CustomerId> customers) {
        Objects.requireNonNull(customers, "customers");
        if (customers.isEmpty()) {
            return Map.of();
        }
        // one row per customer: live first, then the newest (findLive, else findLatest)
        List<Subscription> rows = tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT DISTINCT ON (customer_id) "
                        + COLUMNS + " FROM subscriptions WHERE customer_id = ANY(CAST(:ids AS text[]))"
                        + " ORDER BY customer_id, (" + LIVE + ") DESC, created_at DESC, seq DESC")
                .bindArray("ids", String.class, customers.stream().map(CustomerId::value).distinct().toList())
                .map(SubscriptionRow::map)
                .list()).stream().map(SubscriptionRow::toDomain).toList();
        Map<CustomerId, Subscription> current = new LinkedHashMap<>();
        rows.forEach(s -> current.put(s.customer(), s));
        return current;
    }
}
