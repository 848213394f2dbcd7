package io.billkit.application.port.in.quota;

/**
 * Answers whether usage would be admitted, without consuming anything.
 */
public interface CheckQuotaUseCase {
    QuotaView check(CheckQuotaQuery query);
}
