package io.billkit.application.port.in.ai;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.BudgetCheck;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to {@link CheckAiRequestUseCase#check}.
 *
 * @param model          the model to use (the requested one or the fallback); empty when denied
 * @param reason         why it was denied; empty unless DENIED
 * @param message        a sentence for people
 * @param estimatedCost  what the estimate costs at the plan's token price
 * @param daily          today's spend (usage plus open reservations) and with the estimate, against the daily
 *                       budget; empty without one
 * @param monthly        the same for the calendar month
 * @param fallbackModel  the customer's fallback model, offered when denied (and the one used on ALLOWED_ON_FALLBACK)
 * @param reservationId  the reservation holding the estimate, to settle with the real count; empty when denied
 * @param reservationExpiresAt when an unsettled reservation stops counting
 */
public record AiRequestDecisionView(CustomerId customer, String requestedModel, AiDecision decision,
                                    Optional<String> model, Optional<AiDenialReason> reason, String message,
                                    BigDecimal estimatedTokens, Money estimatedCost, Optional<BudgetCheck> daily,
                                    Optional<BudgetCheck> monthly, Optional<String> fallbackModel,
                                    Optional<String> reservationId, Optional<Instant> reservationExpiresAt) {
    public AiRequestDecisionView {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(requestedModel, "requestedModel");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(estimatedTokens, "estimatedTokens");
        Objects.requireNonNull(estimatedCost, "estimatedCost");
        Objects.requireNonNull(daily, "daily");
        Objects.requireNonNull(monthly, "monthly");
        Objects.requireNonNull(fallbackModel, "fallbackModel");
        Objects.requireNonNull(reservationId, "reservationId");
        Objects.requireNonNull(reservationExpiresAt, "reservationExpiresAt");
    }

    public boolean isAllowed() {
        return decision != AiDecision.DENIED;
    }
}
