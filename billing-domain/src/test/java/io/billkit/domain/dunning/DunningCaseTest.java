package io.billkit.domain.dunning;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DunningCaseTest {
    private static final Instant FAILED = Instant.parse("2026-03-01T10:15:00Z");

    private static DunningCase started() {
        return DunningCase.start(InvoiceId.of("inv_1"), SubscriptionId.of("sub_1"), CustomerId.of("acme"),
                DunningPolicy.standard(), FAILED);
    }

    @Test
    void retries_fall_on_day_3_5_and_7_after_the_failure_then_the_case_is_exhausted() {
        DunningCase c = started();
        assertThat(c.nextRetryAt()).contains(Instant.parse("2026-03-04T10:15:00Z"));
        c = c.retryFailed(Instant.parse("2026-03-04T10:16:00Z"));
        assertThat(c.retriesMade()).isEqualTo(1);
        assertThat(c.nextRetryAt()).contains(Instant.parse("2026-03-06T10:15:00Z"));
        c = c.retryFailed(Instant.parse("2026-03-06T10:16:00Z"));
        assertThat(c.nextRetryIsLast()).isTrue();
        assertThat(c.nextRetryAt()).contains(Instant.parse("2026-03-08T10:15:00Z"));
        c = c.retryFailed(Instant.parse("2026-03-08T10:16:00Z"));
        assertThat(c.status()).isEqualTo(DunningStatus.EXHAUSTED);
        assertThat(c.nextRetryAt()).isEmpty();
        assertThat(c.endedAt()).contains(Instant.parse("2026-03-08T10:16:00Z"));
        assertThat(c.version()).isEqualTo(3);
    }

    @Test
    void a_successful_retry_recovers_and_counts_the_attempt() {
        DunningCase c = started().retryFailed(FAILED.plusSeconds(1)).retrySucceeded(FAILED.plusSeconds(2));
        assertThat(c.status()).isEqualTo(DunningStatus.RECOVERED);
        assertThat(c.retriesMade()).isEqualTo(2);
        assertThatThrownBy(() -> c.retryFailed(FAILED))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
    }

    @Test
    void a_stopped_case_takes_no_retries_and_a_late_payment_recovers_it() {
        DunningCase stopped = started().stop(FAILED.plusSeconds(5));
        assertThat(stopped.status()).isEqualTo(DunningStatus.STOPPED);
        assertThatThrownBy(() -> stopped.rescheduled(FAILED)).isInstanceOf(BillingException.class);
        assertThat(stopped.paidLate(FAILED.plusSeconds(9)).status()).isEqualTo(DunningStatus.RECOVERED);
    }

    @Test
    void a_schedule_must_be_strictly_increasing_and_within_bounds() {
        assertThatThrownBy(() -> DunningPolicy.of(DunningFinalAction.CANCEL, 3, 3))
                .hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new DunningPolicy(List.of(), DunningFinalAction.CANCEL))
                .hasMessageContaining("1..12 retries");
        assertThatThrownBy(() -> DunningPolicy.of(DunningFinalAction.CANCEL, 0))
                .hasMessageContaining("1..365");
    }
}
