package io.billkit.application.port.in.ai;

import io.billkit.domain.customer.CustomerId;

/**
 * Projects the customer's AI usage ({@link io.billkit.domain.forecast.LinearForecast}) to the ends of its windows
 * and recommends an action; writes nothing. NOT_FOUND without a live subscription.
 */
public interface GetAiQuotaPredictionUseCase {
    AiQuotaPredictionView predict(CustomerId customer);
}
