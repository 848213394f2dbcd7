package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.coupon.ApplyCouponCommand;
import io.billkit.application.port.in.coupon.CreateCouponCommand;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.scenario.CouponScenarioTest;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponDuration;
import io.billkit.domain.coupon.Discount;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CouponScenarioTest} (its assertions unchanged, to the cent) with every store on PostgreSQL, and the
 * redemption limit under concurrent redemptions by many customers through the use case.
 */
class CouponScenarioOnPostgresTest extends CouponScenarioTest {

    @Override
    protected BillingPorts ports(MockPaymentProvider provider) {
        TestDatabase.truncateAll();
        return TestDatabase.adapter().billingPorts(provider, new PlainTextInvoiceRenderer(), new RecordingWebhookSender());
    }

    @Test
    void twelve_customers_racing_for_a_coupon_limited_to_three_get_three_and_one_subscription_racing_itself_gets_one() throws Exception {
        TestDatabase.truncateAll();
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        MockPaymentProvider provider = new MockPaymentProvider(clock);
        BillingServices billing = new BillingServices(TestDatabase.adapter().billingPorts(provider,
                new PlainTextInvoiceRenderer(), new RecordingWebhookSender()), SeedCatalogs.apex(), clock,
                BillingSettings.defaults());
        Actor admin = Actor.of("admin");
        int customers = 12;
        for (int i = 0; i < customers; i++) {
            CustomerId id = CustomerId.of("cus_race_" + i);
            billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(id, "Race " + i,
                    "race" + i + "@example.com", ZoneOffset.UTC, BigDecimal.ZERO, 30, ""), admin));
            billing.subscribe().subscribe(new SubscribeCommand(id, PlanCode.of("scale"), admin));
        }
        billing.coupons().create().create(new CreateCouponCommand(CouponCode.of("FIRST3"), "First three",
                new Discount.PercentOff(BigDecimal.TEN), CouponDuration.once(), Set.of(), Set.of(), Optional.of(3),
                Optional.empty(), admin));

        AtomicInteger next = new AtomicInteger();
        List<String> outcomes = ConcurrentRunner.runConcurrently(customers, () -> {
            CustomerId id = CustomerId.of("cus_race_" + next.getAndIncrement());
            try {
                billing.coupons().apply().apply(new ApplyCouponCommand(id, CouponCode.of("FIRST3"), admin));
                return "redeemed";
            } catch (BillingException e) {
                return e.code().name();
            }
        });

        assertThat(outcomes).filteredOn("redeemed"::equals).hasSize(3);
        assertThat(outcomes).filteredOn(ErrorCode.COUPON_EXHAUSTED.name()::equals).hasSize(customers - 3);
        assertThat(billing.coupons().list().list()).singleElement()
                .satisfies(c -> assertThat(c.timesRedeemed()).isEqualTo(3));
        long redemptions = 0;
        for (int i = 0; i < customers; i++) {
            redemptions += billing.coupons().discounts().discounts(CustomerId.of("cus_race_" + i)).size();
        }
        assertThat(redemptions).isEqualTo(3);

        // the same coupon applied to one subscription by eight requests at once: one redemption, seven conflicts
        billing.coupons().create().create(new CreateCouponCommand(CouponCode.of("ONCEEACH"), "Once each",
                new Discount.PercentOff(BigDecimal.TEN), CouponDuration.once(), Set.of(), Set.of(), Optional.empty(),
                Optional.empty(), admin));
        List<String> same = ConcurrentRunner.runConcurrently(8, () -> {
            try {
                billing.coupons().apply().apply(new ApplyCouponCommand(CustomerId.of("cus_race_0"),
                        CouponCode.of("ONCEEACH"), admin));
                return "redeemed";
            } catch (BillingException e) {
                return e.code().name();
            }
        });
        assertThat(same).filteredOn("redeemed"::equals).hasSize(1);
        assertThat(same).filteredOn(ErrorCode.CONFLICT.name()::equals).hasSize(7);
        assertThat(billing.coupons().discounts().discounts(CustomerId.of("cus_race_0")))
                .filteredOn(d -> d.coupon().code().value().equals("ONCEEACH")).hasSize(1);
        assertThat(billing.coupons().list().list()).filteredOn(c -> c.coupon().code().value().equals("ONCEEACH"))
                .singleElement().satisfies(c -> assertThat(c.timesRedeemed()).as("conflicts claim nothing").isEqualTo(1));
    }
}
