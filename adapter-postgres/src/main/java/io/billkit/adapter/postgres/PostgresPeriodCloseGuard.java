package io.billkit.adapter.postgres;

import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.domain.subscription.SubscriptionId;
import org.jdbi.v3.core.Handle;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Objects;

/**
 * {@link PeriodCloseGuard} on transaction-scoped advisory locks and {@code closed_periods}. A usage write
 * calls {@link #isClosed}, which takes {@code pg_advisory_xact_lock_shared(key)} (held until the caller's
 * transaction ends) and then reads the period's row; {@link #close} takes {@code pg_advisory_xact_lock(key)}
 * exclusively, which waits for every usage transaction holding the shared lock, then inserts the row
 * (ON CONFLICT DO NOTHING). A usage write that starts after the close waits for the closing transaction
 * and then sees the row. Outside a transaction the lock ends with the call, so callers use both inside one.
 *
 * <p>The key is the first 8 bytes of SHA-256 of {@code "<subscription id>|<period start>"}: stable across
 * JVMs and releases. {@code closed_periods} names no customer, so the statements run in the system scope.
 */
final class PostgresPeriodCloseGuard implements PeriodCloseGuard {
    private final JdbiTransactions tx;

    PostgresPeriodCloseGuard(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean isClosed(SubscriptionId subscription, LocalDate periodStart) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(periodStart, "periodStart");
        return tx.withHandle(RowScope.system(), h -> {
            lock(h, "pg_advisory_xact_lock_shared", subscription, periodStart);
            return h.createQuery("""
                            SELECT EXISTS (SELECT 1 FROM closed_periods
                                           WHERE subscription_id = :subscription AND period_start = :periodStart)""")
                    .bind("subscription", subscription.value())
                    .bind("periodStart", periodStart)
                    .mapTo(Boolean.class)
                    .one();
        });
    }

    @Override
    public boolean close(SubscriptionId subscription, LocalDate periodStart) {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(periodStart, "periodStart");
        return tx.withHandle(RowScope.system(), h -> {
            lock(h, "pg_advisory_xact_lock", subscription, periodStart);
            return h.createUpdate("""
                            INSERT INTO closed_periods (subscription_id, period_start) VALUES (:subscription, :periodStart)
                            ON CONFLICT (subscription_id, period_start) DO NOTHING""")
                    .bind("subscription", subscription.value())
                    .bind("periodStart", periodStart)
                    .execute() == 1;
        });
    }

    private static void lock(Handle h, String function, SubscriptionId subscription, LocalDate periodStart) {
        h.createQuery("SELECT " + function + "(:key)::text")
                .bind("key", lockKey(subscription, periodStart))
                .mapTo(String.class)
                .one();
    }

    /** A stable 64-bit key for the period: the first 8 bytes of SHA-256("id|yyyy-mm-dd"). */
    static long lockKey(SubscriptionId subscription, LocalDate periodStart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((subscription.value() + "|" + periodStart).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
