package io.billkit.application.service;

import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.quota.QuotaDecision;
import io.billkit.domain.quota.QuotaPolicy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Answers whether {@code quantity} more units would be admitted now, without writing anything: the
 * allowance's current window (customer's time zone), its usage (the quota counter for HARD limits, the usage
 * store otherwise) and the {@link QuotaPolicy} decision. NOT_FOUND without a live subscription,
 * UNKNOWN_METER for a meter the catalog or the plan lacks.
 */
public final class CheckQuotaService implements CheckQuotaUseCase {
    private final BillingContexts contexts;
    private final UsageQuotas quotas;
    private final Clock clock;

    public CheckQuotaService(BillingContexts contexts, UsageEventStore events, QuotaCounters counters, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.quotas = new UsageQuotas(events, counters);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public QuotaView check(CheckQuotaQuery query) {
        Objects.requireNonNull(query, "query");
        BillingException.require(query.quantity().signum() >= 0,
                "quantity must not be negative but was " + query.quantity());
        Instant now = clock.instant();
        BillingContext context = contexts.live(query.customer(), now);
        Meter meter = UsageQuotas.requireMeter(contexts.catalog(), query.meter());
        MeterTerms terms = context.plan().requireTerms(meter.key());
        UsageQuotas.unpaidBlock(context, terms).ifPresent(reason -> {
            throw new BillingException(io.billkit.domain.ErrorCode.SUBSCRIPTION_UNPAID, reason);
        });
        AllowanceWindow window = AllowanceWindow.at(context, terms.allowance().window(), now);
        BigDecimal used = quotas.used(query.customer(), meter, terms, window);
        QuotaDecision decision = QuotaPolicy.decide(terms.allowance(), used, query.quantity());
        return UsageQuotas.view(terms, decision.isAllowed() ? Admission.ALLOWED : Admission.DENIED, query.quantity(),
                used, decision.overBy(), window);
    }
}
