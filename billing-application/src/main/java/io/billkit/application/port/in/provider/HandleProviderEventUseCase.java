package io.billkit.application.port.in.provider;

import io.billkit.application.port.in.ProviderEvent;

/**
 * Applies a verified payment-provider event exactly once (deduplicated by event id in the same
 * transaction as its effect).
 */
public interface HandleProviderEventUseCase {
    ProviderEventResult handle(ProviderEvent event);
}
