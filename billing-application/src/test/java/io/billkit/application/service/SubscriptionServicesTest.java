package io.billkit.application.service;

import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.ChangePlanCommand;
import io.billkit.application.port.in.subscription.ChangeTiming;
import io.billkit.application.port.in.subscription.PlanChangeView;
import io.billkit.application.port.in.subscription.ResumeSubscriptionCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionServicesTest {

    private static void assertCode(Throwable e, ErrorCode code) {
        assertThat(e).isInstanceOf(BillingException.class);
        assertThat(((BillingException) e).code()).isEqualTo(code);
    }

    @Test
    void subscribing_to_apex_growth_starts_a_14_day_trial_mirrored_at_the_provider() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_growth");

        SubscriptionView view = f.subscribe(customer, "growth");

        assertThat(view.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(view.planName()).isEqualTo("Growth");
        assertThat(view.trialEnd()).contains(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(view.currentPeriodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
        assertThat(view.currentPeriodEnd()).isEqualTo(LocalDate.of(2026, 4, 1));
        MockPaymentProvider.Call call = f.provider.calls().stream()
                .filter(c -> c.method().equals("createSubscription")).findFirst().orElseThrow();
        assertThat(call.idempotencyKey()).isEqualTo("subscription-create-" + view.id().value());
        assertThat(call.arguments()).containsExactly(f.providerCustomer(customer), "growth");
        assertThat(f.references.providerId("subscription", view.id().value())).isPresent();
        assertThat(f.outboxOfType("subscription.created")).hasSize(1);
        assertThat(f.auditOf(customer, "subscription.created")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("admin_1"));
        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("0");
    }

    @Test
    void the_credits_monthly_plan_grants_10000_credits_expiring_at_period_end() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.credits());
        CustomerId customer = f.customer("cus_monthly");

        SubscriptionView view = f.subscribe(customer, "monthly");

        CreditBalanceView balance = f.creditBalance.balance(customer);
        assertThat(balance.subscription()).isEqualByComparingTo("10000");
        assertThat(balance.total()).isEqualByComparingTo("10000");
        assertThat(balance.nextExpiry()).contains(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(balance.expiringNext()).isEqualByComparingTo("10000");
        assertThat(f.ledgers.load(customer).grants()).singleElement()
                .satisfies(g -> assertThat(g.id().value()).isEqualTo(view.id().value() + ":p0"));
    }

    @Test
    void the_billing_period_starts_on_the_customers_local_date() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        f.clock.set(Instant.parse("2026-03-01T03:00:00Z"));
        CustomerId customer = f.customer("cus_la", ZoneId.of("America/Los_Angeles"));

        SubscriptionView view = f.subscribe(customer, "scale");

        assertThat(view.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(view.currentPeriodStart()).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(view.currentPeriodEnd()).isEqualTo(LocalDate.of(2026, 3, 28));
    }

    @Test
    void a_second_live_subscription_unknown_customer_and_unknown_plan_are_refused_before_the_provider() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_twice");
        f.subscribe(customer, "starter");

        assertThatThrownBy(() -> f.subscribe(customer, "growth")).satisfies(e -> assertCode(e, ErrorCode.CONFLICT));
        assertThatThrownBy(() -> f.subscribe(CustomerId.of("cus_nobody"), "growth"))
                .satisfies(e -> assertCode(e, ErrorCode.NOT_FOUND));
        CustomerId other = f.customer("cus_other");
        assertThatThrownBy(() -> f.subscribe(other, "platinum")).satisfies(e -> assertCode(e, ErrorCode.UNKNOWN_PLAN));
        assertThat(f.providerCalls("createSubscription")).isEqualTo(1);
    }

    @Test
    void upgrading_starter_to_growth_halfway_leaves_a_200_dollar_proration_charge_for_the_next_invoice() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_upgrade");
        SubscriptionView started = f.subscribe(customer, "starter");
        // March has 31 days: 15.5 days in, half the period remains (the 14-day trial is over).
        f.clock.set(Instant.parse("2026-03-16T12:00:00Z"));

        PlanChangeView change = f.changePlan.change(new ChangePlanCommand(customer, PlanCode.of("growth"),
                SubscriptionFixture.ADMIN));

        assertThat(change.timing()).isEqualTo(ChangeTiming.IMMEDIATE);
        assertThat(change.effectiveOn()).isEqualTo(LocalDate.of(2026, 3, 16));
        assertThat(change.prorationCharge()).hasValueSatisfying(m -> assertThat(m.isEqualTo(Money.of("200.00", "USD"))).isTrue());
        assertThat(change.subscription().plan()).isEqualTo(PlanCode.of("growth"));
        List<PendingCharge> pending = f.pendingCharges.peek(started.id());
        assertThat(pending).singleElement().satisfies(charge -> {
            assertThat(charge.line()).isInstanceOf(InvoiceLine.ProrationLine.class);
            // The March invoice bills Growth's USD 499 less its 14/31 trial share (273.65); the line brings it
            // back to Starter's 99 less its trial share (54.29) plus the net 200: 200 - (273.65 - 54.29) = -19.36,
            // so March comes to 254.29 (see UpgradeInvoiceTest).
            assertThat(charge.line().amount().isEqualTo(Money.of("-19.36", "USD"))).isTrue();
            assertThat(charge.line().description()).contains("Starter").contains("Growth");
        });
        assertThat(f.provider.calls()).filteredOn(c -> c.method().equals("changePlan")).singleElement()
                .satisfies(c -> assertThat(c.arguments()).endsWith("growth"));
        assertThat(f.auditOf(customer, "subscription.upgraded")).hasSize(1);
    }

    @Test
    void upgrading_while_the_trial_runs_switches_plan_without_a_charge() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_trial_upgrade");
        SubscriptionView started = f.subscribe(customer, "starter");
        f.clock.advance(Duration.ofDays(2));

        PlanChangeView change = f.changePlan.change(new ChangePlanCommand(customer, PlanCode.of("scale"),
                SubscriptionFixture.ADMIN));

        assertThat(change.prorationCharge()).isEmpty();
        assertThat(change.subscription().plan()).isEqualTo(PlanCode.of("scale"));
        assertThat(f.pendingCharges.peek(started.id())).isEmpty();
    }

    @Test
    void downgrading_growth_to_starter_is_scheduled_for_the_period_end_without_proration() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_downgrade");
        SubscriptionView started = f.subscribe(customer, "growth");
        f.clock.set(Instant.parse("2026-03-20T09:00:00Z"));

        PlanChangeView change = f.changePlan.change(new ChangePlanCommand(customer, PlanCode.of("starter"),
                SubscriptionFixture.ADMIN));

        assertThat(change.timing()).isEqualTo(ChangeTiming.AT_PERIOD_END);
        assertThat(change.effectiveOn()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(change.prorationCharge()).isEmpty();
        assertThat(change.subscription().plan()).isEqualTo(PlanCode.of("growth"));
        assertThat(change.subscription().pendingPlan()).contains(PlanCode.of("starter"));
        assertThat(f.pendingCharges.peek(started.id())).isEmpty();
        assertThat(f.provider.calls()).filteredOn(c -> c.method().equals("changePlan")).singleElement()
                .satisfies(c -> assertThat(c.arguments()).endsWith("starter"));
        assertThatThrownBy(() -> f.changePlan.change(new ChangePlanCommand(customer, PlanCode.of("growth"),
                SubscriptionFixture.ADMIN))).satisfies(e -> assertCode(e, ErrorCode.INVALID_ARGUMENT));
    }

    @Test
    void cancelling_at_period_end_and_resuming_restores_the_subscription_at_the_provider_too() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_cancel_end");
        f.subscribe(customer, "scale");
        f.clock.advance(Duration.ofDays(3));

        SubscriptionView scheduled = f.cancel.cancel(new CancelSubscriptionCommand(customer, true, SubscriptionFixture.ADMIN));
        assertThat(scheduled.cancelAtPeriodEnd()).isTrue();
        assertThat(scheduled.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        String providerSubscription = f.references.providerId("subscription", scheduled.id().value()).orElseThrow();
        assertThat(f.provider.subscription(providerSubscription).orElseThrow().cancelAtPeriodEnd()).isTrue();

        SubscriptionView resumed = f.resume.resume(new ResumeSubscriptionCommand(customer, SubscriptionFixture.ADMIN));
        assertThat(resumed.cancelAtPeriodEnd()).isFalse();
        assertThat(f.provider.subscription(providerSubscription).orElseThrow().cancelAtPeriodEnd()).isFalse();
        assertThat(f.getSubscription.current(customer)).hasValueSatisfying(v -> {
            assertThat(v.cancelAtPeriodEnd()).isFalse();
            assertThat(v.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        });
        assertThat(f.outboxOfType("subscription.cancel_scheduled")).hasSize(1);
        assertThat(f.outboxOfType("subscription.resumed")).hasSize(1);
    }

    @Test
    void cancelling_now_ends_the_subscription_and_resuming_it_is_an_illegal_transition() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        CustomerId customer = f.customer("cus_cancel_now");
        f.subscribe(customer, "scale");
        f.clock.set(Instant.parse("2026-03-05T10:00:00Z"));

        SubscriptionView cancelled = f.cancel.cancel(new CancelSubscriptionCommand(customer, false, SubscriptionFixture.ADMIN));

        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).contains(Instant.parse("2026-03-05T10:00:00Z"));
        assertThatThrownBy(() -> f.resume.resume(new ResumeSubscriptionCommand(customer, SubscriptionFixture.ADMIN)))
                .satisfies(e -> assertCode(e, ErrorCode.ILLEGAL_TRANSITION));
        assertThat(f.providerCalls("resumeSubscription")).isZero();
        assertThat(f.getSubscription.current(customer)).map(SubscriptionView::status).contains(SubscriptionStatus.CANCELLED);
        assertThatThrownBy(() -> f.cancel.cancel(new CancelSubscriptionCommand(customer, false, SubscriptionFixture.ADMIN)))
                .satisfies(e -> assertCode(e, ErrorCode.NOT_FOUND));
        assertThat(f.getSubscription.current(CustomerId.of("cus_none"))).isEmpty();
    }
}
