package io.billkit.adapter.http;

import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorCodeStatusTest {

    @Test
    void every_error_code_has_its_documented_status() {
        Map<ErrorCode, Integer> expected = new EnumMap<>(ErrorCode.class);
        expected.put(ErrorCode.INVALID_ARGUMENT, 400);
        expected.put(ErrorCode.CURRENCY_MISMATCH, 400);
        expected.put(ErrorCode.INVALID_CATALOG, 400);
        expected.put(ErrorCode.UNKNOWN_METER, 400);
        expected.put(ErrorCode.UNKNOWN_PLAN, 400);
        expected.put(ErrorCode.UNKNOWN_CREDIT_EVENT, 400);
        expected.put(ErrorCode.UNKNOWN_CREDIT_PRODUCT, 400);
        expected.put(ErrorCode.EVENT_IN_FUTURE, 400);
        expected.put(ErrorCode.NOT_FOUND, 404);
        expected.put(ErrorCode.CONFLICT, 409);
        expected.put(ErrorCode.IDEMPOTENCY_KEY_REUSED, 409);
        expected.put(ErrorCode.ILLEGAL_TRANSITION, 409);
        expected.put(ErrorCode.PERIOD_CLOSED, 409);
        expected.put(ErrorCode.COUPON_EXPIRED, 409);
        expected.put(ErrorCode.COUPON_EXHAUSTED, 409);
        expected.put(ErrorCode.COUPON_NOT_APPLICABLE, 400);
        expected.put(ErrorCode.CREDIT_EXCEEDS_INVOICE, 409);
        expected.put(ErrorCode.INSUFFICIENT_CREDITS, 402);
        expected.put(ErrorCode.PAYMENT_FAILED, 402);
        expected.put(ErrorCode.SUBSCRIPTION_UNPAID, 402);
        expected.put(ErrorCode.QUOTA_EXCEEDED, 403);
        expected.put(ErrorCode.BUDGET_EXCEEDED, 403);
        expected.put(ErrorCode.MODEL_NOT_ALLOWED, 403);
        expected.put(ErrorCode.FORBIDDEN, 403);
        expected.put(ErrorCode.UNAUTHENTICATED, 401);
        expected.put(ErrorCode.PROVIDER_UNAVAILABLE, 503);
        expected.put(ErrorCode.USAGE_STORE_UNAVAILABLE, 503);

        for (ErrorCode code : ErrorCode.values()) {
            assertThat(ErrorCodeStatus.status(code)).as(code.name()).isEqualTo(expected.getOrDefault(code, 400));
        }
    }

    @Test
    void problem_type_slug_and_title_come_from_the_code_name() {
        assertThat(ErrorCodeStatus.slug(ErrorCode.IDEMPOTENCY_KEY_REUSED)).isEqualTo("idempotency-key-reused");
        assertThat(ErrorCodeStatus.title(ErrorCode.PERIOD_CLOSED)).isEqualTo("Period closed");
    }
}
