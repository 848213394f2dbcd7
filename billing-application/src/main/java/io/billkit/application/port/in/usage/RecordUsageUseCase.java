package io.billkit.application.port.in.usage;

/**
 * Records usage events idempotently by (customer, event id). Validates meter, quantity (>= 0, finite)
 * and timestamp (not in the future beyond a small skew); events of a period whose invoice is finalized
 * are refused (PERIOD_CLOSED); events of a meter under a HARD allowance consume its quota atomically and
 * are refused (QUOTA_EXCEEDED) past it.
 */
public interface RecordUsageUseCase {
    RecordUsageResult record(RecordUsageCommand command);
}
