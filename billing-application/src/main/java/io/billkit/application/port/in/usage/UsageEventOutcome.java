package io.billkit.application.port.in.usage;

import io.billkit.domain.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * The result for one event of a batch.
 *
 * @param eventId   the event's id as submitted
 * @param status    accepted, duplicate or rejected
 * @param errorCode why it was rejected (empty unless REJECTED), e.g. UNKNOWN_METER, QUOTA_EXCEEDED, PERIOD_CLOSED
 * @param reason    human-readable reason, empty unless REJECTED
 */
public record UsageEventOutcome(String eventId, UsageEventStatus status, Optional<ErrorCode> errorCode, String reason) {
    public UsageEventOutcome {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(errorCode, "errorCode");
        Objects.requireNonNull(reason, "reason");
    }

    public static UsageEventOutcome accepted(String eventId) {
        return new UsageEventOutcome(eventId, UsageEventStatus.ACCEPTED, Optional.empty(), "");
    }

    public static UsageEventOutcome duplicate(String eventId) {
        return new UsageEventOutcome(eventId, UsageEventStatus.DUPLICATE, Optional.empty(), "");
    }

    public static UsageEventOutcome rejected(String eventId, ErrorCode code, String reason) {
        return new UsageEventOutcome(eventId, UsageEventStatus.REJECTED, Optional.of(code), reason);
    }
}
