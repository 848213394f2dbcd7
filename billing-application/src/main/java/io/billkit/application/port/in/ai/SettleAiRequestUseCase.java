package io.billkit.application.port.in.ai;

/**
 * Settles a reservation: in one transaction it is marked settled and the real token count is recorded as a usage
 * event of the AI token meter (id {@code ai-<reservationId>}, timestamp the reservation's, property {@code model}).
 * An expired reservation can still be settled (the usage happened); a settled one is CONFLICT; an unknown one
 * NOT_FOUND.
 */
public interface SettleAiRequestUseCase {
    AiSettlementView settle(SettleAiRequestCommand command);
}
