package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.billkit.domain.subscription.SubscriptionStatus.ACTIVE;
import static io.billkit.domain.subscription.SubscriptionStatus.CANCELLED;
import static io.billkit.domain.subscription.SubscriptionStatus.EXPIRED;
import static io.billkit.domain.subscription.SubscriptionStatus.PAST_DUE;
import static io.billkit.domain.subscription.SubscriptionStatus.TRIALING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionStatusTest {

    private static final Set<String> LEGAL = Set.of(
            "TRIALING->ACTIVE", "ACTIVE->PAST_DUE", "PAST_DUE->ACTIVE",
            "TRIALING->CANCELLED", "ACTIVE->CANCELLED", "PAST_DUE->CANCELLED",
            "ACTIVE->UNPAID", "PAST_DUE->UNPAID", "UNPAID->ACTIVE", "UNPAID->CANCELLED", "UNPAID->EXPIRED",
            "TRIALING->EXPIRED", "ACTIVE->EXPIRED", "PAST_DUE->EXPIRED", "CANCELLED->EXPIRED");

    @Test
    void exactly_the_documented_transitions_are_legal() {
        for (SubscriptionStatus from : SubscriptionStatus.values()) {
            for (SubscriptionStatus to : SubscriptionStatus.values()) {
                assertThat(from.canTransitionTo(to)).as(from + "->" + to).isEqualTo(LEGAL.contains(from + "->" + to));
            }
        }
    }

    @Test
    void an_illegal_transition_throws_illegal_transition_naming_both_statuses() {
        assertThatThrownBy(() -> CANCELLED.transitionTo(ACTIVE))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                .hasMessageContaining("from CANCELLED to ACTIVE");
        assertThatThrownBy(() -> EXPIRED.transitionTo(EXPIRED)).hasMessageContaining("from EXPIRED to EXPIRED");
        assertThatThrownBy(() -> TRIALING.transitionTo(PAST_DUE)).hasMessageContaining("from TRIALING to PAST_DUE");
    }

    @Test
    void a_legal_transition_returns_the_target() {
        assertThat(PAST_DUE.transitionTo(ACTIVE)).isEqualTo(ACTIVE);
        assertThat(CANCELLED.transitionTo(EXPIRED)).isEqualTo(EXPIRED);
    }

    @Test
    void only_trialing_active_past_due_and_unpaid_are_live() {
        assertThat(SubscriptionStatus.UNPAID.isLive()).isTrue();
        assertThat(TRIALING.isLive()).isTrue();
        assertThat(ACTIVE.isLive()).isTrue();
        assertThat(PAST_DUE.isLive()).isTrue();
        assertThat(CANCELLED.isLive()).isFalse();
        assertThat(EXPIRED.isLive()).isFalse();
    }
}
