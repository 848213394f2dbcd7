package io.billkit.application.service;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.audit.AuditQuery;
import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.GrantCreditsCommand;
import io.billkit.application.port.in.credit.LowBalanceThresholdView;
import io.billkit.application.port.in.credit.SetLowBalanceThresholdCommand;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The credits seed's Monthly plan grants 10,000 credits a period; an AI inference costs 25. */
class LowCreditBalanceAlertTest {
    private static final CustomerId CUSTOMER = CustomerId.of("cus_low_balance");
    private final SettableClock clock = SettableClock.at("2026-05-01T00:00:00Z");
    private final BillingPorts ports = InMemoryBillingPorts.create(clock);
    private final BillingServices billing = new BillingServices(ports, SeedCatalogs.credits(), clock,
            BillingSettings.defaults());
    private int request;

    private BigDecimal consume(long inferences) {
        return billing.consumeCredits().consume(new ConsumeCreditsCommand(CUSTOMER, "ai_inference",
                BigDecimal.valueOf(inferences), "req-" + (++request), Actor.of("app"))).balance().total();
    }

    private List<OutboxEvent> lowBalanceEvents() {
        return ports.outbox().unpublished(1000).stream().filter(e -> e.type().equals("credits.balance_low")).toList();
    }

    @Test
    void the_low_balance_alert_fires_once_per_crossing_below_1000_and_again_after_a_top_up() {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(CUSTOMER, "Low", "low@example.com"),
                Actor.system()));
        billing.subscribe().subscribe(new SubscribeCommand(CUSTOMER, PlanCode.of("monthly"), Actor.system()));
        clock.set(java.time.Instant.parse("2026-05-10T00:00:00Z"));

        assertThat(consume(360)).isEqualByComparingTo("1000"); // exactly the threshold: not below
        assertThat(lowBalanceEvents()).isEmpty();
        assertThat(consume(1)).isEqualByComparingTo("975");
        assertThat(consume(1)).isEqualByComparingTo("950");
        assertThat(consume(1)).isEqualByComparingTo("925");
        assertThat(lowBalanceEvents()).singleElement().satisfies(e -> {
            assertThat(e.customerId()).isEqualTo(CUSTOMER.value());
            assertThat(e.payload()).containsEntry("balance", "975").containsEntry("threshold", "1000");
        });

        billing.grantCredits().grant(new GrantCreditsCommand(CUSTOMER, "top-up-1", CreditSource.PURCHASED, new BigDecimal("2000"),
                Optional.empty(), "top-up", Actor.of("admin")));
        assertThat(consume(40)).isEqualByComparingTo("1925");
        assertThat(lowBalanceEvents()).hasSize(1);
        assertThat(consume(40)).isEqualByComparingTo("925");
        assertThat(lowBalanceEvents()).hasSize(2);
        assertThat(billing.auditTrail().recent(new AuditQuery(Optional.of(CUSTOMER), 100)))
                .filteredOn(a -> a.action().equals("credits.balance_low")).hasSize(2);
    }

    @Test
    void a_plan_threshold_and_a_customer_threshold_replace_the_default_and_alert_once_per_crossing() {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(CUSTOMER, "Low", "low@example.com"),
                Actor.system()));
        billing.subscribe().subscribe(new SubscribeCommand(CUSTOMER, PlanCode.of("monthly"), Actor.system()));
        clock.set(java.time.Instant.parse("2026-05-10T00:00:00Z"));
        Actor admin = Actor.of("admin");
        assertThat(billing.lowBalanceThreshold().forCustomer(CUSTOMER).source())
                .isEqualTo(LowBalanceThresholdView.Source.DEFAULT);

        LowBalanceThresholdView plan = billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(
                Optional.empty(), Optional.of(PlanCode.of("monthly")), Optional.of(new BigDecimal("5000")), admin));
        assertThat(plan.threshold()).isEqualByComparingTo("5000");
        assertThat(billing.lowBalanceThreshold().forCustomer(CUSTOMER))
                .isEqualTo(new LowBalanceThresholdView(new BigDecimal("5000"), LowBalanceThresholdView.Source.PLAN));

        assertThat(consume(200)).isEqualByComparingTo("5000"); // at the plan's threshold: not below
        assertThat(lowBalanceEvents()).isEmpty();
        assertThat(consume(1)).isEqualByComparingTo("4975");
        assertThat(consume(1)).isEqualByComparingTo("4950");
        assertThat(lowBalanceEvents()).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("threshold", "5000").containsEntry("balance", "4975"));

        // the customer's own threshold wins over the plan's
        LowBalanceThresholdView own = billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(
                Optional.of(CUSTOMER), Optional.empty(), Optional.of(new BigDecimal("2500")), admin));
        assertThat(own).isEqualTo(new LowBalanceThresholdView(new BigDecimal("2500"), LowBalanceThresholdView.Source.CUSTOMER));
        assertThat(consume(97)).isEqualByComparingTo("2525");
        assertThat(lowBalanceEvents()).hasSize(1);
        assertThat(consume(1)).isEqualByComparingTo("2500");
        assertThat(lowBalanceEvents()).hasSize(1);
        assertThat(consume(1)).isEqualByComparingTo("2475");
        assertThat(consume(1)).isEqualByComparingTo("2450");
        assertThat(lowBalanceEvents()).hasSize(2);
        assertThat(lowBalanceEvents().get(1).payload()).containsEntry("threshold", "2500");

        // removing the customer's falls back to the plan's
        assertThat(billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(Optional.of(CUSTOMER),
                Optional.empty(), Optional.empty(), admin)).source()).isEqualTo(LowBalanceThresholdView.Source.PLAN);
        assertThat(billing.auditTrail().recent(new AuditQuery(Optional.empty(), 100)))
                .filteredOn(a -> a.action().equals("credits.low_balance_threshold_set")).hasSize(3);
    }

    @Test
    void thresholds_of_unknown_customers_or_plans_and_negative_ones_are_refused() {
        Actor admin = Actor.of("admin");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> billing.setLowBalanceThreshold().set(
                        new SetLowBalanceThresholdCommand(Optional.of(CustomerId.of("cus_nobody")), Optional.empty(),
                                Optional.of(BigDecimal.TEN), admin)))
                .isInstanceOfSatisfying(io.billkit.domain.BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(io.billkit.domain.ErrorCode.NOT_FOUND));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> billing.setLowBalanceThreshold().set(
                        new SetLowBalanceThresholdCommand(Optional.empty(), Optional.of(PlanCode.of("nope")),
                                Optional.of(BigDecimal.TEN), admin)))
                .isInstanceOfSatisfying(io.billkit.domain.BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(io.billkit.domain.ErrorCode.UNKNOWN_PLAN));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SetLowBalanceThresholdCommand(Optional.of(CUSTOMER),
                        Optional.empty(), Optional.of(new BigDecimal("-1")), admin))
                .isInstanceOf(io.billkit.domain.BillingException.class);
    }
}
