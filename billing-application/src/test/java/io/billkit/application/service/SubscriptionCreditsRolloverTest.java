package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.CreditConsumptionView;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscription credits across a period boundary (credits seed, Monthly: 10,000 included credits a period,
 * customer in UTC, subscribed January 1 00:00): the new period's credits can be spent from its first
 * instant, before period close runs at the end of the 1 h grace, and the close then grants nothing twice.
 */
class SubscriptionCreditsRolloverTest {
    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB_1 = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant MAR_1 = Instant.parse("2026-03-01T00:00:00Z");

    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.credits());
    private final ConsumeCreditsService consume = new ConsumeCreditsService(bed.customers, bed.subscriptions,
            bed.credits, bed.catalog, bed.tx, bed.audit, bed.clock);
    private final GetCreditBalanceService balance = new GetCreditBalanceService(bed.subscriptions, bed.credits,
            bed.catalog, bed.tx, bed.audit, bed.clock);
    private final Customer customer = bed.customer("cus_rollover", "0");

    private CreditConsumptionView spend(String creditEvent, String quantity, String requestId) {
        return consume.consume(new ConsumeCreditsCommand(customer.id(), creditEvent, new BigDecimal(quantity), requestId,
                Actor.of("app")));
    }

    @Test
    void a_debit_one_minute_after_the_period_end_spends_the_new_periods_credits_and_the_close_grants_nothing_twice() {
        Subscription subscription = bed.subscribe(customer, "monthly", JAN_1);
        bed.clock.set(Instant.parse("2026-01-20T12:00:00Z"));
        // 100 ai_inference x 25 credits = 2,500 of January's 10,000 (granted by this first debit: p0)
        assertThat(spend("ai_inference", "100", "jan-1").balance().subscription()).isEqualByComparingTo("7500");

        bed.clock.set(FEB_1.plusSeconds(60));
        CreditConsumptionView february = spend("api_call_premium", "2", "feb-1"); // 2 x 5 = 10 credits

        assertThat(february.creditsDebited()).isEqualByComparingTo("10");
        assertThat(february.balance().subscription()).isEqualByComparingTo("9990");
        assertThat(february.balance().nextExpiry()).contains(MAR_1);
        CreditLedger ledger = bed.credits.load(customer.id());
        assertThat(ledger.grant(CreditGrantId.of("sub_cus_rollover:p0")).orElseThrow().remaining())
                .as("January's 7,500 left expired at the period end").isZero();
        CreditGrant p1 = ledger.grant(CreditGrantId.of("sub_cus_rollover:p1")).orElseThrow();
        assertThat(p1.grantedAt()).isEqualTo(FEB_1);
        assertThat(p1.expiresAt()).contains(MAR_1);
        assertThat(bed.subscriptions.find(subscription.id()).orElseThrow().currentPeriod().index())
                .as("period close has not run yet").isZero();

        bed.clock.set(FEB_1.plusSeconds(3600));
        ClosePeriodResult closed = bed.runClose();
        ClosePeriodResult again = bed.runClose();

        assertThat(closed.failures()).isEmpty();
        assertThat(closed.created()).hasSize(1);
        assertThat(again.created()).isEmpty();
        assertThat(bed.subscriptions.find(subscription.id()).orElseThrow().currentPeriod().index()).isEqualTo(1);
        CreditLedger afterClose = bed.credits.load(customer.id());
        assertThat(afterClose.grants()).extracting(g -> g.id().value())
                .containsExactly("sub_cus_rollover:p0", "sub_cus_rollover:p1");
        assertThat(afterClose.balance(FEB_1.plusSeconds(3600)).subscription()).isEqualByComparingTo("9990");
        assertThat(bed.audit("credits.granted")).extracting(e -> e.data().get("grant"))
                .containsExactlyInAnyOrder("sub_cus_rollover:p0", "sub_cus_rollover:p1");
        assertThat(bed.audit("credits.expired")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("credits", "7500"));
    }

    @Test
    void the_balance_shows_the_new_periods_credits_at_its_first_instant() {
        bed.subscribe(customer, "monthly", JAN_1);
        bed.clock.set(Instant.parse("2026-01-31T23:59:59Z"));
        CreditBalanceView lastSecond = balance.balance(customer.id());
        bed.clock.set(FEB_1);

        CreditBalanceView firstInstant = balance.balance(customer.id());

        assertThat(lastSecond.subscription()).isEqualByComparingTo("10000");
        assertThat(lastSecond.nextExpiry()).contains(FEB_1);
        assertThat(firstInstant.subscription()).isEqualByComparingTo("10000");
        assertThat(firstInstant.nextExpiry()).contains(MAR_1);
        assertThat(balance.balance(customer.id()).subscription()).as("reading again grants nothing more")
                .isEqualByComparingTo("10000");
        assertThat(bed.credits.load(customer.id()).grants()).as("a read shows the grants but writes none").isEmpty();
        assertThat(bed.audit("credits.granted")).isEmpty();
    }

    @Test
    void a_subscription_cancelling_at_the_period_end_gets_no_credits_for_the_next_period() {
        Subscription subscription = bed.subscribe(customer, "monthly", JAN_1);
        bed.subscriptions.save(subscription.scheduleCancelAtPeriodEnd());
        bed.clock.set(Instant.parse("2026-01-10T00:00:00Z"));
        assertThat(balance.balance(customer.id()).subscription()).isEqualByComparingTo("10000");

        bed.clock.set(FEB_1.plusSeconds(60));

        assertThat(balance.balance(customer.id()).subscription()).isZero();
        assertThat(bed.credits.load(customer.id()).grant(CreditGrantId.of("sub_cus_rollover:p1"))).isEmpty();
        bed.clock.set(FEB_1.plusSeconds(3600));
        assertThat(bed.runClose().failures()).isEmpty();
        assertThat(bed.credits.load(customer.id()).grant(CreditGrantId.of("sub_cus_rollover:p1"))).isEmpty();
        assertThat(balance.balance(customer.id()).subscription()).isZero();
    }
}
