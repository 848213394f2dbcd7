package io.billkit.application.contract;

import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PendingChargeStore} must do. Only the port API is used; every test makes its own
 * customer, subscription and charge ids, so the suite runs unchanged against a shared database.
 */
public abstract class PendingChargeStoreContract {

    protected abstract CustomerStore customers();

    protected abstract SubscriptionStore subscriptions();

    protected abstract PendingChargeStore pendingCharges();

    protected abstract Transactions transactions();

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private SubscriptionId subscription(String name) {
        CustomerId customer = CustomerId.of("cus_" + name + "_" + run);
        customers().save(Customer.of(customer, name, name + "@example.com"));
        Subscription subscription = Subscription.start(SubscriptionId.of("sub_" + name + "_" + run), customer,
                SeedCatalogs.apex().requirePlan(PlanCode.of("scale")), START, ZoneId.of("UTC"));
        subscriptions().save(subscription);
        return subscription.id();
    }

    private PendingCharge charge(String id, SubscriptionId subscription, InvoiceLine line, int secondsAfterStart) {
        return new PendingCharge(id + "_" + run, subscription, line, START.plusSeconds(secondsAfterStart));
    }

    @Test
    void charges_come_back_oldest_first_with_their_lines_and_the_same_id_is_added_once() {
        SubscriptionId subscription = subscription("peek");
        SubscriptionId other = subscription("peek_other");
        PendingCharge later = charge("later", subscription,
                new InvoiceLine.AdjustmentLine("Goodwill adjustment", Money.of("-5.00", "USD")), 200);
        PendingCharge earlier = charge("earlier", subscription,
                new InvoiceLine.ProrationLine("Upgrade Starter -> Growth (prorated)", Money.of("200.00", "USD")), 100);
        pendingCharges().add(later);
        pendingCharges().add(earlier);
        pendingCharges().add(earlier);
        pendingCharges().add(charge("other", other, new InvoiceLine.ProrationLine("Other", Money.of("1.00", "USD")), 50));

        List<PendingCharge> read = pendingCharges().peek(subscription);
        assertThat(read).extracting(PendingCharge::id).containsExactly(earlier.id(), later.id());
        PendingCharge first = read.get(0);
        assertThat(first.line()).isInstanceOf(InvoiceLine.ProrationLine.class);
        assertThat(first.line().description()).isEqualTo("Upgrade Starter -> Growth (prorated)");
        assertThat(first.line().amount().isEqualTo(Money.of("200.00", "USD"))).isTrue();
        assertThat(first.createdAt()).isEqualTo(START.plusSeconds(100));
        assertThat(first.subscription()).isEqualTo(subscription);
        assertThat(read.get(1).line()).isInstanceOf(InvoiceLine.AdjustmentLine.class);
        assertThat(read.get(1).line().amount().isEqualTo(Money.of("-5.00", "USD"))).isTrue();
        assertThat(pendingCharges().peek(subscription)).hasSize(2);
    }

    @Test
    void take_removes_only_the_charges_created_before_the_cutoff() {
        SubscriptionId subscription = subscription("take");
        PendingCharge before = charge("before", subscription,
                new InvoiceLine.ProrationLine("Before", Money.of("10.00", "USD")), 10);
        PendingCharge atCutoff = charge("at", subscription,
                new InvoiceLine.ProrationLine("At", Money.of("20.00", "USD")), 20);
        pendingCharges().add(before);
        pendingCharges().add(atCutoff);

        List<PendingCharge> taken = pendingCharges().take(subscription, START.plusSeconds(20));
        assertThat(taken).extracting(PendingCharge::id).containsExactly(before.id());
        assertThat(pendingCharges().peek(subscription)).extracting(PendingCharge::id).containsExactly(atCutoff.id());
        assertThat(pendingCharges().take(subscription, START.plusSeconds(20))).isEmpty();
    }

    @Test
    void a_take_rolled_back_with_its_transaction_leaves_the_charges_pending() {
        SubscriptionId subscription = subscription("rollback");
        PendingCharge charge = charge("kept", subscription,
                new InvoiceLine.ProrationLine("Kept", Money.of("10.00", "USD")), 10);
        pendingCharges().add(charge);
        assertThatThrownBy(() -> transactions().run(() -> {
            assertThat(pendingCharges().take(subscription, START.plusSeconds(3600))).hasSize(1);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(pendingCharges().peek(subscription)).extracting(PendingCharge::id).containsExactly(charge.id());
    }
}
