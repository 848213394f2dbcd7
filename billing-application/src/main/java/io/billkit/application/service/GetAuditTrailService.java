package io.billkit.application.service;

import io.billkit.application.port.in.audit.AuditQuery;
import io.billkit.application.port.in.audit.GetAuditTrailUseCase;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;

import java.util.List;
import java.util.Objects;

/** Reads the audit log, newest first. */
public final class GetAuditTrailService implements GetAuditTrailUseCase {
    private final AuditLog log;

    public GetAuditTrailService(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public List<AuditEntry> recent(AuditQuery query) {
        return log.recent(query.customer(), query.limit());
    }
}
