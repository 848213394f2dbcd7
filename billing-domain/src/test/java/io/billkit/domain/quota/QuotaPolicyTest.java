package io.billkit.domain.quota;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.LimitMode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.REPORTS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.SCENARIOS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaPolicyTest {

    private static Allowance mortgage(String plan, MeterKey meter) {
        return SeedCatalogs.mortgage().requirePlan(PlanCode.of(plan)).requireTerms(meter).allowance();
    }

    private static final Allowance PRO_API = mortgage("pro", API_CALLS);
    private static final Allowance FREE_API = mortgage("free", API_CALLS);

    private static QuotaDecision decide(Allowance allowance, long used, long requested) {
        return QuotaPolicy.decide(allowance, BigDecimal.valueOf(used), BigDecimal.valueOf(requested));
    }

    @Test
    void pro_9999_plus_1_reaches_the_daily_limit_exactly_and_is_allowed() {
        QuotaDecision decision = decide(PRO_API, 9_999, 1);
        assertThat(decision.outcome()).isEqualTo(QuotaOutcome.ALLOWED);
        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.used()).isEqualByComparingTo("9999");
        assertThat(decision.requested()).isEqualByComparingTo("1");
        assertThat(decision.limit()).isEqualTo(Limit.of(10_000));
        assertThat(decision.mode()).isEqualTo(LimitMode.HARD);
        assertThat(decision.remainingAfter()).isEqualTo(Limit.of(0));
        assertThat(decision.overBy()).isEqualByComparingTo("0");
        assertThat(decision.usedAfter()).isEqualByComparingTo("10000");
        assertThat(decision.requireAllowed()).isSameAs(decision);
    }

    @Test
    void pro_10000_plus_1_is_denied_over_by_exactly_one() {
        QuotaDecision decision = decide(PRO_API, 10_000, 1);
        assertThat(decision.outcome()).isEqualTo(QuotaOutcome.DENIED);
        assertThat(decision.isDenied()).isTrue();
        assertThat(decision.overBy()).isEqualByComparingTo("1");
        assertThat(decision.remainingAfter()).isEqualTo(Limit.of(0));
        assertThat(decision.usedAfter()).isEqualByComparingTo("10000");
        assertThatThrownBy(decision::requireAllowed)
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED))
                .hasMessageContaining("10000").hasMessageContaining("by 1");
    }

    @Test
    void a_denied_request_leaves_the_remaining_amount_unchanged() {
        QuotaDecision decision = decide(PRO_API, 9_990, 50);
        assertThat(decision.isDenied()).isTrue();
        assertThat(decision.remainingAfter()).isEqualTo(Limit.of(10));
        assertThat(decision.overBy()).isEqualByComparingTo("40");
    }

    @Test
    void an_allowed_request_reports_what_remains_after_it() {
        QuotaDecision decision = decide(PRO_API, 5_000, 10);
        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.remainingAfter()).isEqualTo(Limit.of(4_990));
    }

    @Test
    void free_plan_allows_100_calls_a_day_and_not_one_more() {
        assertThat(decide(FREE_API, 0, 100).isAllowed()).isTrue();
        assertThat(decide(FREE_API, 99, 1).isAllowed()).isTrue();
        QuotaDecision over = decide(FREE_API, 100, 1);
        assertThat(over.isDenied()).isTrue();
        assertThat(over.limit()).isEqualTo(Limit.of(100));
        assertThat(over.overBy()).isEqualByComparingTo("1");
        QuotaDecision bigBatch = decide(FREE_API, 0, 101);
        assertThat(bigBatch.isDenied()).isTrue();
        assertThat(bigBatch.remainingAfter()).isEqualTo(Limit.of(100));
    }

    @Test
    void zero_usage_and_zero_request_is_allowed() {
        QuotaDecision decision = decide(FREE_API, 0, 0);
        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.remainingAfter()).isEqualTo(Limit.of(100));
    }

    @Test
    void a_zero_request_checks_whether_usage_is_still_within_the_limit() {
        assertThat(decide(FREE_API, 100, 0).isAllowed()).isTrue();
        assertThat(decide(FREE_API, 101, 0).isDenied()).isTrue();
    }

    @Test
    void soft_limits_allow_and_report_the_overage() {
        Allowance enterpriseApi = mortgage("enterprise", API_CALLS);
        QuotaDecision decision = decide(enterpriseApi, 100_000, 5);
        assertThat(decision.outcome()).isEqualTo(QuotaOutcome.ALLOWED);
        assertThat(decision.mode()).isEqualTo(LimitMode.SOFT);
        assertThat(decision.overBy()).isEqualByComparingTo("5");
        assertThat(decision.remainingAfter()).isEqualTo(Limit.of(0));
        QuotaDecision reports = decide(mortgage("pro", REPORTS), 49, 1);
        assertThat(reports.isAllowed()).isTrue();
        assertThat(reports.overBy()).isEqualByComparingTo("0");
    }

    @Test
    void unlimited_always_allows_and_stays_unlimited() {
        QuotaDecision decision = decide(mortgage("pro", SCENARIOS), 1_000_000_000L, 1_000_000_000L);
        assertThat(decision.isAllowed()).isTrue();
        assertThat(decision.limit().isUnlimited()).isTrue();
        assertThat(decision.remainingAfter().isUnlimited()).isTrue();
        assertThat(decision.overBy()).isEqualByComparingTo("0");
        assertThat(QuotaPolicy.decide(Allowance.unlimited(), BigDecimal.ZERO, BigDecimal.ZERO).isAllowed()).isTrue();
    }

    @Test
    void fractional_quantities_are_compared_exactly() {
        Allowance gb = Allowance.hard(50, io.billkit.domain.catalog.Window.MONTH);
        assertThat(QuotaPolicy.decide(gb, new BigDecimal("49.5"), new BigDecimal("0.5")).isAllowed()).isTrue();
        QuotaDecision over = QuotaPolicy.decide(gb, new BigDecimal("49.5"), new BigDecimal("0.500000000001"));
        assertThat(over.isDenied()).isTrue();
        assertThat(over.overBy()).isEqualByComparingTo("0.000000000001");
    }

    @Test
    void negative_or_null_inputs_are_rejected() {
        assertThatThrownBy(() -> decide(PRO_API, -1, 1)).isInstanceOf(BillingException.class).hasMessageContaining("used");
        assertThatThrownBy(() -> decide(PRO_API, 1, -1)).isInstanceOf(BillingException.class).hasMessageContaining("requested");
        assertThatThrownBy(() -> QuotaPolicy.decide(null, BigDecimal.ONE, BigDecimal.ONE)).hasMessage("allowance");
        assertThatThrownBy(() -> QuotaPolicy.decide(PRO_API, null, BigDecimal.ONE)).hasMessage("used");
        assertThatThrownBy(() -> QuotaPolicy.decide(PRO_API, BigDecimal.ONE, null)).hasMessage("requested");
    }
}
