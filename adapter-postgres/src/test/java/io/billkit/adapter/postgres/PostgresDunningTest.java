package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dunning through the PostgreSQL stores: a failed payment, two failed retries, UNPAID (stored under V25_1's status
 * check) with HARD usage refused, then the customer's payment restores the subscription; and two replicas running
 * the due retries at once.
 */
class PostgresDunningTest {
    private static final MeterKey API_CALLS = MeterKey.of("api_calls");
    private static final Actor JOB = Actor.of("billing-job");

    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final CustomerId acme = CustomerId.of("acme");

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void retries_on_schedule_mark_unpaid_block_hard_usage_and_a_payment_restores_it() {
        Meter api = new Meter(API_CALLS, "API calls", "call", Aggregation.SUM, "");
        Plan plan = Plan.builder("team", "Team", "USD").basePrice("100.00")
                .meter(API_CALLS, Allowance.hard(1_000, Window.DAY), Price.perUnit(UnitPrice.zero(Money.currency("USD"))))
                .dunning(DunningPolicy.of(DunningFinalAction.MARK_UNPAID, 2, 4)).build();
        BillingServices billing = new BillingServices(postgres.billingPorts(provider, new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender()), new Catalog("dunning", List.of(api), List.of(plan), List.of(), List.of()),
                clock, BillingSettings.defaults());
        provider.onEvent(billing.handleProviderEvent()::handle);
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(acme, "Acme Inc.", "ap@acme.example",
                ZoneOffset.UTC, BigDecimal.ZERO, 30, "1 Main St"), JOB));
        billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("team"), JOB));
        clock.set(Instant.parse("2026-04-01T11:00:00Z"));
        InvoiceId invoice = billing.closePeriod().close(new ClosePeriodCommand(JOB)).created().get(0);
        String providerInvoice = billing.invoice().get(new GetInvoiceQuery(invoice, Optional.of(acme)))
                .providerInvoiceId().orElseThrow();
        clock.set(Instant.parse("2026-04-01T12:00:00Z"));
        provider.failNextPayments(3);
        assertThatThrownBy(() -> provider.payInvoice(providerInvoice, "autopay")).isInstanceOf(BillingException.class);
        assertThat(billing.dunning().of(acme).subscriptionStatus()).contains(SubscriptionStatus.PAST_DUE);

        clock.set(Instant.parse("2026-04-03T12:00:00Z"));
        assertThat(billing.closePeriod().close(new ClosePeriodCommand(JOB)).failures()).isEmpty();
        clock.set(Instant.parse("2026-04-05T12:00:00Z"));
        assertThat(billing.closePeriod().close(new ClosePeriodCommand(JOB)).failures()).isEmpty();

        DunningCaseView exhausted = billing.dunning().of(acme).cases().get(0);
        assertThat(exhausted.status()).isEqualTo(DunningStatus.EXHAUSTED);
        assertThat(exhausted.attempts()).extracting(a -> a.number() + ":" + a.outcome()).containsExactly("1:FAILED", "2:FAILED");
        assertThat(postgres.subscriptions().findLive(acme).orElseThrow().status()).isEqualTo(SubscriptionStatus.UNPAID);
        assertThat(TestDatabase.count("dunning_attempts")).isEqualTo(2L);
        assertThatThrownBy(() -> billing.consumeQuota().consume(new ConsumeQuotaCommand(acme, "api_calls",
                BigDecimal.ONE, "e1", JOB)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBSCRIPTION_UNPAID));

        clock.set(Instant.parse("2026-04-06T09:00:00Z"));
        provider.payInvoice(providerInvoice, "customer-paid");

        assertThat(billing.invoice().get(new GetInvoiceQuery(invoice, Optional.of(acme))).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(postgres.subscriptions().findLive(acme).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(billing.dunning().of(acme).cases().get(0).status()).isEqualTo(DunningStatus.RECOVERED);
        assertThat(billing.consumeQuota().consume(new ConsumeQuotaCommand(acme, "api_calls", BigDecimal.ONE, "e2", JOB))
                .admission().name()).isEqualTo("ALLOWED");
    }

    @Test
    void two_replicas_running_the_retries_at_once_attempt_each_due_retry_exactly_once() throws Exception {
        Meter api = new Meter(API_CALLS, "API calls", "call", Aggregation.SUM, "");
        Plan plan = Plan.builder("team", "Team", "USD").basePrice("100.00")
                .meter(API_CALLS, Allowance.hard(1_000, Window.DAY), Price.perUnit(UnitPrice.zero(Money.currency("USD"))))
                .dunning(DunningPolicy.of(DunningFinalAction.CANCEL, 3, 5)).build();
        Catalog catalog = new Catalog("dunning", List.of(api), List.of(plan), List.of(), List.of());
        BillingServices first = new BillingServices(postgres.billingPorts(provider, new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender()), catalog, clock, BillingSettings.defaults());
        BillingServices second = new BillingServices(postgres.billingPorts(provider, new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender()), catalog, clock, BillingSettings.defaults());
        provider.onEvent(first.handleProviderEvent()::handle);
        int customers = 12;
        for (int i = 0; i < customers; i++) {
            CustomerId id = CustomerId.of("cus_replica_" + i);
            first.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(id, "Replica " + i,
                    "ap" + i + "@example.com", ZoneOffset.UTC, BigDecimal.ZERO, 30, "1 Main St"), JOB));
            first.subscribe().subscribe(new SubscribeCommand(id, PlanCode.of("team"), JOB));
        }
        clock.set(Instant.parse("2026-04-01T11:00:00Z"));
        List<InvoiceId> invoices = first.closePeriod().close(new ClosePeriodCommand(JOB)).created();
        assertThat(invoices).hasSize(customers);
        clock.set(Instant.parse("2026-04-01T12:00:00Z"));
        provider.failNextPayments(customers);
        for (InvoiceId invoice : invoices) {
            String providerInvoice = first.invoice().get(new GetInvoiceQuery(invoice, Optional.empty()))
                    .providerInvoiceId().orElseThrow();
            assertThatThrownBy(() -> provider.payInvoice(providerInvoice, "autopay-" + invoice.value()))
                    .isInstanceOf(BillingException.class);
        }
        assertThat(TestDatabase.count("dunning_cases")).isEqualTo((long) customers);

        clock.set(Instant.parse("2026-04-04T12:00:00Z")); // every first retry is due
        List<BillingServices> replicas = List.of(first, second);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<Integer> failures = io.billkit.application.contract.ConcurrentRunner.runConcurrently(2, () ->
                replicas.get(next.getAndIncrement()).closePeriod().close(new ClosePeriodCommand(JOB)).failures().size());

        assertThat(failures).containsOnly(0);
        List<String> retryKeys = provider.calls().stream().map(MockPaymentProvider.Call::idempotencyKey)
                .filter(key -> key.startsWith("dunning-")).toList();
        assertThat(retryKeys).hasSize(customers).doesNotHaveDuplicates().allMatch(key -> key.endsWith("-retry-1"));
        assertThat(TestDatabase.count("dunning_attempts")).isEqualTo((long) customers);
        for (int i = 0; i < customers; i++) {
            assertThat(first.dunning().of(CustomerId.of("cus_replica_" + i)).cases()).singleElement()
                    .satisfies(c -> assertThat(c.status()).isEqualTo(DunningStatus.RECOVERED));
        }
    }
}
