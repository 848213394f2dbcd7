package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.LowBalanceThresholdView;
import io.billkit.application.port.in.credit.SetLowBalanceThresholdCommand;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Low-balance thresholds on PostgreSQL: stored per plan and customer, resolved in the debit's transaction. */
class PostgresLowBalanceThresholdTest {
    private static final CustomerId CUSTOMER = CustomerId.of("cus_threshold");
    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final SettableClock clock = SettableClock.at("2026-05-01T00:00:00Z");

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void plan_and_customer_thresholds_are_stored_resolved_and_alert_once_per_crossing() {
        BillingPorts ports = postgres.billingPorts(new MockPaymentProvider(clock), new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender());
        BillingServices billing = new BillingServices(ports, SeedCatalogs.credits(), clock, BillingSettings.defaults());
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(CUSTOMER, "T", "t@example.com"),
                Actor.system()));
        billing.subscribe().subscribe(new SubscribeCommand(CUSTOMER, PlanCode.of("monthly"), Actor.system()));
        clock.set(Instant.parse("2026-05-10T00:00:00Z"));
        Actor admin = Actor.of("admin");

        billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(Optional.empty(),
                Optional.of(PlanCode.of("monthly")), Optional.of(new BigDecimal("4000.5")), admin));
        assertThat(postgres.billingPorts(new MockPaymentProvider(clock), new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender()).lowBalanceThresholds().forPlan(PlanCode.of("monthly")))
                .hasValueSatisfying(t -> assertThat(t).isEqualByComparingTo("4000.5"));
        assertThat(billing.lowBalanceThreshold().forCustomer(CUSTOMER).source())
                .isEqualTo(LowBalanceThresholdView.Source.PLAN);
        billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(Optional.of(CUSTOMER),
                Optional.empty(), Optional.of(new BigDecimal("3000")), admin));
        billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(Optional.of(CUSTOMER),
                Optional.empty(), Optional.of(new BigDecimal("2000")), admin));
        assertThat(billing.lowBalanceThreshold().forCustomer(CUSTOMER))
                .isEqualTo(new LowBalanceThresholdView(new BigDecimal("2000"), LowBalanceThresholdView.Source.CUSTOMER));

        for (int i = 1; i <= 3; i++) { // 10,000 - 25 x 320 = 2,000; then 1,975 and 1,950
            billing.consumeCredits().consume(new ConsumeCreditsCommand(CUSTOMER, "ai_inference",
                    BigDecimal.valueOf(i == 1 ? 320 : 1), "req-" + i, Actor.of("app")));
        }
        assertThat(postgres.outbox().unpublished(100)).filteredOn(e -> e.type().equals("credits.balance_low"))
                .singleElement().satisfies(e -> assertThat(e.payload()).containsEntry("threshold", "2000")
                        .containsEntry("balance", "1975"));

        billing.setLowBalanceThreshold().set(new SetLowBalanceThresholdCommand(Optional.of(CUSTOMER),
                Optional.empty(), Optional.empty(), admin));
        assertThat(billing.lowBalanceThreshold().forCustomer(CUSTOMER).threshold()).isEqualByComparingTo("4000.5");
        assertThat(TestDatabase.count("low_balance_thresholds_customer")).isZero();
    }
}
