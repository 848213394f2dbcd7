package io.billkit.application.contract;

import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link Outbox} and {@link AuditLog} must do, including rollback with their transaction. */
public abstract class OutboxAndAuditContract {

    protected abstract Outbox outbox();

    protected abstract AuditLog audit();

    protected abstract Transactions transactions();

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    private static AuditEntry entry(String customer, String action, int n) {
        return new AuditEntry(AT.plusSeconds(n), "user_1", action, Optional.of(CustomerId.of(customer)),
                Map.of("n", Integer.toString(n)), "10.0.0.1", "curl/8");
    }

    @Test
    void audit_entries_come_back_newest_first_filtered_by_customer() {
        AuditLog audit = audit();
        audit.append(entry("cus_a", "usage.recorded", 1));
        audit.append(entry("cus_b", "usage.recorded", 2));
        audit.append(entry("cus_a", "invoice.finalized", 3));
        assertThat(audit.recent(Optional.of(CustomerId.of("cus_a")), 10))
                .extracting(AuditEntry::action).containsExactly("invoice.finalized", "usage.recorded");
        assertThat(audit.recent(Optional.empty(), 2)).extracting(e -> e.data().get("n")).containsExactly("3", "2");
        AuditEntry read = audit.recent(Optional.of(CustomerId.of("cus_b")), 1).get(0);
        assertThat(read).isEqualTo(entry("cus_b", "usage.recorded", 2));
    }

    @Test
    void outbox_events_are_unpublished_until_marked() {
        Outbox outbox = outbox();
        outbox.append(new OutboxEvent("e1", "invoice.created", "inv_1", "cus_a", Map.of("total", "10.00"), AT));
        outbox.append(new OutboxEvent("e2", "usage.alert", "cus_a", "cus_a", Map.of(), AT.plusSeconds(1)));
        assertThat(outbox.unpublished(10)).extracting(OutboxEvent::id).containsExactly("e1", "e2");
        outbox.markPublished("e1", AT.plusSeconds(5));
        assertThat(outbox.unpublished(10)).extracting(OutboxEvent::id).containsExactly("e2");
        assertThat(outbox.unpublished(10).get(0).payload()).isEmpty();
    }

    @Test
    void writes_in_a_failed_transaction_leave_nothing_behind() {
        assertThatThrownBy(() -> transactions().run(() -> {
            audit().append(entry("cus_rollback", "usage.recorded", 1));
            outbox().append(new OutboxEvent("e-rollback", "invoice.created", "inv_x", "cus_rollback", Map.of(), AT));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(audit().recent(Optional.of(CustomerId.of("cus_rollback")), 10)).isEmpty();
        assertThat(outbox().unpublished(100)).extracting(OutboxEvent::id).doesNotContain("e-rollback");
    }
}
