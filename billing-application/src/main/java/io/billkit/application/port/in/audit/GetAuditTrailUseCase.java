package io.billkit.application.port.in.audit;

import io.billkit.application.port.out.AuditEntry;
import java.util.List;

/**
 * Reads the audit log.
 */
public interface GetAuditTrailUseCase {
    List<AuditEntry> recent(AuditQuery query);
}
