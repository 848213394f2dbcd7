package io.billkit.application.port.in.subscription;

import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.money.Money;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a plan change.
 *
 * @param prorationCharge the net prorated amount for an immediate upgrade (empty for a downgrade)
 */
public record PlanChangeView(SubscriptionView subscription, PlanCode from, PlanCode to, ChangeTiming timing, LocalDate effectiveOn, Optional<Money> prorationCharge) {
    public PlanChangeView {
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(effectiveOn, "effectiveOn");
        Objects.requireNonNull(prorationCharge, "prorationCharge");
    }
}
