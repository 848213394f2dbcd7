package io.billkit.application.service;

import io.billkit.application.port.in.webhook.PruneWebhookDeliveryLogUseCase;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.domain.BillingException;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** {@link PruneWebhookDeliveryLogUseCase}: one set-based delete (deliveries themselves are kept). */
public final class PruneWebhookDeliveryLogService implements PruneWebhookDeliveryLogUseCase {
    private final WebhookDeliveryStore deliveries;
    private final Transactions tx;
    private final Clock clock;

    public PruneWebhookDeliveryLogService(WebhookDeliveryStore deliveries, Transactions tx, Clock clock) {
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public int prune(Duration retention) {
        Objects.requireNonNull(retention, "retention");
        BillingException.require(!retention.isNegative() && !retention.isZero(), "retention must be positive");
        return tx.inTransaction(() -> deliveries.pruneAttempts(clock.instant().minus(retention)));
    }
}
