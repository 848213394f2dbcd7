package io.billkit.application.contract;

import io.billkit.application.port.out.ProviderEventInbox;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ProviderEventInbox} must do. */
public abstract class ProviderEventInboxContract {

    protected abstract ProviderEventInbox inbox();

    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void an_event_id_is_received_once() {
        ProviderEventInbox inbox = inbox();
        assertThat(inbox.markReceived("evt_1", "invoice.paid", CREATED, CREATED.plusSeconds(1))).isTrue();
        assertThat(inbox.markReceived("evt_1", "invoice.paid", CREATED, CREATED.plusSeconds(5))).isFalse();
        assertThat(inbox.markReceived("evt_2", "invoice.paid", CREATED, CREATED.plusSeconds(5))).isTrue();
    }

    @Test
    void an_event_is_processed_only_once_marked_applied() {
        ProviderEventInbox inbox = inbox();
        assertThat(inbox.markReceived("evt_p1", "invoice.paid", CREATED, CREATED)).isTrue();
        assertThat(inbox.markReceived("evt_p2", "invoice.paid", CREATED, CREATED)).isTrue();
        assertThat(inbox.isProcessed("evt_p1")).isFalse();

        inbox.markProcessed("evt_p1", CREATED.plusSeconds(1));
        inbox.markProcessed("evt_unknown", CREATED.plusSeconds(1));

        assertThat(inbox.isProcessed("evt_p1")).isTrue();
        assertThat(inbox.isProcessed("evt_p2")).isFalse();
        assertThat(inbox.isProcessed("evt_unknown")).isFalse();
    }

    @Test
    void ten_threads_marking_the_same_event_get_exactly_one_true() throws Exception {
        ProviderEventInbox inbox = inbox();
        AtomicInteger firsts = new AtomicInteger();
        List<Boolean> results = ConcurrentRunner.runConcurrently(10, () -> {
            boolean first = inbox.markReceived("evt_concurrent", "invoice.paid", CREATED, CREATED);
            if (first) {
                firsts.incrementAndGet();
            }
            return first;
        });
        assertThat(results).hasSize(10);
        assertThat(firsts.get()).isEqualTo(1);
    }
}
