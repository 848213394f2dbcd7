package io.billkit.adapter.postgres;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.port.out.ProviderEventCursor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL cursor under concurrent advances (the shared contract covers the single-threaded rules). */
class PostgresProviderEventCursorTest {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void concurrent_advances_of_one_object_leave_the_newest_event_and_the_newest_always_wins() throws Exception {
        ProviderEventCursor cursor = postgres.providerEventCursor();
        AtomicInteger next = new AtomicInteger();
        // 16 transactions with events created at T+0s .. T+15s, in whatever order they get the row
        List<Attempt> attempts = ConcurrentRunner.runConcurrently(16, () -> {
            Instant createdAt = T.plusSeconds(next.getAndIncrement());
            return new Attempt(createdAt, postgres.transactions().inTransaction(
                    () -> cursor.advance("subscription", "sub_race", createdAt)));
        });

        assertThat(attempts).filteredOn(a -> a.createdAt().equals(T.plusSeconds(15)))
                .singleElement().extracting(Attempt::advanced).isEqualTo(true);
        assertThat(cursor.lastApplied("subscription", "sub_race")).contains(T.plusSeconds(15));
        assertThat(TestDatabase.count("provider_event_cursors")).isEqualTo(1);
        assertThat(cursor.advance("subscription", "sub_race", T.plusSeconds(14))).isFalse();
    }

    private record Attempt(Instant createdAt, boolean advanced) {
    }
}
