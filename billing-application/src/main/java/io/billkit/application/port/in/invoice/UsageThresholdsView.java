package io.billkit.application.port.in.invoice;

import io.billkit.domain.invoice.UsageThresholds;

import java.util.Objects;
import java.util.Optional;

/**
 * The progressive billing thresholds in effect for a plan or a subscription.
 *
 * @param scope      {@code plan} or {@code subscription}: what was asked for
 * @param target     the plan code or the subscription id
 * @param source     where {@code thresholds} come from: {@code subscription}, {@code plan} or {@code none}
 * @param thresholds empty when none apply (usage is billed at period end only)
 */
public record UsageThresholdsView(String scope, String target, String source, Optional<UsageThresholds> thresholds) {
    public UsageThresholdsView {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(thresholds, "thresholds");
    }
}
