package io.billkit.application.port.in.ai;

/**
 * Decides an AI request against the customer's model policy and budgets. Spend is the AI token meter's usage
 * priced by the live plan, today and this calendar month (customer's time zone), plus the tokens of open
 * reservations, plus the estimate. An allowed request reserves its estimate (one atomic step per customer, so
 * concurrent checks cannot together pass a budget) until it is settled or expires. NOT_FOUND without a live
 * subscription.
 */
public interface CheckAiRequestUseCase {
    AiRequestDecisionView check(CheckAiRequestCommand command);
}
