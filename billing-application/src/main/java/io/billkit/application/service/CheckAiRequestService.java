package io.billkit.application.service;

import io.billkit.application.port.in.ai.AiDecision;
import io.billkit.application.port.in.ai.AiDenialReason;
import io.billkit.application.port.in.ai.AiRequestDecisionView;
import io.billkit.application.port.in.ai.CheckAiRequestCommand;
import io.billkit.application.port.in.ai.CheckAiRequestUseCase;
import io.billkit.application.port.out.AiGovernance;
import io.billkit.application.port.out.AiGovernanceStore;
import io.billkit.application.port.out.AiReservation;
import io.billkit.application.port.out.AiReservationStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.forecast.Budget;
import io.billkit.domain.forecast.BudgetCheck;
import io.billkit.domain.forecast.BudgetStatus;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides an AI request, in one transaction that first locks the customer's governance row, so the checks (and
 * settlements) of one customer run one after another and each sees the reservations of those before it:
 * <ol>
 *   <li>model: allowed as asked (or any model when the allowlist is empty) is ALLOWED; otherwise the fallback
 *       model is ALLOWED_ON_FALLBACK; without a fallback DENIED (MODEL_NOT_ALLOWED);</li>
 *   <li>budgets ({@link Budget#checkDaily}/{@link Budget#checkMonthly}): spent = the token meter's usage today / this
 *       month plus open reservations, priced by the plan; projected = spent with the estimate. Anything but
 *       WITHIN (spending exactly the budget is within) is DENIED, offering the fallback model;</li>
 *   <li>an allowed request reserves its estimate until settled or {@code reservationTtl} passes.</li>
 * </ol>
 * A denial writes nothing. NOT_FOUND without a live subscription.
 */
public final class CheckAiRequestService implements CheckAiRequestUseCase {
    private final BillingContexts contexts;
    private final AiGovernanceStore governance;
    private final AiReservationStore reservations;
    private final AiSpend spend;
    private final Transactions tx;
    private final Clock clock;
    private final Duration reservationTtl;

    public CheckAiRequestService(BillingContexts contexts, AiGovernanceStore governance, AiReservationStore reservations,
                                 UsageEventStore events, Catalog catalog, MeterKey tokenMeter, Duration reservationTtl,
                                 Transactions tx, Clock clock) {
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.governance = Objects.requireNonNull(governance, "governance");
        this.reservations = Objects.requireNonNull(reservations, "reservations");
        this.spend = new AiSpend(events, reservations, catalog, tokenMeter);
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reservationTtl = Objects.requireNonNull(reservationTtl, "reservationTtl");
    }

    @Override
    public AiRequestDecisionView check(CheckAiRequestCommand command) {
        Objects.requireNonNull(command, "command");
        return tx.inTransaction(() -> decide(command, clock.instant()));
    }

    private AiRequestDecisionView decide(CheckAiRequestCommand command, Instant now) {
        Optional<AiGovernance> current = governance.lock(command.customer());
        BillingContext context = contexts.live(command.customer(), now);
        String requested = command.model();
        Optional<String> fallback = current.flatMap(g -> g.models().fallback());
        Money estimatedCost = spend.cost(context.plan(), command.estimatedTokens());

        AiDecision decision;
        String model;
        if (current.map(g -> g.allows(requested)).orElse(true)) {
            decision = AiDecision.ALLOWED;
            model = requested;
        } else if (fallback.isPresent()) {
            decision = AiDecision.ALLOWED_ON_FALLBACK;
            model = fallback.get();
        } else {
            return denied(command, AiDenialReason.MODEL_NOT_ALLOWED,
                    "model '" + requested + "' is not allowed and there is no fallback model", estimatedCost,
                    Optional.empty(), Optional.empty(), fallback);
        }

        Budget budget = current.map(AiGovernance::budget).orElseGet(() -> Budget.none(command.customer()));
        Optional<BudgetCheck> daily = Optional.empty();
        Optional<BudgetCheck> monthly = Optional.empty();
        if (budget.daily().isPresent()) {
            BigDecimal tokens = spend.tokensToday(command.customer(), context.calendar(), now);
            daily = budget.checkDaily(spend.cost(context.plan(), tokens),
                    spend.cost(context.plan(), tokens.add(command.estimatedTokens())));
        }
        if (budget.monthly().isPresent()) {
            BigDecimal tokens = spend.tokensThisMonth(command.customer(), context.calendar(), now);
            monthly = budget.checkMonthly(spend.cost(context.plan(), tokens),
                    spend.cost(context.plan(), tokens.add(command.estimatedTokens())));
        }
        if (daily.isPresent() && daily.get().status() != BudgetStatus.WITHIN) {
            return denied(command, AiDenialReason.DAILY_BUDGET_EXCEEDED, "today's AI spend " + daily.get().spent()
                            + " plus the estimate " + estimatedCost + " would pass the daily budget of " + daily.get().budget(),
                    estimatedCost, daily, monthly, fallback);
        }
        if (monthly.isPresent() && monthly.get().status() != BudgetStatus.WITHIN) {
            return denied(command, AiDenialReason.MONTHLY_BUDGET_EXCEEDED, "this month's AI spend " + monthly.get().spent()
                            + " plus the estimate " + estimatedCost + " would pass the monthly budget of " + monthly.get().budget(),
                    estimatedCost, daily, monthly, fallback);
        }

        AiReservation reservation = AiReservation.open(UUID.randomUUID().toString(), command.customer(), model,
                command.estimatedTokens(), now, now.plus(reservationTtl));
        reservations.add(reservation);
        String message = decision == AiDecision.ALLOWED
                ? "allowed"
                : "model '" + requested + "' is not allowed: use the fallback model '" + model + "'";
        return new AiRequestDecisionView(command.customer(), requested, decision, Optional.of(model), Optional.empty(),
                message, command.estimatedTokens(), estimatedCost, daily, monthly, fallback,
                Optional.of(reservation.id()), Optional.of(reservation.expiresAt()));
    }

    private static AiRequestDecisionView denied(CheckAiRequestCommand command, AiDenialReason reason, String message,
                                                Money estimatedCost, Optional<BudgetCheck> daily,
                                                Optional<BudgetCheck> monthly, Optional<String> fallback) {
        String offer = fallback.isPresent() && reason != AiDenialReason.MODEL_NOT_ALLOWED
                ? "; the fallback model is '" + fallback.get() + "'"
                : "";
        return new AiRequestDecisionView(command.customer(), command.model(), AiDecision.DENIED, Optional.empty(),
                Optional.of(reason), message + offer, command.estimatedTokens(), estimatedCost, daily, monthly, fallback,
                Optional.empty(), Optional.empty());
    }
}
