package io.billkit.application.contract;

import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.Transactions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ProviderEventCursor} must do. Object ids are unique per test run. */
public abstract class ProviderEventCursorContract {

    protected abstract ProviderEventCursor cursor();

    protected abstract Transactions transactions();

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void the_cursor_moves_forward_and_refuses_older_events() {
        ProviderEventCursor cursor = cursor();
        String sub = "sub_" + run;
        assertThat(cursor.lastApplied("subscription", sub)).isEmpty();
        assertThat(cursor.advance("subscription", sub, T)).isTrue();
        assertThat(cursor.advance("subscription", sub, T)).isTrue();
        assertThat(cursor.advance("subscription", sub, T.plusSeconds(10))).isTrue();
        assertThat(cursor.advance("subscription", sub, T.plusSeconds(5))).isFalse();
        assertThat(cursor.lastApplied("subscription", sub)).contains(T.plusSeconds(10));
        assertThat(cursor.lastApplied("invoice", sub)).isEmpty();
    }

    @Test
    void an_advance_rolled_back_with_its_transaction_is_forgotten() {
        String invoice = "in_" + run;
        cursor().advance("invoice", invoice, T);
        assertThatThrownBy(() -> transactions().run(() -> {
            cursor().advance("invoice", invoice, T.plusSeconds(60));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(cursor().lastApplied("invoice", invoice)).contains(T);
    }
}
