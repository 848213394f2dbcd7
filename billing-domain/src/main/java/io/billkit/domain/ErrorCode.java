package io.billkit.domain;

/**
 * Stable machine-readable codes carried by every {@link BillingException}. Adapters map them to
 * transport errors (HTTP status, problem type); the names never change once published.
 */
public enum ErrorCode {
    INVALID_ARGUMENT,
    CURRENCY_MISMATCH,
    INVALID_CATALOG,
    UNKNOWN_METER,
    UNKNOWN_PLAN,
    UNKNOWN_CREDIT_EVENT,
    UNKNOWN_CREDIT_PRODUCT,
    QUOTA_EXCEEDED,
    INSUFFICIENT_CREDITS,
    ILLEGAL_TRANSITION,
    NOT_FOUND,
    CONFLICT,
    IDEMPOTENCY_KEY_REUSED,
    PERIOD_CLOSED,
    EVENT_IN_FUTURE,
    PAYMENT_FAILED,
    PROVIDER_UNAVAILABLE,
    /** The store that holds usage events (e.g. ClickHouse) does not answer; retry later. */
    USAGE_STORE_UNAVAILABLE,
    BUDGET_EXCEEDED,
    MODEL_NOT_ALLOWED,
    FORBIDDEN,
    UNAUTHENTICATED,
    /** The subscription is UNPAID (dunning ran out of retries): HARD-limited usage is refused until it is paid. */
    SUBSCRIPTION_UNPAID,
    /** A coupon redeemed after its redeem-by instant. */
    COUPON_EXPIRED,
    /** A coupon whose redemption limit is reached. */
    COUPON_EXHAUSTED,
    /** A coupon that does not apply to the subscription (plan, meters or currency). */
    COUPON_NOT_APPLICABLE,
    /** A credit note would give back more than the invoice (or one of its lines) has left, net of earlier notes. */
    CREDIT_EXCEEDS_INVOICE
}
