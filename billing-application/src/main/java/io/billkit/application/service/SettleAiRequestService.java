package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiSettlementView;
import io.billkit.application.port.in.ai.SettleAiRequestCommand;
import io.billkit.application.port.in.ai.SettleAiRequestUseCase;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.application.port.out.AiReservation;
import io.billkit.application.port.out.AiReservationStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settles a reservation in one transaction (after locking the customer's governance row, like the checks): the
 * reservation is marked settled and, when the real count is positive, a usage event of the token meter is
 * recorded through the ordinary ingestion (period-close guard, quota counters, rollups): id
 * {@code ai-<reservationId>}, timestamp the reservation's creation (so it lands in the day it was reserved in),
 * property {@code <modelProperty>} = the model used. When the event is refused (e.g. its period was invoiced)
 * nothing is written and the refusal's error is thrown. Audited as {@code ai.request_settled}.
 */
public final class SettleAiRequestService implements SettleAiRequestUseCase {
    private final AiGovernanceStore governance;
    private final AiReservationStore reservations;
    private final UsageIngestion ingestion;
    private final MeterKey tokenMeter;
    private final String modelProperty;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public SettleAiRequestService(BillingContexts contexts, AiGovernanceStore governance, AiReservationStore reservations,
                                  UsageEventStore events, QuotaCounters counters, PeriodCloseGuard periods,
                                  MeterKey tokenMeter, String modelProperty, Transactions tx, AuditTrail audit,
                                  Clock clock) {
        this.governance = Objects.requireNonNull(governance, "governance");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.ingestion = new UsageIngestion(contexts, events, counters, periods);
        this.tokenMeter = Objects.requireNonNull(tokenMeter, "tokenMeter");
        this.modelProperty = Objects.requireNonNull(modelProperty, "modelProperty");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public AiSettlementView settle(SettleAiRequestCommand command) {
        Objects.requireNonNull(command, "command");
        return UsageIngestion.withRaceRetry(tx, () -> settleNow(command, clock.instant()));
    }

    private AiSettlementView settleNow(SettleAiRequestCommand command, Instant now) {
        governance.lock(command.customer());
        AiReservation reservation = reservations.find(command.customer(), command.reservationId())
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                        "no AI reservation '" + command.reservationId() + "' for customer " + command.customer()));
        if (reservation.isSettled()) {
            throw new BillingException(ErrorCode.CONFLICT, "AI reservation '" + reservation.id() + "' was already settled");
        }
        reservations.settle(command.customer(), reservation.id(), command.actualTokens(), now);
        Optional<String> eventId = Optional.empty();
        if (command.actualTokens().signum() > 0) {
            String id = "ai-" + reservation.id();
            UsageEventInput input = new UsageEventInput(id, command.customer(), tokenMeter.value(),
                    command.actualTokens(), reservation.createdAt(), Map.of(modelProperty, reservation.model()));
            UsageEventOutcome outcome = ingestion.ingest(List.of(input), now).get(0);
            if (outcome.status() == UsageEventStatus.REJECTED) {
                throw new BillingException(outcome.errorCode().orElse(ErrorCode.INVALID_ARGUMENT),
                        "the usage of AI reservation '" + reservation.id() + "' was refused: " + outcome.reason());
            }
            eventId = Optional.of(id);
        }
        audit.record(command.actor(), "ai.request_settled", command.customer(), Map.of(
                "reservationId", reservation.id(), "model", reservation.model(),
                "reservedTokens", reservation.tokens().toPlainString(),
                "actualTokens", command.actualTokens().toPlainString()));
        return new AiSettlementView(reservation.id(), reservation.model(), reservation.tokens(), command.actualTokens(),
                eventId, now);
    }
}
