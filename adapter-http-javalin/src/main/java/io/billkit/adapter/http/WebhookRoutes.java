package io.billkit.adapter.http;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.HandleProviderEventUseCase;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.provider.ProviderWebhookVerifier;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.javalin.http.Context;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /api/v1/webhooks/stripe}: inbound payment-provider events. The raw body (byte for byte) and the
 * {@code Stripe-Signature} header go to the {@link ProviderWebhookVerifier}; a missing, wrong or expired
 * signature is 400 (Stripe's convention; Stripe retries non-2xx deliveries) and nothing is written. A
 * verified event goes to {@link HandleProviderEventUseCase}; the answer is 200
 * {@code {"result":"APPLIED|DUPLICATE|IGNORED|STALE"}}. Without a verifier (no {@code STRIPE_WEBHOOK_SECRET})
 * the route answers 503 "webhooks not configured". Each delivery counts in
 * {@code billkit_webhooks_handled_total{outcome}} ({@code applied}, {@code duplicate}, {@code ignored},
 * {@code stale}, {@code rejected}, {@code failed}).
 */
final class WebhookRoutes implements RouteGroup {
    static final String SIGNATURE_HEADER = "Stripe-Signature";

    private final Optional<ProviderWebhookVerifier> verifier;
    private final HandleProviderEventUseCase handler;
    private final HttpMetrics metrics;

    WebhookRoutes(Optional<ProviderWebhookVerifier> verifier, HandleProviderEventUseCase handler, HttpMetrics metrics) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public String name() {
        return "webhooks";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post("/api/v1/webhooks/stripe", Access.PUBLIC,
                "Stripe webhook (Stripe-Signature verified; 400 when invalid); answers the handling result",
                this::receive);
    }

    private void receive(Context ctx) {
        ProviderWebhookVerifier check = verifier.orElseThrow(ApiProblem::webhooksNotConfigured);
        String payload = StrictUtf8.decode(ctx.bodyAsBytes(), "request body"); // Stripe sends UTF-8 JSON
        ProviderEvent event;
        try {
            event = check.verify(payload, ctx.header(SIGNATURE_HEADER));
        } catch (BillingException e) {
            metrics.webhookHandled("rejected");
            if (e.code() == ErrorCode.UNAUTHENTICATED) {
                // the SDK's own reason (a wrapped cause) goes to the log with the errorId, not to the caller
                throw ProblemHandlers.fromUpstream(e)
                        ? ApiProblem.webhookSignatureInvalid("the Stripe-Signature header does not verify for this body "
                                + "(signature, secret or timestamp)", e.getMessage())
                        : ApiProblem.webhookSignatureInvalid(e.getMessage());
            }
            throw e;
        }
        ProviderEventResult result;
        try {
            result = handler.handle(event);
        } catch (RuntimeException e) {
            metrics.webhookHandled("failed");
            throw e;
        }
        metrics.webhookHandled(result.name().toLowerCase(Locale.ROOT));
        ctx.json(Map.of("result", result.name()));
    }
}
