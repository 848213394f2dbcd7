package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The use cases themselves (not only the stores) under concurrency on PostgreSQL: 50 threads on a real pool of
 * 60 connections call RecordUsage and ConsumeQuota through {@link BillingServices}, and the counts are exact.
 */
class PostgresServicesConcurrencyTest {
    private static final int THREADS = 50;
    private static final Actor ACTOR = Actor.of("concurrency-test");
    private static final Catalog MORTGAGE = SeedCatalogs.mortgage();
    private static final MeterKey API_CALLS = SeedCatalogs.API_CALLS;
    private static final Instant NOON = Instant.parse("2026-03-10T12:00:00Z");

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    private PostgresDatabase pool;
    private BillingServices billing;

    @BeforeEach
    void fiftyConnections() {
        TestDatabase.truncateAll();
        // test-only: a generous wait for a connection (2 shared cores open 60 connections slowly)
        pool = PostgresDatabase.start(PostgresConfig.external(TestDatabase.sameDatabaseUrl()).withMaxPoolSize(60)
                .withConnectionTimeout(Duration.ofSeconds(60)));
        billing = new BillingServices(new PostgresAdapter(pool).billingPorts(new MockPaymentProvider(clock),
                new PlainTextInvoiceRenderer(), new RecordingWebhookSender()), MORTGAGE, clock, BillingSettings.defaults());
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void fifty_threads_consuming_a_hard_daily_limit_of_100_admit_exactly_100() throws Exception {
        CustomerId customer = subscribe("cus_quota", "free"); // 100 API calls a day, HARD
        clock.set(NOON);
        AtomicInteger next = new AtomicInteger();

        List<List<Admission>> perThread = ConcurrentRunner.runConcurrently(THREADS, () -> {
            List<Admission> admissions = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                QuotaView view = billing.consumeQuota().consume(new ConsumeQuotaCommand(customer, API_CALLS.value(),
                        BigDecimal.ONE, "call-" + next.incrementAndGet(), ACTOR));
                admissions.add(view.admission());
            }
            return admissions;
        });

        List<Admission> all = perThread.stream().flatMap(List::stream).toList();
        assertThat(all).hasSize(200);
        assertThat(all).filteredOn(a -> a == Admission.ALLOWED).hasSize(100);
        assertThat(all).filteredOn(a -> a == Admission.DENIED).hasSize(100);
        assertThat(TestDatabase.count("usage_events")).isEqualTo(100);
        assertThat(usedOn(customer, LocalDate.of(2026, 3, 10))).isEqualByComparingTo("100");
        long audited = TestDatabase.owner().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM billing_audit WHERE action = 'quota.consumed'").mapTo(Long.class).one());
        assertThat(audited).isEqualTo(100);
    }

    @Test
    void fifty_threads_recording_own_and_shared_events_store_each_event_once() throws Exception {
        CustomerId customer = subscribe("cus_usage", "pro"); // 10,000 API calls a day
        clock.set(NOON);
        List<UsageEventInput> shared = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            shared.add(new UsageEventInput("shared-" + i, customer, API_CALLS.value(), BigDecimal.ONE,
                    NOON.minusSeconds(i), Map.of()));
        }
        AtomicInteger thread = new AtomicInteger();

        List<RecordUsageResult> results = ConcurrentRunner.runConcurrently(THREADS, () -> {
            int t = thread.incrementAndGet();
            List<UsageEventInput> batch = new ArrayList<>(shared);
            for (int i = 0; i < 20; i++) {
                batch.add(new UsageEventInput("own-" + t + "-" + i, customer, API_CALLS.value(), new BigDecimal("2"),
                        NOON.minusSeconds(100 + i), Map.of()));
            }
            return billing.recordUsage().record(new RecordUsageCommand(batch, ACTOR));
        });

        long accepted = results.stream().mapToLong(r -> r.count(UsageEventStatus.ACCEPTED)).sum();
        long duplicates = results.stream().mapToLong(r -> r.count(UsageEventStatus.DUPLICATE)).sum();
        long rejected = results.stream().mapToLong(r -> r.count(UsageEventStatus.REJECTED)).sum();
        assertThat(rejected).isZero();
        assertThat(accepted).isEqualTo(THREADS * 20L + 20);
        assertThat(duplicates).isEqualTo((THREADS - 1) * 20L);
        assertThat(TestDatabase.count("usage_events")).isEqualTo(THREADS * 20L + 20);
        assertThat(usedOn(customer, LocalDate.of(2026, 3, 10))).isEqualByComparingTo(
                BigDecimal.valueOf(THREADS * 20L * 2 + 20));
    }

    private CustomerId subscribe(String id, String plan) {
        CustomerId customer = CustomerId.of(id);
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(customer, id, id + "@example.com"), ACTOR));
        billing.subscribe().subscribe(new SubscribeCommand(customer, PlanCode.of(plan), ACTOR));
        return customer;
    }

    private static BigDecimal usedOn(CustomerId customer, LocalDate day) {
        return TestDatabase.adapter().usageEvents().aggregate(customer, MORTGAGE.requireMeter(API_CALLS), day,
                day.plusDays(1));
    }
}
