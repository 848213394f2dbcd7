package io.billkit.application.port.in.quota;

/**
 * Atomically admits and records usage against the customer's allowance; concurrent callers are never
 * admitted past a HARD limit.
 */
public interface ConsumeQuotaUseCase {
    QuotaView consume(ConsumeQuotaCommand command);
}
