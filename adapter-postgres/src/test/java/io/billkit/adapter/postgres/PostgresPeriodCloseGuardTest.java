package io.billkit.adapter.postgres;

import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Period close against usage writes: advisory locks plus the durable closed_periods row. */
class PostgresPeriodCloseGuardTest {
    private static final SubscriptionId SUB = SubscriptionId.of("sub_apex_growth");
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 1);

    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final PeriodCloseGuard guard = postgres.periodCloseGuard();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void a_period_is_open_until_closed_and_closes_once() {
        assertThat(guard.isClosed(SUB, MARCH)).isFalse();
        assertThat(postgres.transactions().inTransaction(() -> guard.close(SUB, MARCH))).isTrue();
        assertThat(guard.isClosed(SUB, MARCH)).isTrue();
        assertThat(guard.close(SUB, MARCH)).isFalse();
        assertThat(guard.isClosed(SUB, MARCH.plusMonths(1))).isFalse();
        assertThat(guard.isClosed(SubscriptionId.of("sub_other"), MARCH)).isFalse();
    }

    @Test
    void a_close_rolled_back_leaves_the_period_open() {
        assertThatThrownBy(() -> postgres.transactions().run(() -> {
            assertThat(guard.close(SUB, MARCH)).isTrue();
            throw new IllegalStateException("invoice generation failed");
        })).hasMessage("invoice generation failed");
        assertThat(guard.isClosed(SUB, MARCH)).isFalse();
    }

    @Test
    void close_waits_for_a_usage_write_in_flight_for_the_period() throws Exception {
        CountDownLatch usageHoldsThePeriod = new CountDownLatch(1);
        CountDownLatch finishUsage = new CountDownLatch(1);
        CompletableFuture<Boolean> usage = CompletableFuture.supplyAsync(() -> postgres.transactions().inTransaction(() -> {
            boolean closed = guard.isClosed(SUB, MARCH);
            usageHoldsThePeriod.countDown();
            await(finishUsage);
            return closed;
        }));
        assertThat(usageHoldsThePeriod.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> close = CompletableFuture.supplyAsync(() ->
                postgres.transactions().inTransaction(() -> guard.close(SUB, MARCH)));
        awaitAdvisoryLockWaiter();
        assertThat(close).isNotDone();

        finishUsage.countDown();
        assertThat(usage.get(30, TimeUnit.SECONDS)).isFalse();
        assertThat(close.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(guard.isClosed(SUB, MARCH)).isTrue();
    }

    @Test
    void the_lock_key_is_stable() {
        assertThat(PostgresPeriodCloseGuard.lockKey(SUB, MARCH)).isEqualTo(PostgresPeriodCloseGuard.lockKey(
                SubscriptionId.of("sub_apex_growth"), LocalDate.parse("2026-03-01")));
        // first 8 bytes (big-endian) of SHA-256("sub_apex_growth|2026-03-01"), computed outside Java
        assertThat(PostgresPeriodCloseGuard.lockKey(SUB, MARCH)).isEqualTo(-5_379_752_127_401_173_618L);
        assertThat(PostgresPeriodCloseGuard.lockKey(SUB, MARCH.plusMonths(1)))
                .isNotEqualTo(PostgresPeriodCloseGuard.lockKey(SUB, MARCH));
    }

    /** Waits (bounded) until some session is blocked on an advisory lock. */
    private static void awaitAdvisoryLockWaiter() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            boolean waiting = TestDatabase.owner().withHandle(h -> h.createQuery(
                            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted)")
                    .mapTo(Boolean.class).one());
            if (waiting) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the close never waited for the usage write's lock");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
