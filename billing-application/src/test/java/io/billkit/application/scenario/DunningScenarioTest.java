package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.InMemoryOutbox;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.dunning.CustomerDunningView;
import io.billkit.application.port.in.dunning.DunningActionCommand;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.OutboxEvent;
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
import io.billkit.domain.dunning.DunningAttemptOutcome;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.audit;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dunning driven by a clock, end to end through the mock provider's webhooks: "team" (USD 100 a month, a HARD
 * 1,000 API calls a day) retries on day 3, 5, 7 and then cancels; "team_unpaid" retries on day 2 and 4 and then marks
 * the subscription unpaid. The March invoice is closed on April 1 at 11:00 UTC and its automatic payment fails at
 * 12:00, so the retries are due on April 4/6/8 at 12:00 ("team") and April 3/5 at 12:00 ("team_unpaid").
 */
class DunningScenarioTest {
    private static final MeterKey API_CALLS = MeterKey.of("api_calls");
    private static final Instant MARCH_1 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant CLOSE = Instant.parse("2026-04-01T11:00:00Z");
    private static final Instant FAILED = Instant.parse("2026-04-01T12:00:00Z");

    private final SettableClock clock = new SettableClock(MARCH_1);
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(InMemoryBillingPorts.create(provider), catalog(), clock,
            BillingSettings.defaults());
    private final CustomerId acme = CustomerId.of("acme");

    static Catalog catalog() {
        Meter api = new Meter(API_CALLS, "API calls", "call", Aggregation.SUM, "");
        Price free = Price.perUnit(io.billkit.domain.money.UnitPrice.zero(io.billkit.domain.money.Money.currency("USD")));
        Plan team = Plan.builder("team", "Team", "USD").basePrice("100.00")
                .meter(API_CALLS, Allowance.hard(1_000, Window.DAY), free).build();
        Plan unpaid = Plan.builder("team_unpaid", "Team (unpaid on failure)", "USD").basePrice("100.00")
                .meter(API_CALLS, Allowance.hard(1_000, Window.DAY), free)
                .dunning(DunningPolicy.of(DunningFinalAction.MARK_UNPAID, 2, 4)).build();
        return new Catalog("dunning", List.of(api), List.of(team, unpaid), List.of(), List.of());
    }

    @Test
    void a_failure_two_retries_and_recovery_on_the_second_retry() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team", 2); // the autopay and retry 1 are declined

        DunningCaseView started = onlyCase();
        assertThat(started.status()).isEqualTo(DunningStatus.RETRYING);
        assertThat(started.retryDays()).containsExactly(3, 5, 7);
        assertThat(started.finalAction()).isEqualTo(DunningFinalAction.CANCEL);
        assertThat(started.nextRetryAt()).contains(Instant.parse("2026-04-04T12:00:00Z"));
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.PAST_DUE);

        // one minute before day 3 nothing is due
        runAt("2026-04-04T11:59:00Z");
        assertThat(calls(provider, "payInvoice")).hasSize(1);

        runAt("2026-04-04T12:00:00Z"); // retry 1: declined
        DunningCaseView afterFirst = onlyCase();
        assertThat(afterFirst.retriesMade()).isEqualTo(1);
        assertThat(afterFirst.nextRetryAt()).contains(Instant.parse("2026-04-06T12:00:00Z"));
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.PAST_DUE);

        runAt("2026-04-05T12:00:00Z"); // between the retries: nothing
        runAt("2026-04-06T12:30:00Z"); // retry 2: paid
        DunningCaseView recovered = onlyCase();
        assertThat(recovered.status()).isEqualTo(DunningStatus.RECOVERED);
        assertThat(recovered.nextRetryAt()).isEmpty();
        assertThat(recovered.attempts()).extracting(a -> a.number() + ":" + a.outcome())
                .containsExactly("1:FAILED", "2:SUCCEEDED");
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(invoice(invoice).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(billing.dunning().of(acme).pastDue()).isFalse();

        assertThat(calls(provider, "payInvoice")).extracting(MockPaymentProvider.Call::idempotencyKey)
                .containsExactly("autopay", "dunning-" + invoice.value() + "-retry-1",
                        "dunning-" + invoice.value() + "-retry-2");
        assertThat(dunningEvents(invoice)).containsExactly(
                "invoice.payment_failed",
                "invoice.payment_retry_scheduled retry=1 retryAt=2026-04-04T12:00:00Z",
                "invoice.payment_failed",                                           // the provider's webhook of retry 1
                "invoice.payment_retried retry=1 outcome=FAILED",
                "invoice.payment_retry_scheduled retry=2 retryAt=2026-04-06T12:00:00Z",
                "dunning.recovered",                                                // the provider's webhook of retry 2
                "invoice.paid",
                "invoice.payment_retried retry=2 outcome=SUCCEEDED");
        assertThat(audit(billing, acme, "dunning.retry")).extracting(e -> e.data().get("retry") + ":" + e.data().get("outcome")
                        + ":" + e.actor())
                .containsExactly("1:FAILED:billing-job", "2:SUCCEEDED:billing-job");
        assertThat(audit(billing, acme, "dunning.started")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("retryDays", "[3, 5, 7]"));
        assertThat(audit(billing, acme, "dunning.recovered")).hasSize(1);

        // nothing is due any more
        runAt("2026-04-08T12:00:00Z");
        assertThat(calls(provider, "payInvoice")).hasSize(3);
    }

    @Test
    void three_failed_retries_cancel_the_subscription() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team", 4);

        runAt("2026-04-04T12:00:00Z");
        runAt("2026-04-06T12:00:00Z");
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.PAST_DUE);
        runAt("2026-04-08T12:00:00Z");

        DunningCaseView exhausted = onlyCase();
        assertThat(exhausted.status()).isEqualTo(DunningStatus.EXHAUSTED);
        assertThat(exhausted.attempts()).extracting(a -> a.outcome()).containsOnly(DunningAttemptOutcome.FAILED).hasSize(3);
        assertThat(exhausted.endedAt()).contains(Instant.parse("2026-04-08T12:00:00Z"));
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(invoice(invoice).status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(calls(provider, "cancelSubscription")).hasSize(1);

        assertThat(dunningEvents(invoice)).containsExactly(
                "invoice.payment_failed",
                "invoice.payment_retry_scheduled retry=1 retryAt=2026-04-04T12:00:00Z",
                "invoice.payment_failed", "invoice.payment_retried retry=1 outcome=FAILED",
                "invoice.payment_retry_scheduled retry=2 retryAt=2026-04-06T12:00:00Z",
                "invoice.payment_failed", "invoice.payment_retried retry=2 outcome=FAILED",
                "invoice.payment_retry_scheduled retry=3 retryAt=2026-04-08T12:00:00Z",
                "invoice.payment_failed", "invoice.payment_retried retry=3 outcome=FAILED",
                "dunning.exhausted");
        assertThat(outbox("dunning.exhausted")).singleElement().satisfies(e -> assertThat(e.payload())
                .containsEntry("finalAction", "CANCEL").containsEntry("subscriptionStatus", "CANCELLED"));
        assertThat(audit(billing, acme, "dunning.retry")).extracting(e -> e.data().get("retry") + ":" + e.data().get("outcome"))
                .containsExactly("1:FAILED", "2:FAILED", "3:FAILED");
        assertThat(audit(billing, acme, "dunning.exhausted")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("finalAction", "CANCEL"));
        assertThat(audit(billing, acme).stream().map(AuditEntry::action))
                .as("the cancellation is the standard one").contains("subscription.cancelled");
    }

    @Test
    void after_the_last_retry_the_subscription_is_unpaid_hard_usage_is_refused_and_a_payment_restores_it() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team_unpaid", 3);
        assertThat(consume("before", "10").admission()).as("PAST_DUE does not block").isEqualTo(Admission.ALLOWED);

        runAt("2026-04-03T12:00:00Z");
        runAt("2026-04-05T12:00:00Z");

        assertThat(onlyCase().status()).isEqualTo(DunningStatus.EXHAUSTED);
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.UNPAID);
        assertThat(outbox("dunning.exhausted")).singleElement().satisfies(e -> assertThat(e.payload())
                .containsEntry("finalAction", "MARK_UNPAID").containsEntry("subscriptionStatus", "UNPAID"));
        assertThat(billing.dunning().of(acme).pastDue()).isTrue();
        assertThatThrownBy(() -> consume("while-unpaid", "1"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBSCRIPTION_UNPAID))
                .hasMessageContaining("is unpaid").hasMessageContaining("api_calls");
        assertThatThrownBy(() -> billing.checkQuota().check(new CheckQuotaQuery(acme, "api_calls", BigDecimal.ONE)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBSCRIPTION_UNPAID));
        assertThat(audit(billing, acme, "dunning.retry")).hasSize(2);

        // the customer pays the invoice (e.g. in the hosted page): the provider's paid webhook restores everything
        clock.set(Instant.parse("2026-04-06T09:00:00Z"));
        provider.payInvoice(invoice(invoice).providerInvoiceId().orElseThrow(), "customer-paid");

        assertThat(invoice(invoice).status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(onlyCase().status()).isEqualTo(DunningStatus.RECOVERED);
        assertThat(consume("after", "1").admission()).isEqualTo(Admission.ALLOWED);
        assertThat(billing.dunning().of(acme).pastDue()).isFalse();
    }

    @Test
    void an_admin_retries_now_or_stops_the_retries() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team", 2);
        clock.set(Instant.parse("2026-04-02T08:00:00Z"));
        Instant now = clock.instant();

        DunningCaseView retried = billing.retryPaymentNow().retryNow(new DunningActionCommand(invoice, APP));
        assertThat(retried.retriesMade()).isEqualTo(1);
        assertThat(retried.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(DunningAttemptOutcome.FAILED);
            assertThat(a.at()).isEqualTo(now);
        });
        assertThat(retried.nextRetryAt()).as("the schedule moves on").contains(Instant.parse("2026-04-06T12:00:00Z"));
        assertThat(audit(billing, acme, "dunning.retry")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("app-backend"));

        DunningCaseView stopped = billing.stopDunning().stop(new DunningActionCommand(invoice, APP));
        assertThat(stopped.status()).isEqualTo(DunningStatus.STOPPED);
        assertThat(outbox("dunning.stopped")).hasSize(1);
        runAt("2026-04-30T12:00:00Z");
        assertThat(calls(provider, "payInvoice")).as("no retry after a stop").hasSize(2);
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThatThrownBy(() -> billing.stopDunning().stop(new DunningActionCommand(invoice, APP)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        assertThatThrownBy(() -> billing.retryPaymentNow().retryNow(new DunningActionCommand(InvoiceId.of("inv_none"), APP)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void a_provider_outage_during_a_retry_is_no_attempt_and_the_retry_happens_after_the_lease() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team", 1);
        clock.set(Instant.parse("2026-04-04T12:00:00Z"));
        provider.failNextCall(MockPaymentProvider.Failure.TIMEOUT);
        ClosePeriodResult outage = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(outage.failures()).singleElement().asString().contains("PROVIDER_UNAVAILABLE");
        assertThat(onlyCase().attempts()).isEmpty();
        assertThat(onlyCase().nextRetryAt()).contains(Instant.parse("2026-04-04T12:15:00Z"));

        runAt("2026-04-04T12:15:00Z");
        assertThat(onlyCase().status()).isEqualTo(DunningStatus.RECOVERED);
        assertThat(onlyCase().attempts()).singleElement().satisfies(a -> assertThat(a.number()).isEqualTo(1));
        assertThat(invoice(invoice).status()).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void a_final_cancel_the_provider_refuses_is_retried_after_the_lease_until_it_is_done() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team", 4);
        runAt("2026-04-04T12:00:00Z");
        runAt("2026-04-06T12:00:00Z");

        clock.set(Instant.parse("2026-04-08T12:00:00Z"));
        provider.failNextCall("cancelSubscription", MockPaymentProvider.Failure.TIMEOUT);
        ClosePeriodResult refused = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(refused.failures()).singleElement().asString().contains("PROVIDER_UNAVAILABLE");
        DunningCaseView pending = onlyCase();
        assertThat(pending.status()).isEqualTo(DunningStatus.CANCELLING);
        assertThat(pending.attempts()).hasSize(3);
        assertThat(pending.nextRetryAt()).contains(Instant.parse("2026-04-08T12:15:00Z"));
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(billing.dunning().of(acme).pastDue()).isTrue();

        runAt("2026-04-08T12:10:00Z"); // within the lease: nothing is due
        assertThat(onlyCase().status()).isEqualTo(DunningStatus.CANCELLING);
        assertThat(calls(provider, "cancelSubscription")).hasSize(1);

        runAt("2026-04-08T12:15:00Z");
        DunningCaseView done = onlyCase();
        assertThat(done.status()).isEqualTo(DunningStatus.EXHAUSTED);
        assertThat(done.endedAt()).contains(Instant.parse("2026-04-08T12:15:00Z"));
        assertThat(done.attempts()).hasSize(3);
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(calls(provider, "cancelSubscription")).hasSize(2);
        assertThat(invoice(invoice).status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(outbox("dunning.exhausted")).hasSize(1);
        assertThat(audit(billing, acme, "dunning.subscription_cancelled")).hasSize(1);

        runAt("2026-04-09T12:00:00Z");
        assertThat(calls(provider, "cancelSubscription")).as("nothing more is due").hasSize(2);
    }

    @Test
    void a_payment_while_the_final_cancel_is_pending_recovers_and_cancels_nothing() {
        InvoiceId invoice = subscribeAndFailTheFirstPayment("team", 4);
        runAt("2026-04-04T12:00:00Z");
        runAt("2026-04-06T12:00:00Z");
        clock.set(Instant.parse("2026-04-08T12:00:00Z"));
        provider.failNextCall("cancelSubscription", MockPaymentProvider.Failure.TIMEOUT);
        billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(onlyCase().status()).isEqualTo(DunningStatus.CANCELLING);

        clock.set(Instant.parse("2026-04-08T12:05:00Z"));
        String providerInvoice = invoice(invoice).providerInvoiceId().orElseThrow();
        provider.payInvoice(providerInvoice, "customer-paid");

        assertThat(onlyCase().status()).isEqualTo(DunningStatus.RECOVERED);
        runAt("2026-04-08T12:15:00Z");
        assertThat(onlyCase().status()).isEqualTo(DunningStatus.RECOVERED);
        assertThat(subscriptionStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(calls(provider, "cancelSubscription")).hasSize(1);
        assertThat(invoice(invoice).status()).isEqualTo(InvoiceStatus.PAID);
    }

    // --- helpers

    /** Subscribes acme to {@code plan} on March 1, closes March on April 1 and fails its automatic payment. */
    private InvoiceId subscribeAndFailTheFirstPayment(String plan, int declines) {
        provider.onEvent(billing.handleProviderEvent()::handle);
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(acme, "Acme Inc.", "billing@acme.example",
                ZoneOffset.UTC, BigDecimal.ZERO, 30, "1 Main St"), APP));
        billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of(plan), APP));
        clock.set(CLOSE);
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        InvoiceId invoice = closed.created().get(0);
        assertThat(invoice(invoice).total()).isEqualTo(usd("100.00"));
        clock.set(FAILED);
        provider.failNextPayments(declines);
        String providerInvoice = invoice(invoice).providerInvoiceId().orElseThrow();
        assertThatThrownBy(() -> provider.payInvoice(providerInvoice, "autopay"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PAYMENT_FAILED));
        return invoice;
    }

    private void runAt(String instant) {
        clock.set(Instant.parse(instant));
        ClosePeriodResult result = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(result.failures()).as("close run at " + instant).isEmpty();
    }

    private DunningCaseView onlyCase() {
        CustomerDunningView view = billing.dunning().of(acme);
        assertThat(view.cases()).hasSize(1);
        return view.cases().get(0);
    }

    private SubscriptionStatus subscriptionStatus() {
        return billing.dunning().of(acme).subscriptionStatus().orElseThrow();
    }

    private InvoiceView invoice(InvoiceId id) {
        return ScenarioKit.invoice(billing, id, acme);
    }

    private io.billkit.application.port.in.quota.QuotaView consume(String eventId, String quantity) {
        return billing.consumeQuota().consume(new ConsumeQuotaCommand(acme, "api_calls", new BigDecimal(quantity),
                eventId, APP));
    }

    private List<OutboxEvent> outbox(String type) {
        return ((InMemoryOutbox) billing.ports().outbox()).all().stream().filter(e -> e.type().equals(type)).toList();
    }

    /** The outbox events about the invoice, oldest first, with the dunning fields that matter. */
    private List<String> dunningEvents(InvoiceId invoice) {
        return ((InMemoryOutbox) billing.ports().outbox()).all().stream()
                .filter(e -> e.aggregate().equals(invoice.value()) && !e.type().startsWith("invoice.finalized")
                        && !e.type().equals("invoice.created") && !e.type().equals("invoice.pushed"))
                .map(DunningScenarioTest::describe).toList();
    }

    private static String describe(OutboxEvent e) {
        Map<String, String> p = e.payload();
        return switch (e.type()) {
            case "invoice.payment_retry_scheduled" -> e.type() + " retry=" + p.get("retry") + " retryAt=" + p.get("retryAt");
            case "invoice.payment_retried" -> e.type() + " retry=" + p.get("retry") + " outcome=" + p.get("outcome");
            default -> e.type();
        };
    }
}
