package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;
import io.billkit.domain.customer.CustomerId;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Writes audit entries for the services: who ({@link Actor}) did what to which customer, and when. */
public final class AuditTrail {
    private final AuditLog log;
    private final Clock clock;

    public AuditTrail(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends an entry about {@code customer}; call it inside the use case's transaction. */
    public void record(Actor actor, String action, CustomerId customer, Map<String, String> data) {
        append(actor, action, Optional.of(customer), data);
    }

    /**
     * Appends an entry about {@code customer} for something that took effect at {@code at} (before now): a
     * period's credits granted or expired by the first write that needed them, stamped when they took effect.
     */
    public void recordAt(Actor actor, String action, CustomerId customer, Map<String, String> data, Instant at) {
        log.append(new AuditEntry(at, actor.subject(), action, Optional.of(customer), data, actor.ip(),
                actor.userAgent()));
    }

    /** Appends a system-wide entry (no single customer). */
    public void recordSystemWide(Actor actor, String action, Map<String, String> data) {
        append(actor, action, Optional.empty(), data);
    }

    private void append(Actor actor, String action, Optional<CustomerId> customer, Map<String, String> data) {
        log.append(new AuditEntry(clock.instant(), actor.subject(), action, customer, data, actor.ip(), actor.userAgent()));
    }
}
