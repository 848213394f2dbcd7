/**
 * Metered usage: the {@link io.billkit.domain.usage.UsageEvent} a client reports, the pure
 * {@link io.billkit.domain.usage.UsageAggregator} that folds events of one window into one quantity,
 * per-day {@link io.billkit.domain.usage.UsageRollup}s and their {@link io.billkit.domain.usage.RollupCombiner},
 * and the period view {@link io.billkit.domain.usage.MeterUsage} (used, included, remaining, overage).
 */
package io.billkit.domain.usage;
