package io.billkit.bootstrap.metrics;

import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.quota.ConsumeQuotaUseCase;
import io.billkit.application.port.in.quota.QuotaView;

import java.util.Objects;

/** Counts quota decisions ({@code billkit_quota_decisions_total}) of the check and consume use cases. */
public final class MeteredQuota {
    private MeteredQuota() {
    }

    public static CheckQuotaUseCase check(CheckQuotaUseCase delegate, BusinessMetrics metrics) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(metrics, "metrics");
        return query -> {
            QuotaView view = delegate.check(query);
            metrics.quotaDecision(view.meter().value(), "check", view.admission());
            return view;
        };
    }

    public static ConsumeQuotaUseCase consume(ConsumeQuotaUseCase delegate, BusinessMetrics metrics) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(metrics, "metrics");
        return command -> {
            QuotaView view = delegate.consume(command);
            metrics.quotaDecision(view.meter().value(), "consume", view.admission());
            return view;
        };
    }
}
