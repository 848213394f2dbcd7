package io.billkit.adapter.http;

import io.billkit.domain.ErrorCode;

import java.util.Locale;

/**
 * The HTTP status and problem type of each {@link ErrorCode}. The choices:
 * <ul>
 *   <li>400 for every input problem, syntactic or semantic ({@code INVALID_ARGUMENT}, {@code UNKNOWN_*},
 *       {@code CURRENCY_MISMATCH}, {@code EVENT_IN_FUTURE}, {@code INVALID_CATALOG}); we do not use 422, so a
 *       client has one status to handle for "fix your request"; the problem {@code type} tells them apart;</li>
 *   <li>404 {@code NOT_FOUND};</li>
 *   <li>409 for a clash with the current state ({@code CONFLICT}, {@code IDEMPOTENCY_KEY_REUSED},
 *       {@code ILLEGAL_TRANSITION}, {@code PERIOD_CLOSED}, {@code COUPON_EXPIRED}, {@code COUPON_EXHAUSTED},
 *       {@code CREDIT_EXCEEDS_INVOICE});
 *       {@code COUPON_NOT_APPLICABLE} is a 400 like every other "fix your request";</li>
 *   <li>402 when paying would fix it ({@code INSUFFICIENT_CREDITS}, {@code PAYMENT_FAILED},
 *       {@code SUBSCRIPTION_UNPAID});</li>
 *   <li>403 for {@code QUOTA_EXCEEDED}, {@code BUDGET_EXCEEDED}, {@code MODEL_NOT_ALLOWED}, {@code FORBIDDEN}:
 *       the plan or budget does not allow the action (upgrading does); 429 is reserved for the HTTP rate
 *       limit, which a client simply waits out (it carries {@code Retry-After});</li>
 *   <li>401 {@code UNAUTHENTICATED}; 503 {@code PROVIDER_UNAVAILABLE} and {@code USAGE_STORE_UNAVAILABLE} (retry later).</li>
 * </ul>
 * A code added later without a mapping here answers 400 (it is still an expected, explained outcome).
 */
final class ErrorCodeStatus {
    private ErrorCodeStatus() {
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT, CURRENCY_MISMATCH, INVALID_CATALOG, UNKNOWN_METER, UNKNOWN_PLAN,
                    UNKNOWN_CREDIT_EVENT, UNKNOWN_CREDIT_PRODUCT, EVENT_IN_FUTURE -> 400;
            case NOT_FOUND -> 404;
            case CONFLICT, IDEMPOTENCY_KEY_REUSED, ILLEGAL_TRANSITION, PERIOD_CLOSED, COUPON_EXPIRED,
                    COUPON_EXHAUSTED, CREDIT_EXCEEDS_INVOICE -> 409;
            case INSUFFICIENT_CREDITS, PAYMENT_FAILED, SUBSCRIPTION_UNPAID -> 402;
            case QUOTA_EXCEEDED, BUDGET_EXCEEDED, MODEL_NOT_ALLOWED, FORBIDDEN -> 403;
            case UNAUTHENTICATED -> 401;
            case PROVIDER_UNAVAILABLE, USAGE_STORE_UNAVAILABLE -> 503;
            default -> 400;
        };
    }

    /** {@code QUOTA_EXCEEDED -> quota-exceeded}. */
    static String slug(ErrorCode code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code QUOTA_EXCEEDED -> Quota exceeded}. */
    static String title(ErrorCode code) {
        String words = code.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
