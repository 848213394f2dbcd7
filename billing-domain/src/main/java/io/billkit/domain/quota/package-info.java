/**
 * Quotas and usage alerts: {@link io.billkit.domain.quota.QuotaPolicy} decides whether a requested quantity
 * fits an allowance ({@link io.billkit.domain.quota.QuotaDecision}); {@link io.billkit.domain.quota.UsageAlertEvaluator}
 * finds the alert thresholds a usage change crosses. Pure functions: atomic admission under concurrency is
 * the stores' job.
 */
package io.billkit.domain.quota;
