package io.billkit.adapter.postgres;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PostgreSQL specifics of the subscription store beyond the port contract. */
class PostgresSubscriptionStoreTest {
    private static final Plan GROWTH = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));
    private static final CustomerId APEX = CustomerId.of("cus_apex");
    private static final Instant START = Instant.parse("2026-01-31T09:30:00Z");
    private final PostgresAdapter postgres = TestDatabase.adapter();

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
        postgres.customers().save(Customer.of(APEX, "Apex Media", "billing@apex.example"));
    }

    @Test
    void a_refused_second_live_subscription_leaves_the_surrounding_transaction_usable() {
        Subscription first = Subscription.start(SubscriptionId.of("sub_first"), APEX, GROWTH, START, ZoneId.of("UTC"));
        postgres.subscriptions().save(first);
        postgres.transactions().run(() -> {
            Subscription second = Subscription.start(SubscriptionId.of("sub_second"), APEX, GROWTH, START, ZoneId.of("UTC"));
            assertThatThrownBy(() -> postgres.subscriptions().save(second))
                    .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
            // the insert did nothing (ON CONFLICT DO NOTHING) instead of failing, so the transaction goes on
            postgres.subscriptions().save(first.scheduleCancelAtPeriodEnd());
        });
        assertThat(postgres.subscriptions().find(first.id()).orElseThrow().cancelAtPeriodEnd()).isTrue();
        assertThat(TestDatabase.count("subscriptions")).isEqualTo(1);
    }

    @Test
    void the_current_period_is_stored_with_its_end_instant_in_the_customers_zone() {
        ZoneId newYork = ZoneId.of("America/New_York");
        Subscription started = Subscription.start(SubscriptionId.of("sub_ny"), APEX, GROWTH, START, newYork);
        postgres.subscriptions().save(started);
        Instant storedEnd = TestDatabase.owner().withHandle(h -> h.createQuery(
                        "SELECT period_end_at FROM subscriptions WHERE id = 'sub_ny'")
                .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        // Jan 31 anchor: the first period ends at the start of Feb 28 in New York (05:00 UTC)
        assertThat(storedEnd).isEqualTo(Instant.parse("2026-02-28T05:00:00Z"));
        assertThat(postgres.subscriptions().periodEndedBy(Instant.parse("2026-02-28T04:59:59Z"), 10)).isEmpty();
        assertThat(postgres.subscriptions().periodEndedBy(storedEnd, 10)).containsExactly(started);
    }
}
