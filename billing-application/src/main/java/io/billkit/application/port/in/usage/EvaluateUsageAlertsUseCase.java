package io.billkit.application.port.in.usage;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.customer.CustomerId;
import java.util.List;

/**
 * Fires the usage alerts (75/90/100 % by default) newly crossed in the current windows, each once per
 * window, writing them to the alert store and the outbox ({@code usage.alert}).
 */
public interface EvaluateUsageAlertsUseCase {
    List<UsageAlertView> evaluate(CustomerId customer, Actor actor);
}
