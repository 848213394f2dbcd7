package io.billkit.bootstrap.metrics;

import io.billkit.application.port.out.WebhookSender;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/** Counts outbound webhook POSTs by outcome ({@code billkit_webhook_delivery_attempts_total}). */
public final class MeteredWebhookSender implements WebhookSender {
    private final WebhookSender delegate;
    private final BusinessMetrics metrics;

    public MeteredWebhookSender(WebhookSender delegate, BusinessMetrics metrics) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public int post(String url, String body, Map<String, String> headers) throws IOException {
        int status;
        try {
            status = delegate.post(url, body, headers);
        } catch (IOException | RuntimeException e) {
            metrics.webhookAttempt("failed");
            throw e;
        }
        metrics.webhookAttempt(status >= 200 && status < 300 ? "delivered" : "rejected");
        return status;
    }
}
