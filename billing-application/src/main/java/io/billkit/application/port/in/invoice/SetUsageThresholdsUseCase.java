package io.billkit.application.port.in.invoice;

/**
 * Sets or removes a plan's or a subscription's progressive billing thresholds (audited); NOT_FOUND for an unknown
 * plan or subscription, CURRENCY_MISMATCH when the thresholds are not in the plan's currency.
 */
public interface SetUsageThresholdsUseCase {
    UsageThresholdsView set(SetUsageThresholdsCommand command);
}
