package io.billkit.adapter.http;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP-level failure raised by the adapter itself (authentication, CSRF, rate limit, body size,
 * malformed JSON, billing disabled). {@link ProblemHandlers} turns it into {@code application/problem+json}.
 * Domain failures stay {@link io.billkit.domain.BillingException}s and are mapped there too.
 */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final String title;
    private final transient Optional<String> field;
    private final transient Map<String, String> headers;
    private final transient Optional<String> logNote;

    ApiProblem(int status, String slug, String title, String detail, Optional<String> field, Map<String, String> headers) {
        this(status, slug, title, detail, field, headers, Optional.empty());
    }

    /** With {@code logNote}: written to the server log with the errorId, never to the client. */
    ApiProblem(int status, String slug, String title, String detail, Optional<String> field, Map<String, String> headers,
               Optional<String> logNote) {
        super(Objects.requireNonNull(detail, "detail"));
        this.status = status;
        this.slug = Objects.requireNonNull(slug, "slug");
        this.title = Objects.requireNonNull(title, "title");
        this.field = Objects.requireNonNull(field, "field");
        this.headers = Map.copyOf(headers);
        this.logNote = Objects.requireNonNull(logNote, "logNote");
    }

    static ApiProblem unauthenticated(String detail) {
        return new ApiProblem(401, "unauthenticated", "Authentication required", detail, Optional.empty(), Map.of());
    }

    /** 401 whose {@code logNote} (e.g. the JWT library's reason) goes to the server log only. */
    static ApiProblem unauthenticated(String detail, String logNote) {
        return new ApiProblem(401, "unauthenticated", "Authentication required", detail, Optional.empty(), Map.of(),
                Optional.ofNullable(logNote));
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(403, "forbidden", "Forbidden", detail, Optional.empty(), Map.of());
    }

    static ApiProblem csrf(String detail) {
        return new ApiProblem(403, "csrf-token-invalid", "CSRF token missing or invalid", detail, Optional.empty(),
                Map.of());
    }

    static ApiProblem malformedJson(String detail, Optional<String> field) {
        return new ApiProblem(400, "malformed-json", "Malformed JSON body", detail, field, Map.of());
    }

    static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(400, "invalid-argument", "Invalid argument", detail, Optional.of(field), Map.of());
    }

    /** 400 with the problem type of {@code code} (e.g. {@code unknown-plan}) naming the offending field. */
    static ApiProblem invalidField(String field, io.billkit.domain.ErrorCode code, String detail) {
        return new ApiProblem(ErrorCodeStatus.status(code), ErrorCodeStatus.slug(code), ErrorCodeStatus.title(code),
                detail, Optional.of(field), Map.of());
    }

    static ApiProblem webhooksNotConfigured() {
        return new ApiProblem(503, "webhooks-not-configured", "Webhooks not configured",
                "webhooks not configured: set STRIPE_WEBHOOK_SECRET to receive payment-provider events",
                Optional.empty(), Map.of());
    }

    static ApiProblem webhookSignatureInvalid(String detail) {
        return new ApiProblem(400, "webhook-signature-invalid", "Webhook signature invalid", detail,
                Optional.of("Stripe-Signature"), Map.of());
    }

    static ApiProblem webhookSignatureInvalid(String detail, String logNote) {
        return new ApiProblem(400, "webhook-signature-invalid", "Webhook signature invalid", detail,
                Optional.of("Stripe-Signature"), Map.of(), Optional.ofNullable(logNote));
    }

    static ApiProblem tooManyRequests(long retryAfterSeconds, String detail) {
        return new ApiProblem(429, "rate-limited", "Too many requests", detail, Optional.empty(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    static ApiProblem contentTooLarge(long maxBytes) {
        return new ApiProblem(413, "content-too-large", "Request body too large",
                "the request body exceeds the limit of " + maxBytes + " bytes", Optional.empty(), Map.of());
    }

    static ApiProblem billingDisabled() {
        return new ApiProblem(503, "billing-disabled", "Billing is disabled",
                "billing is switched off on this deployment (BILLING_ENABLED=false)", Optional.empty(), Map.of());
    }

    static ApiProblem notReady() {
        return new ApiProblem(503, "not-ready", "Service not ready", "the service cannot take traffic yet",
                Optional.empty(), Map.of());
    }

    int status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }

    Optional<String> field() {
        return field;
    }

    Map<String, String> headers() {
        return headers;
    }

    /** For the server log only. */
    Optional<String> logNote() {
        return logNote;
    }
}
