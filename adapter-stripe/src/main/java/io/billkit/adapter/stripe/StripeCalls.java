package io.billkit.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs one Stripe call and turns its failures into {@link BillingException}s. stripe-java itself
 * retries network errors, timeouts, 409 and 5xx ({@code setMaxNetworkRetries}); it does not retry a
 * plain 429, so this class does, up to the same number of times, with the caller's same request
 * options (hence the same {@code Idempotency-Key}). A call must therefore be safe to run again from the
 * start (listings build a fresh result per attempt).
 */
final class StripeCalls {

    /** A call into stripe-java. */
    @FunctionalInterface
    interface StripeCall<T> {
        T call() throws StripeException;
    }

    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final int maxRetries;
    private final Duration rateLimitBackoff;

    StripeCalls(int maxRetries, Duration rateLimitBackoff) {
        this.maxRetries = maxRetries;
        this.rateLimitBackoff = rateLimitBackoff;
    }

    /** Runs {@code call}; {@code what} names the operation in error messages. */
    <T> T run(String what, StripeCall<T> call) {
        for (int attempt = 0; ; attempt++) {
            StripeException failure;
            try {
                return call.call();
            } catch (StripeException e) {
                failure = e;
            } catch (RuntimeException e) {
                // stripe-java's auto-paging iterators wrap a failed later page in a plain RuntimeException
                if (!(e.getCause() instanceof StripeException cause)) {
                    throw e;
                }
                failure = cause;
            }
            if (!(failure instanceof RateLimitException) || attempt >= maxRetries) {
                throw translate(what, failure);
            }
            pause(attempt);
        }
    }

    /** Like {@link #run} but a missing object ({@code NOT_FOUND}) is an empty result. */
    <T> Optional<T> find(String what, StripeCall<T> call) {
        try {
            return Optional.ofNullable(run(what, call));
        } catch (BillingException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    static BillingException translate(String what, StripeException e) {
        String message = "stripe " + what + " failed: " + e.getMessage();
        Integer status = e.getStatusCode();
        if (e instanceof CardException) {
            return new BillingException(ErrorCode.PAYMENT_FAILED, message, e);
        }
        if (e instanceof IdempotencyException) {
            return new BillingException(ErrorCode.IDEMPOTENCY_KEY_REUSED, message, e);
        }
        if (e instanceof ApiConnectionException || e instanceof RateLimitException || e instanceof ApiException) {
            return new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, message, e);
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException) {
            // a configuration problem on our side: the BillKit caller cannot fix it
            return new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, message, e);
        }
        if ("resource_missing".equals(e.getCode()) || (status != null && status == 404)) {
            return new BillingException(ErrorCode.NOT_FOUND, message, e);
        }
        if (status != null && status == 409) {
            return new BillingException(ErrorCode.CONFLICT, message, e);
        }
        if (status != null && status >= 500) {
            return new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, message, e);
        }
        if (e instanceof InvalidRequestException) {
            return new BillingException(ErrorCode.INVALID_ARGUMENT, message, e);
        }
        return new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, message, e);
    }

    private void pause(int attempt) {
        long millis = Math.min(rateLimitBackoff.toMillis() << Math.min(attempt, 20), MAX_BACKOFF.toMillis());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, "interrupted while waiting to retry a rate-limited stripe call");
        }
    }
}
