package io.billkit.application.service;

import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.quota.ConsumeQuotaUseCase;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.quota.QuotaPolicy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Admits {@code quantity} units against the customer's allowance and records them as a usage event with the
 * command's event id, timestamped now, in one transaction. A HARD limit is enforced by the atomic quota
 * counter, so concurrent callers are never admitted past it; SOFT and unlimited allowances always admit. The
 * same event id consumes once: a replay returns ALLOWED with the window's current state and changes nothing.
 * A refusal by quota is a DENIED view (nothing stored); other refusals throw their code (NOT_FOUND,
 * UNKNOWN_METER, INVALID_ARGUMENT, PERIOD_CLOSED). An admitted consumption writes a {@code quota.consumed}
 * audit entry.
 */
public final class ConsumeQuotaService implements ConsumeQuotaUseCase {
    private final BillingContexts contexts;
    private final UsageQuotas quotas;
    private final UsageIngestion ingestion;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public ConsumeQuotaService(BillingContexts contexts, UsageEventStore events, QuotaCounters counters,
                               PeriodCloseGuard periods, Transactions tx, AuditTrail audit, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        Objects.requireNonNull(events, "events");
        this.quotas = new UsageQuotas(events, counters);
        this.ingestion = new UsageIngestion(contexts, events, counters, periods);
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public QuotaView consume(ConsumeQuotaCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        return UsageIngestion.withRaceRetry(tx, () -> {
            BillingContext context = contexts.live(command.customer(), now);
            Meter meter = UsageQuotas.requireMeter(contexts.catalog(), command.meter());
            MeterTerms terms = context.plan().requireTerms(meter.key());
            AllowanceWindow window = AllowanceWindow.at(context, terms.allowance().window(), now);
            BigDecimal requested = command.quantity();
            // a stored event id comes back DUPLICATE from the ingestion's one batch lookup (before any quota
            // is charged), so a replay needs no separate lookup here
            UsageEventOutcome outcome = ingestion.ingest(List.of(new UsageEventInput(command.eventId(), command.customer(),
                    command.meter(), requested, now, Map.of())), now).get(0);
            BigDecimal used = quotas.used(command.customer(), meter, terms, window);
            switch (outcome.status()) {
                case ACCEPTED -> {
                    audit.record(command.actor(), "quota.consumed", command.customer(), Map.of(
                            "meter", meter.key().value(), "quantity", requested.toPlainString(),
                            "eventId", command.eventId(), "used", used.toPlainString(),
                            "limit", terms.allowance().included().toString()));
                    return UsageQuotas.view(terms, Admission.ALLOWED, requested, used,
                            terms.allowance().overage(used), window);
                }
                case DUPLICATE -> {
                    return replay(command, meter, terms, window);
                }
                default -> {
                    ErrorCode code = outcome.errorCode().orElseThrow();
                    if (code != ErrorCode.QUOTA_EXCEEDED) {
                        throw new BillingException(code, outcome.reason());
                    }
                    return UsageQuotas.view(terms, Admission.DENIED, requested, used,
                            QuotaPolicy.decide(terms.allowance(), used, requested).overBy(), window);
                }
            }
        });
    }

    private QuotaView replay(ConsumeQuotaCommand command, Meter meter, MeterTerms terms, AllowanceWindow window) {
        BigDecimal used = quotas.used(command.customer(), meter, terms, window);
        return UsageQuotas.view(terms, Admission.ALLOWED, command.quantity(), used, terms.allowance().overage(used), window);
    }
}
