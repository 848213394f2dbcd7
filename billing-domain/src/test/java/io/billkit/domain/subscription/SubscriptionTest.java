package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.BillingPeriod;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final SubscriptionId ID = SubscriptionId.of("sub_1");
    private static final CustomerId ACME = CustomerId.of("acme");

    private final Catalog apex = SeedCatalogs.apex();
    private final Plan starter = apex.requirePlan(PlanCode.of("starter")); // 14-day trial
    private final Plan growth = apex.requirePlan(PlanCode.of("growth"));   // 14-day trial
    private final Plan scale = apex.requirePlan(PlanCode.of("scale"));     // no trial

    private Subscription activeGrowthFromJan31() {
        return Subscription.start(ID, ACME, scale, Instant.parse("2026-01-31T15:00:00Z"), ZoneOffset.UTC)
                .upgradeNow(growth.code());
    }

    private static void assertIllegal(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                .hasMessageContaining(message);
    }

    @Test
    void a_plan_with_a_trial_starts_trialing_and_the_trial_ends_on_the_same_local_time_across_dst() {
        Instant at = Instant.parse("2026-03-01T15:00:00Z"); // 10:00 EST

        Subscription sub = Subscription.start(ID, ACME, starter, at, NEW_YORK);

        assertThat(sub.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(sub.trialEnd()).contains(Instant.parse("2026-03-15T14:00:00Z")); // 10:00 EDT, 13 d 23 h later
        assertThat(sub.plan()).isEqualTo(starter.code());
        assertThat(sub.createdAt()).isEqualTo(at);
        assertThat(sub.version()).isZero();
        assertThat(sub.cancelAtPeriodEnd()).isFalse();
        assertThat(sub.pendingPlan()).isEmpty();
        assertThat(sub.cancelledAt()).isEmpty();
    }

    @Test
    void a_plan_without_a_trial_starts_active() {
        Subscription sub = Subscription.start(ID, ACME, scale, Instant.parse("2026-03-01T15:00:00Z"), NEW_YORK);

        assertThat(sub.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(sub.trialEnd()).isEmpty();
    }

    @Test
    void the_anchor_is_the_customers_local_date_not_the_utc_date() {
        Instant at = Instant.parse("2026-03-01T03:00:00Z"); // 2026-02-28 22:00 EST

        Subscription sub = Subscription.start(ID, ACME, scale, at, NEW_YORK);

        assertThat(sub.schedule().anchor()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(sub.schedule().zone()).isEqualTo(NEW_YORK);
        assertThat(sub.currentPeriod().index()).isZero();
        assertThat(sub.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(sub.currentPeriod().endExclusive()).isEqualTo(LocalDate.of(2026, 3, 28));
        assertThat(sub.currentPeriod().contains(at)).isTrue();
    }

    @Test
    void trial_converts_then_falls_past_due_and_recovers_each_step_a_new_version() {
        Subscription trialing = Subscription.start(ID, ACME, starter, Instant.parse("2026-03-01T15:00:00Z"), NEW_YORK);

        Subscription active = trialing.activate();
        Subscription pastDue = active.markPastDue();
        Subscription recovered = pastDue.recover();

        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.trialEnd()).isEqualTo(trialing.trialEnd());
        assertThat(pastDue.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(recovered.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(recovered.version()).isEqualTo(3);
        assertThat(trialing.status()).isEqualTo(SubscriptionStatus.TRIALING); // unchanged: immutable
    }

    @Test
    void status_operations_only_work_from_their_own_status() {
        Subscription trialing = Subscription.start(ID, ACME, starter, Instant.parse("2026-03-01T15:00:00Z"), NEW_YORK);
        Subscription active = trialing.activate();

        assertIllegal(trialing::recover, "from TRIALING to ACTIVE");
        assertIllegal(trialing::markPastDue, "from TRIALING to PAST_DUE");
        assertIllegal(active::activate, "from ACTIVE to ACTIVE");
        assertIllegal(active.markPastDue()::activate, "from PAST_DUE to ACTIVE");
    }

    @Test
    void cancel_now_records_when_and_drops_scheduled_changes() {
        Instant at = Instant.parse("2026-02-10T12:00:00Z");
        Subscription sub = activeGrowthFromJan31().scheduleDowngrade(starter.code()).scheduleCancelAtPeriodEnd();

        Subscription cancelled = sub.cancelNow(at);

        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).contains(at);
        assertThat(cancelled.cancelAtPeriodEnd()).isFalse();
        assertThat(cancelled.pendingPlan()).isEmpty();
        assertThat(cancelled.isLive()).isFalse();
        assertIllegal(() -> cancelled.cancelNow(at), "from CANCELLED to CANCELLED");
    }

    @Test
    void a_cancelled_subscription_cannot_be_resumed_renewed_or_changed() {
        Subscription cancelled = activeGrowthFromJan31().cancelNow(Instant.parse("2026-02-10T12:00:00Z"));

        assertIllegal(cancelled::resume, "cannot resume from CANCELLED");
        assertIllegal(cancelled::renew, "cannot renew from CANCELLED");
        assertIllegal(cancelled::scheduleCancelAtPeriodEnd, "from CANCELLED");
        assertIllegal(() -> cancelled.upgradeNow(PlanCode.of("enterprise")), "cannot change plan from CANCELLED");
        assertIllegal(() -> cancelled.scheduleDowngrade(starter.code()), "from CANCELLED");
    }

    @Test
    void resume_undoes_a_scheduled_cancel_and_the_subscription_renews_normally() {
        Subscription sub = activeGrowthFromJan31();

        Subscription scheduled = sub.scheduleCancelAtPeriodEnd();
        Subscription resumed = scheduled.resume();

        assertThat(scheduled.cancelAtPeriodEnd()).isTrue();
        assertThat(scheduled.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(resumed.cancelAtPeriodEnd()).isFalse();
        Subscription renewed = resumed.renew();
        assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(renewed.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 2, 28));
    }

    @Test
    void scheduling_a_cancel_twice_or_resuming_without_one_changes_nothing() {
        Subscription scheduled = activeGrowthFromJan31().scheduleCancelAtPeriodEnd();
        Subscription plain = activeGrowthFromJan31();

        assertThat(scheduled.scheduleCancelAtPeriodEnd()).isSameAs(scheduled);
        assertThat(plain.resume()).isSameAs(plain);
    }

    @Test
    void a_scheduled_cancel_becomes_cancelled_at_the_period_end_on_renewal() {
        Subscription sub = activeGrowthFromJan31().scheduleCancelAtPeriodEnd();
        BillingPeriod period = sub.currentPeriod();

        Subscription ended = sub.renew();

        assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(ended.cancelledAt()).contains(Instant.parse("2026-02-28T00:00:00Z"));
        assertThat(ended.currentPeriod()).isEqualTo(period);
        assertThat(ended.cancelAtPeriodEnd()).isFalse();
    }

    @Test
    void a_scheduled_downgrade_waits_for_the_period_end() {
        Subscription scheduled = activeGrowthFromJan31().scheduleDowngrade(starter.code());

        assertThat(scheduled.plan()).isEqualTo(growth.code());
        assertThat(scheduled.pendingPlan()).contains(starter.code());

        Subscription renewed = scheduled.renew();

        assertThat(renewed.plan()).isEqualTo(starter.code());
        assertThat(renewed.pendingPlan()).isEmpty();
        assertThat(renewed.currentPeriod().index()).isEqualTo(1);
        assertThat(renewed.renew().plan()).isEqualTo(starter.code());
    }

    @Test
    void a_scheduled_downgrade_can_be_dropped() {
        Subscription scheduled = activeGrowthFromJan31().scheduleDowngrade(starter.code());

        Subscription dropped = scheduled.cancelPendingDowngrade();

        assertThat(dropped.pendingPlan()).isEmpty();
        assertThat(dropped.renew().plan()).isEqualTo(growth.code());
        assertThat(dropped.cancelPendingDowngrade()).isSameAs(dropped);
    }

    @Test
    void a_scheduled_cancel_wins_over_a_scheduled_downgrade() {
        Subscription ended = activeGrowthFromJan31().scheduleDowngrade(starter.code()).scheduleCancelAtPeriodEnd().renew();

        assertThat(ended.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(ended.plan()).isEqualTo(growth.code());
        assertThat(ended.pendingPlan()).isEmpty();
    }

    @Test
    void an_upgrade_applies_now_in_the_same_period_and_drops_a_pending_downgrade() {
        Subscription sub = activeGrowthFromJan31().scheduleDowngrade(starter.code());

        Subscription upgraded = sub.upgradeNow(PlanCode.of("enterprise"));

        assertThat(upgraded.plan()).isEqualTo(PlanCode.of("enterprise"));
        assertThat(upgraded.pendingPlan()).isEmpty();
        assertThat(upgraded.currentPeriod()).isEqualTo(sub.currentPeriod());
        assertThat(upgraded.version()).isEqualTo(sub.version() + 1);
    }

    @Test
    void changing_to_the_current_plan_is_invalid() {
        Subscription sub = activeGrowthFromJan31();

        assertThatThrownBy(() -> sub.upgradeNow(growth.code()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("already on plan growth");
        assertThatThrownBy(() -> sub.scheduleDowngrade(growth.code())).isInstanceOf(BillingException.class);
    }

    @Test
    void renewals_walk_the_clamped_schedule_from_a_january_31_anchor() {
        Subscription sub = activeGrowthFromJan31();

        Subscription feb = sub.renew();
        Subscription mar = feb.renew();
        Subscription apr = mar.renew();

        assertThat(feb.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(mar.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(apr.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(apr.renew().currentPeriod().start()).isEqualTo(LocalDate.of(2026, 5, 31));
    }

    @Test
    void a_past_due_subscription_stays_past_due_across_renewal() {
        Subscription renewed = activeGrowthFromJan31().markPastDue().renew();

        assertThat(renewed.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(renewed.currentPeriod().index()).isEqualTo(1);
    }

    @Test
    void any_status_but_expired_can_expire_and_expired_is_final() {
        Subscription cancelled = activeGrowthFromJan31().cancelNow(Instant.parse("2026-02-10T12:00:00Z"));

        Subscription expired = cancelled.expire();

        assertThat(expired.status()).isEqualTo(SubscriptionStatus.EXPIRED);
        assertThat(expired.cancelledAt()).isEqualTo(cancelled.cancelledAt());
        assertThat(activeGrowthFromJan31().scheduleCancelAtPeriodEnd().expire().cancelAtPeriodEnd()).isFalse();
        assertIllegal(expired::expire, "from EXPIRED to EXPIRED");
        assertIllegal(expired::renew, "cannot renew from EXPIRED");
    }

    @Test
    void the_aggregate_refuses_inconsistent_state() {
        Subscription sub = activeGrowthFromJan31();

        assertThatThrownBy(() -> new Subscription(ID, ACME, sub.plan(), SubscriptionStatus.TRIALING, sub.schedule(),
                sub.currentPeriod(), Optional.empty(), false, Optional.empty(), Optional.empty(), sub.createdAt(), 0))
                .isInstanceOf(BillingException.class).hasMessageContaining("needs a trialEnd");
        assertThatThrownBy(() -> new Subscription(ID, ACME, sub.plan(), SubscriptionStatus.CANCELLED, sub.schedule(),
                sub.currentPeriod(), Optional.empty(), false, Optional.empty(), Optional.empty(), sub.createdAt(), 0))
                .isInstanceOf(BillingException.class).hasMessageContaining("needs cancelledAt");
        BillingPeriod foreign = new BillingPeriod(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 3, 1), ZoneOffset.UTC, 0);
        assertThatThrownBy(() -> new Subscription(ID, ACME, sub.plan(), SubscriptionStatus.ACTIVE, sub.schedule(),
                foreign, Optional.empty(), false, Optional.empty(), Optional.empty(), sub.createdAt(), 0))
                .isInstanceOf(BillingException.class).hasMessageContaining("not a period of its schedule");
        assertThatThrownBy(() -> new Subscription(ID, ACME, sub.plan(), SubscriptionStatus.ACTIVE, sub.schedule(),
                sub.currentPeriod(), Optional.empty(), false, Optional.of(sub.plan()), Optional.empty(), sub.createdAt(), 0))
                .isInstanceOf(BillingException.class).hasMessageContaining("pending plan equals");
    }

    @Test
    void upgrade_and_proration_together_charge_the_difference_for_the_rest_of_the_period() {
        Subscription sub = Subscription.start(ID, ACME, starter, Instant.parse("2026-04-01T00:00:00Z"), ZoneOffset.UTC).activate();
        Instant halfway = Instant.parse("2026-04-16T00:00:00Z");
        Plan target = growth;

        PlanChange change = PlanChange.classify(starter, target);
        Subscription upgraded = sub.upgradeNow(target.code());
        ProrationResult proration = Proration.of(starter, target, sub.currentPeriod(), halfway);

        assertThat(change).isEqualTo(PlanChange.UPGRADE);
        assertThat(upgraded.plan()).isEqualTo(target.code());
        assertThat(proration.net()).isEqualTo(Money.of("200.00", "USD"));
    }
}
