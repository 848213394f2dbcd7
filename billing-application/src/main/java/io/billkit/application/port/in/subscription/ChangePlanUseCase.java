package io.billkit.application.port.in.subscription;

/**
 * Upgrades now with proration; downgrades at the period end.
 */
public interface ChangePlanUseCase {
    PlanChangeView change(ChangePlanCommand command);
}
