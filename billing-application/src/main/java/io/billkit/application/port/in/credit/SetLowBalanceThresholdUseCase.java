package io.billkit.application.port.in.credit;

/**
 * Sets a customer's or a plan's low credit balance threshold (an operator action, audited). NOT_FOUND for an
 * unknown customer or plan. Returns the threshold now in effect for the customer, or the plan's own.
 */
public interface SetLowBalanceThresholdUseCase {
    LowBalanceThresholdView set(SetLowBalanceThresholdCommand command);
}
