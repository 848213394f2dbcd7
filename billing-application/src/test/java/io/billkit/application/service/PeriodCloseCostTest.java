package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A period-close run costs what is due, not what exists: over 100,000 idle subscriptions (periods and trials
 * that have not ended) with 10 due, the run loads exactly the 10 due subscriptions and their 10 customers,
 * and never lists all subscriptions or all customers. Counted through the ports, not timed.
 */
class PeriodCloseCostTest {
    private static final int IDLE = 100_000;
    private static final int DUE = 10;
    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant JAN_20 = Instant.parse("2026-01-20T00:00:00Z");
    private static final Instant FEB_1_AFTER_GRACE = Instant.parse("2026-02-01T01:00:01Z");

    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());

    @Test
    void a_run_over_100000_idle_subscriptions_with_10_due_touches_the_10() {
        for (int i = 0; i < DUE; i++) {
            bed.subscribe(bed.customer("cus_due_" + i, "0"), "growth", JAN_1);
        }
        // half still in their trial (ends Feb 3), all in a period ending on Feb 20; copies of one started
        // subscription, since Subscription.start computes the schedule each time
        Subscription kind = Subscription.start(SubscriptionId.of("sub_kind"), CustomerId.of("cus_kind"),
                bed.catalog.requirePlan(PlanCode.of("starter")), JAN_20, ZoneOffset.UTC);
        assertThat(kind.status()).isEqualTo(SubscriptionStatus.TRIALING);
        for (int i = 0; i < IDLE; i++) {
            CustomerId id = CustomerId.of("cus_idle_" + i);
            bed.customers.save(Customer.of(id, "Idle " + i, "idle" + i + "@example.com"));
            boolean trialing = i % 2 == 0;
            bed.subscriptions.save(new Subscription(SubscriptionId.of("sub_idle_" + i), id, kind.plan(),
                    trialing ? SubscriptionStatus.TRIALING : SubscriptionStatus.ACTIVE, kind.schedule(),
                    kind.currentPeriod(), trialing ? kind.trialEnd() : Optional.empty(), false, Optional.empty(),
                    Optional.empty(), kind.createdAt(), 0));
        }
        assertThat(bed.subscriptions.live()).hasSize(IDLE + DUE);
        assertThat(bed.subscriptions.live()).filteredOn(s -> s.currentPeriodEnd().isAfter(FEB_1_AFTER_GRACE))
                .hasSize(IDLE);
        assertThat(bed.subscriptions.live()).filteredOn(s -> s.status() == SubscriptionStatus.TRIALING).isNotEmpty();
        bed.clock.set(FEB_1_AFTER_GRACE);
        CountingSubscriptions subscriptions = new CountingSubscriptions(bed.subscriptions);
        CountingCustomers customers = new CountingCustomers(bed.customers);

        ClosePeriodResult result = ClosePeriodService.standard(bed.catalog, customers, subscriptions, bed.usage,
                bed.pendingCharges, bed.closeGuard, bed.invoices, bed.credits, bed.references, bed.provider,
                bed.outbox, bed.tx, bed.audit, bed.clock, ClosePeriodService.Settings.defaults())
                .close(new ClosePeriodCommand(Actor.system()));

        assertThat(result.failures()).isEmpty();
        assertThat(result.created()).hasSize(DUE);
        assertThat(subscriptions.touched).hasSize(DUE).allSatisfy(id -> assertThat(id.value()).startsWith("sub_cus_due_"));
        assertThat(subscriptions.loaded.get()).as("subscription rows read in all").isLessThanOrEqualTo(DUE * 4);
        assertThat(subscriptions.listedAll.get()).as("live() calls").isZero();
        assertThat(customers.touched).hasSize(DUE);
        assertThat(customers.listedAll.get()).as("all() calls").isZero();
        assertThat(bed.provider.invoices()).hasSize(DUE);
    }

    /** Counts every subscription the run read through the port. */
    private static final class CountingSubscriptions implements SubscriptionStore {
        private final SubscriptionStore delegate;
        final Set<SubscriptionId> touched = ConcurrentHashMap.newKeySet();
        final AtomicInteger loaded = new AtomicInteger();
        final AtomicInteger listedAll = new AtomicInteger();

        CountingSubscriptions(SubscriptionStore delegate) {
            this.delegate = delegate;
        }

        private <T extends Collection<Subscription>> T count(T read) {
            read.forEach(s -> {
                touched.add(s.id());
                loaded.incrementAndGet();
            });
            return read;
        }

        private Optional<Subscription> count(Optional<Subscription> read) {
            count(read.stream().toList());
            return read;
        }

        @Override
        public void save(Subscription subscription) {
            touched.add(subscription.id());
            delegate.save(subscription);
        }

        @Override
        public Optional<Subscription> find(SubscriptionId id) {
            return count(delegate.find(id));
        }

        @Override
        public Optional<Subscription> findLive(CustomerId customer) {
            return count(delegate.findLive(customer));
        }

        @Override
        public Optional<Subscription> findLatest(CustomerId customer) {
            return count(delegate.findLatest(customer));
        }

        @Override
        public List<Subscription> periodEndedBy(Instant cutoff, int limit) {
            return count(delegate.periodEndedBy(cutoff, limit));
        }

        @Override
        public List<Subscription> claimPeriodEndedBy(Instant cutoff, int limit, Set<SubscriptionId> skip) {
            return count(delegate.claimPeriodEndedBy(cutoff, limit, skip));
        }

        @Override
        public List<Subscription> claimTrialsEndedBy(Instant now, int limit, Set<SubscriptionId> skip) {
            return count(delegate.claimTrialsEndedBy(now, limit, skip));
        }

        @Override
        public List<Subscription> live() {
            listedAll.incrementAndGet();
            return count(delegate.live());
        }

        @Override
        public Map<CustomerId, Subscription> currentOf(Collection<CustomerId> customers) {
            Map<CustomerId, Subscription> read = delegate.currentOf(customers);
            count(read.values());
            return read;
        }
    }

    /** Counts every customer the run read through the port. */
    private static final class CountingCustomers implements CustomerStore {
        private final CustomerStore delegate;
        final Set<CustomerId> touched = ConcurrentHashMap.newKeySet();
        final AtomicInteger listedAll = new AtomicInteger();

        CountingCustomers(CustomerStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void save(Customer customer) {
            touched.add(customer.id());
            delegate.save(customer);
        }

        @Override
        public Optional<Customer> find(CustomerId id) {
            Optional<Customer> read = delegate.find(id);
            read.ifPresent(c -> touched.add(c.id()));
            return read;
        }

        @Override
        public List<Customer> all() {
            listedAll.incrementAndGet();
            List<Customer> read = delegate.all();
            read.forEach(c -> touched.add(c.id()));
            return read;
        }
    }
}
