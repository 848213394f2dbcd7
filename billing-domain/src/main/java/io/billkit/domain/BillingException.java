package io.billkit.domain;

import java.util.Objects;

/**
 * The one unchecked exception type of BillKit's domain and application layers. It carries a
 * stable {@link ErrorCode}; the message is for humans and names the offending field or value.
 */
public class BillingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public BillingException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public BillingException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    /** Shorthand for an {@link ErrorCode#INVALID_ARGUMENT} failure. */
    public static BillingException invalid(String message) {
        return new BillingException(ErrorCode.INVALID_ARGUMENT, message);
    }

    /** Throws {@link ErrorCode#INVALID_ARGUMENT} with {@code message} unless {@code condition} holds. */
    public static void require(boolean condition, String message) {
        if (!condition) {
            throw invalid(message);
        }
    }
}
