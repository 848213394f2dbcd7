package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.BillingInterval;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.BillingSchedule;
import io.billkit.domain.time.TimeWindow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProrationTest {

    private final Plan starter = SeedCatalogs.apex().requirePlan(PlanCode.of("starter")); // USD 99
    private final Plan growth = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));   // USD 499
    /** April 2026 in UTC: 30 days. */
    private final BillingPeriod april = new BillingSchedule(LocalDate.of(2026, 4, 1), BillingInterval.MONTH, ZoneOffset.UTC).period(0);

    @Test
    void starter_to_growth_halfway_through_a_30_day_month_nets_200() {
        ProrationResult result = Proration.of(starter, growth, april, Instant.parse("2026-04-16T00:00:00Z"));

        assertThat(result.unusedCredit()).isEqualTo(Money.of("-49.50", "USD"));
        assertThat(result.remainingCharge()).isEqualTo(Money.of("249.50", "USD"));
        assertThat(result.net()).isEqualTo(Money.of("200.00", "USD"));
        assertThat(result.fraction()).isEqualByComparingTo("0.5");
    }

    @Test
    void at_the_period_start_the_net_is_the_full_price_difference() {
        ProrationResult result = Proration.of(starter, growth, april, april.window().start());

        assertThat(result.unusedCredit()).isEqualTo(Money.of("-99.00", "USD"));
        assertThat(result.remainingCharge()).isEqualTo(Money.of("499.00", "USD"));
        assertThat(result.net()).isEqualTo(Money.of("400.00", "USD"));
        assertThat(result.fraction()).isEqualByComparingTo(BigDecimal.ONE);
    }

    @Test
    void at_the_last_second_of_the_period_the_net_is_nearly_zero() {
        ProrationResult result = Proration.of(starter, growth, april, april.window().end().minusSeconds(1));

        assertThat(result.net().amount()).isBetween(BigDecimal.ZERO, new BigDecimal("0.01"));
        assertThat(result.fraction()).isPositive().isLessThan(new BigDecimal("0.000001"));
    }

    @Test
    void the_period_end_instant_is_already_outside_the_period() {
        assertThatThrownBy(() -> Proration.of(starter, growth, april, april.window().end()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("outside the period");
        assertThatThrownBy(() -> Proration.of(starter, growth, april, april.window().start().minusNanos(1)))
                .isInstanceOf(BillingException.class);
    }

    @Test
    void proration_counts_the_real_seconds_of_a_period_that_loses_an_hour_to_dst() {
        ZoneId newYork = ZoneId.of("America/New_York");
        BillingPeriod march = new BillingSchedule(LocalDate.of(2026, 3, 1), BillingInterval.MONTH, newYork).period(0);
        Instant sixteenthMidnight = LocalDate.of(2026, 3, 16).atStartOfDay(newYork).toInstant();

        ProrationResult result = Proration.of(starter, growth, march, sixteenthMidnight);

        // 384 of 743 hours remain: 499 x 384 / 743 = 257.8950..., 99 x 384 / 743 = 51.1655...
        assertThat(result.remainingCharge()).isEqualTo(Money.of("257.90", "USD"));
        assertThat(result.unusedCredit()).isEqualTo(Money.of("-51.17", "USD"));
        assertThat(result.net()).isEqualTo(Money.of("206.73", "USD"));
    }

    @Test
    void each_line_is_rounded_once_with_the_given_policy() {
        TimeWindow fourSeconds = new TimeWindow(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:04Z"));
        Instant oneSecondLeft = Instant.parse("2026-01-01T00:00:03Z");
        Money tenCents = Money.of("0.10", "USD"); // a quarter of it is 0.025

        ProrationResult halfUp = Proration.of(tenCents, tenCents, fourSeconds, oneSecondLeft, RoundingPolicy.PER_LINE_HALF_UP);
        ProrationResult halfEven = Proration.of(tenCents, tenCents, fourSeconds, oneSecondLeft, RoundingPolicy.PER_LINE_HALF_EVEN);

        assertThat(halfUp.remainingCharge()).isEqualTo(Money.of("0.03", "USD"));
        assertThat(halfUp.unusedCredit()).isEqualTo(Money.of("-0.03", "USD"));
        assertThat(halfUp.net().isZero()).isTrue();
        assertThat(halfEven.remainingCharge()).isEqualTo(Money.of("0.02", "USD"));
    }

    @Test
    void prices_in_different_currencies_cannot_be_prorated_together() {
        assertThatThrownBy(() -> Proration.of(Money.of("10.00", "USD"), Money.of("10.00", "EUR"), april.window(),
                april.window().start(), RoundingPolicy.PER_LINE_HALF_UP))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void a_result_refuses_a_positive_credit_and_a_fraction_above_one() {
        Money ten = Money.of("10.00", "USD");
        assertThatThrownBy(() -> new ProrationResult(ten, ten, BigDecimal.ONE))
                .isInstanceOf(BillingException.class).hasMessageContaining("unusedCredit");
        assertThatThrownBy(() -> new ProrationResult(ten.negate(), ten, new BigDecimal("1.01")))
                .isInstanceOf(BillingException.class).hasMessageContaining("fraction");
    }
}
