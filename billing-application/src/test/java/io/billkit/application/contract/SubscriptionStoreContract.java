package io.billkit.application.contract;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link SubscriptionStore} must do. Only the port API is used; every test makes its own
 * customers and subscriptions with unique ids, so the suite runs unchanged against a shared database.
 */
public abstract class SubscriptionStoreContract {

    protected abstract CustomerStore customers();

    protected abstract SubscriptionStore subscriptions();

    protected abstract Transactions transactions();

    private static final Plan STARTER = SeedCatalogs.apex().requirePlan(PlanCode.of("starter"));
    private static final Plan SCALE = SeedCatalogs.apex().requirePlan(PlanCode.of("scale"));
    private static final Plan GROWTH = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));
    private static final Instant START = Instant.parse("2026-01-31T09:30:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private CustomerId customer(String name, ZoneId zone) {
        CustomerId id = CustomerId.of("cus_" + name + "_" + run);
        customers().save(Customer.of(id, name, name + "@example.com").withTimeZone(zone));
        return id;
    }

    private SubscriptionId subscriptionId(String name) {
        return SubscriptionId.of("sub_" + name + "_" + run);
    }

    @Test
    void a_new_subscription_round_trips_with_its_schedule_period_and_trial() {
        ZoneId zone = ZoneId.of("America/New_York");
        CustomerId customer = customer("trial", zone);
        Subscription started = Subscription.start(subscriptionId("trial"), customer, STARTER, START, zone);
        subscriptions().save(started);

        Subscription read = subscriptions().find(started.id()).orElseThrow();
        assertThat(read).isEqualTo(started);
        assertThat(read.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(read.trialEnd()).contains(Instant.parse("2026-02-14T09:30:00Z"));
        assertThat(read.schedule().zone()).isEqualTo(zone);
        assertThat(read.currentPeriod().start()).isEqualTo(java.time.LocalDate.of(2026, 1, 31));
        assertThat(read.currentPeriod().endExclusive()).isEqualTo(java.time.LocalDate.of(2026, 2, 28));
        assertThat(subscriptions().find(subscriptionId("nobody"))).isEmpty();
    }

    @Test
    void changes_are_saved_over_the_version_they_came_from_and_stale_writes_conflict() {
        CustomerId customer = customer("versions", ZoneId.of("UTC"));
        Subscription v0 = Subscription.start(subscriptionId("versions"), customer, SCALE, START, ZoneId.of("UTC"));
        subscriptions().save(v0);
        Subscription v1 = v0.scheduleCancelAtPeriodEnd();
        subscriptions().save(v1);
        Subscription v2 = v1.scheduleDowngrade(GROWTH.code());
        subscriptions().save(v2);

        Subscription read = subscriptions().find(v0.id()).orElseThrow();
        assertThat(read.version()).isEqualTo(2);
        assertThat(read.cancelAtPeriodEnd()).isTrue();
        assertThat(read.pendingPlan()).contains(GROWTH.code());

        Subscription staleChange = v1.markPastDue();
        assertThatThrownBy(() -> subscriptions().save(staleChange))
                .isInstanceOf(BillingException.class)
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> subscriptions().save(v0))
                .isInstanceOf(BillingException.class)
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(subscriptions().find(v0.id()).orElseThrow()).isEqualTo(v2);
    }

    @Test
    void a_customer_gets_no_second_live_subscription() {
        CustomerId customer = customer("twice", ZoneId.of("UTC"));
        subscriptions().save(Subscription.start(subscriptionId("first"), customer, SCALE, START, ZoneId.of("UTC")));
        Subscription second = Subscription.start(subscriptionId("second"), customer, SCALE, START.plusSeconds(60),
                ZoneId.of("UTC"));
        assertThatThrownBy(() -> subscriptions().save(second))
                .isInstanceOf(BillingException.class)
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(subscriptions().find(second.id())).isEmpty();
    }

    @Test
    void live_and_latest_follow_the_status() {
        CustomerId customer = customer("lifecycle", ZoneId.of("UTC"));
        Subscription first = Subscription.start(subscriptionId("old"), customer, SCALE, START, ZoneId.of("UTC"));
        subscriptions().save(first);
        assertThat(subscriptions().findLive(customer)).contains(first);
        assertThat(subscriptions().live()).contains(first);

        Subscription cancelled = first.cancelNow(START.plusSeconds(3600));
        subscriptions().save(cancelled);
        assertThat(subscriptions().findLive(customer)).isEmpty();
        assertThat(subscriptions().findLatest(customer)).contains(cancelled);
        assertThat(subscriptions().live()).extracting(Subscription::id).doesNotContain(first.id());

        Subscription renewed = Subscription.start(subscriptionId("new"), customer, STARTER, START.plusSeconds(7200),
                ZoneId.of("UTC"));
        subscriptions().save(renewed);
        assertThat(subscriptions().findLive(customer)).contains(renewed);
        assertThat(subscriptions().findLatest(customer)).contains(renewed);
        assertThat(subscriptions().findLive(customer("none", ZoneId.of("UTC")))).isEmpty();
    }

    @Test
    void current_of_picks_each_customers_live_subscription_else_its_latest_in_one_read() {
        CustomerId renewed = customer("cur_renewed", ZoneId.of("UTC"));
        CustomerId ended = customer("cur_ended", ZoneId.of("UTC"));
        CustomerId never = customer("cur_never", ZoneId.of("UTC"));
        Subscription old = Subscription.start(subscriptionId("cur_old"), renewed, SCALE, START, ZoneId.of("UTC"));
        subscriptions().save(old);
        subscriptions().save(old.cancelNow(START.plusSeconds(60)));
        Subscription live = Subscription.start(subscriptionId("cur_live"), renewed, STARTER, START.plusSeconds(120),
                ZoneId.of("UTC"));
        subscriptions().save(live);
        Subscription first = Subscription.start(subscriptionId("cur_first"), ended, SCALE, START, ZoneId.of("UTC"));
        subscriptions().save(first);
        Subscription cancelledFirst = first.cancelNow(START.plusSeconds(60));
        subscriptions().save(cancelledFirst);
        Subscription second = Subscription.start(subscriptionId("cur_second"), ended, GROWTH, START.plusSeconds(120),
                ZoneId.of("UTC"));
        subscriptions().save(second);
        Subscription cancelledSecond = second.cancelNow(START.plusSeconds(180));
        subscriptions().save(cancelledSecond);

        var current = subscriptions().currentOf(List.of(renewed, ended, never));

        assertThat(current).containsOnlyKeys(renewed, ended);
        assertThat(current.get(renewed)).isEqualTo(live);
        assertThat(current.get(ended)).isEqualTo(cancelledSecond);
        assertThat(subscriptions().currentOf(List.of())).isEmpty();
    }

    @Test
    void period_ended_by_lists_live_subscriptions_whose_period_is_over_oldest_end_first() {
        // An early era (2001) keeps other tests' subscriptions out of the window.
        Instant early = Instant.parse("2001-03-10T12:00:00Z");
        CustomerId a = customer("ends_a", ZoneId.of("UTC"));
        CustomerId b = customer("ends_b", ZoneId.of("UTC"));
        CustomerId c = customer("ends_c", ZoneId.of("UTC"));
        CustomerId d = customer("ends_d", ZoneId.of("UTC"));
        Subscription endsApril10 = Subscription.start(subscriptionId("ends_a"), a, SCALE, early, ZoneId.of("UTC"));
        Subscription endsApril5 = Subscription.start(subscriptionId("ends_b"), b, SCALE, early.minusSeconds(5 * 86400),
                ZoneId.of("UTC"));
        Subscription endsLater = Subscription.start(subscriptionId("ends_c"), c, SCALE, early.plusSeconds(20 * 86400),
                ZoneId.of("UTC"));
        Subscription cancelled = Subscription.start(subscriptionId("ends_d"), d, SCALE, early, ZoneId.of("UTC"))
                .cancelNow(early.plusSeconds(60));
        subscriptions().save(endsApril10);
        subscriptions().save(endsApril5);
        subscriptions().save(endsLater);
        subscriptions().save(Subscription.start(cancelled.id(), d, SCALE, early, ZoneId.of("UTC")));
        subscriptions().save(cancelled);

        Instant cutoff = Instant.parse("2001-04-10T00:00:00Z");
        List<SubscriptionId> ours = List.of(endsApril10.id(), endsApril5.id(), endsLater.id(), cancelled.id());
        List<SubscriptionId> ended = subscriptions().periodEndedBy(cutoff, 1000).stream()
                .map(Subscription::id).filter(ours::contains).toList();
        assertThat(ended).containsExactly(endsApril5.id(), endsApril10.id());

        List<Subscription> first = subscriptions().periodEndedBy(cutoff, 1);
        assertThat(first).hasSize(1);
        assertThat(first.get(0).currentPeriodEnd()).isBeforeOrEqualTo(endsApril5.currentPeriodEnd());
    }

    @Test
    void claim_period_ended_by_returns_the_due_queue_oldest_end_first_without_the_skipped() {
        Instant early = Instant.parse("2001-06-10T12:00:00Z");
        CustomerId a = customer("claim_a", ZoneId.of("UTC"));
        CustomerId b = customer("claim_b", ZoneId.of("UTC"));
        CustomerId c = customer("claim_c", ZoneId.of("UTC"));
        Subscription first = Subscription.start(subscriptionId("claim_a"), a, SCALE, early.minusSeconds(86400),
                ZoneId.of("UTC"));
        Subscription second = Subscription.start(subscriptionId("claim_b"), b, SCALE, early, ZoneId.of("UTC"));
        Subscription notDue = Subscription.start(subscriptionId("claim_c"), c, SCALE, early.plusSeconds(40 * 86400),
                ZoneId.of("UTC"));
        subscriptions().save(first);
        subscriptions().save(second);
        subscriptions().save(notDue);
        Instant cutoff = Instant.parse("2001-07-15T00:00:00Z");
        List<SubscriptionId> ours = List.of(first.id(), second.id(), notDue.id());

        List<SubscriptionId> due = transactions().inTransaction(() -> subscriptions()
                .claimPeriodEndedBy(cutoff, 1000, java.util.Set.of()).stream().map(Subscription::id)
                .filter(ours::contains).toList());
        List<SubscriptionId> withoutFirst = transactions().inTransaction(() -> subscriptions()
                .claimPeriodEndedBy(cutoff, 1000, java.util.Set.of(first.id())).stream().map(Subscription::id)
                .filter(ours::contains).toList());

        assertThat(due).containsExactly(first.id(), second.id());
        assertThat(withoutFirst).containsExactly(second.id());
        subscriptions().save(second.renew());
        assertThat(transactions().inTransaction(() -> subscriptions().claimPeriodEndedBy(cutoff, 1000,
                java.util.Set.of()).stream().map(Subscription::id).filter(ours::contains).toList()))
                .as("renewed onto a period that has not ended").containsExactly(first.id());
    }

    @Test
    void claim_trials_ended_by_returns_trialing_subscriptions_whose_trial_is_over() {
        Instant early = Instant.parse("2002-05-01T00:00:00Z");
        CustomerId a = customer("trial_a", ZoneId.of("UTC"));
        CustomerId b = customer("trial_b", ZoneId.of("UTC"));
        CustomerId c = customer("trial_c", ZoneId.of("UTC"));
        Subscription ended = Subscription.start(subscriptionId("trial_a"), a, STARTER, early, ZoneId.of("UTC"));
        Subscription running = Subscription.start(subscriptionId("trial_b"), b, STARTER, early.plusSeconds(10 * 86400),
                ZoneId.of("UTC"));
        Subscription activated = Subscription.start(subscriptionId("trial_c"), c, STARTER, early, ZoneId.of("UTC"));
        subscriptions().save(ended);
        subscriptions().save(running);
        subscriptions().save(activated);
        subscriptions().save(activated.activate());
        Instant now = ended.trialEnd().orElseThrow();
        List<SubscriptionId> ours = List.of(ended.id(), running.id(), activated.id());

        List<SubscriptionId> due = transactions().inTransaction(() -> subscriptions()
                .claimTrialsEndedBy(now, 1000, java.util.Set.of()).stream().map(Subscription::id)
                .filter(ours::contains).toList());

        assertThat(due).containsExactly(ended.id());
        assertThat(transactions().inTransaction(() -> subscriptions().claimTrialsEndedBy(now, 1000,
                java.util.Set.of(ended.id())).stream().map(Subscription::id).filter(ours::contains).toList())).isEmpty();
    }

    @Test
    void a_save_rolled_back_with_its_transaction_leaves_the_old_version() {
        CustomerId customer = customer("rollback", ZoneId.of("UTC"));
        Subscription v0 = Subscription.start(subscriptionId("rollback"), customer, SCALE, START, ZoneId.of("UTC"));
        subscriptions().save(v0);
        assertThatThrownBy(() -> transactions().run(() -> {
            subscriptions().save(v0.cancelNow(START.plusSeconds(10)));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(subscriptions().find(v0.id())).contains(v0);
        assertThat(subscriptions().findLive(customer)).contains(v0);
    }
}
