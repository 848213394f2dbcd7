package io.billkit.domain.reconciliation;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Tier;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.billkit.domain.catalog.seed.SeedCatalogs.AI_TOKENS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static io.billkit.domain.reconciliation.ReconciliationOutcome.MATCHED;
import static io.billkit.domain.reconciliation.ReconciliationOutcome.MISMATCH;
import static io.billkit.domain.reconciliation.ReconciliationOutcome.WITHIN_TOLERANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconcilerTest {
    private static final Plan APEX_GROWTH = SeedCatalogs.apex().requirePlan(PlanCode.of("growth"));
    private static final Plan MORTGAGE_ENTERPRISE = SeedCatalogs.mortgage().requirePlan(PlanCode.of("enterprise"));
    private static final MeterTerms IMPRESSION_TERMS = APEX_GROWTH.requireTerms(IMPRESSIONS);
    private static final MeterTerms API_CALL_TERMS = MORTGAGE_ENTERPRISE.requireTerms(API_CALLS);
    private static final MeterTerms TOKEN_TERMS = MORTGAGE_ENTERPRISE.requireTerms(AI_TOKENS);

    private final Reconciler reconciler = Reconciler.withDefaults();

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private static UsageComparison comparison(String subscription, MeterTerms terms, long internal, long provider) {
        return UsageComparison.of(SubscriptionId.of(subscription), CustomerId.of("cus_" + subscription), terms,
                BigDecimal.valueOf(internal), BigDecimal.valueOf(provider));
    }

    @Test
    void exact_small_and_large_discrepancies_are_matched_within_tolerance_and_mismatch_with_an_alert() {
        ReconciliationReport report = reconciler.run(List.of(
                comparison("sub_exact", IMPRESSION_TERMS, 12_000_000, 12_000_000),
                comparison("sub_close", IMPRESSION_TERMS, 10_000_000, 10_030_000),   // 0.3 % off
                comparison("sub_far", IMPRESSION_TERMS, 47_500_000, 50_000_000)));   // 5 % off

        assertThat(report.findings()).extracting(MeterReconciliation::outcome)
                .containsExactly(MATCHED, WITHIN_TOLERANCE, MISMATCH);
        MeterReconciliation close = report.findings().get(1);
        assertThat(close.unitDiscrepancy()).isEqualByComparingTo("30000");
        assertThat(close.relativeDiscrepancy()).isEqualByComparingTo("0.0029910269"); // 30,000 / 10,030,000
        assertThat(close.moneyDiscrepancy()).isEqualTo(usd("15.00"));                 // 30,000 x USD 0.0005

        MeterReconciliation far = report.findings().get(2);
        assertThat(far.subscriptionId()).isEqualTo(SubscriptionId.of("sub_far"));
        assertThat(far.customerId()).isEqualTo(CustomerId.of("cus_sub_far"));
        assertThat(far.meter()).isEqualTo(IMPRESSIONS);
        assertThat(far.unitDiscrepancy()).isEqualByComparingTo("2500000");
        assertThat(far.relativeDiscrepancy()).isEqualByComparingTo("0.05");
        assertThat(far.moneyDiscrepancy()).isEqualTo(usd("1250.00"));

        assertThat(report.count(MATCHED)).isEqualTo(1);
        assertThat(report.count(WITHIN_TOLERANCE)).isEqualTo(1);
        assertThat(report.count(MISMATCH)).isEqualTo(1);
        assertThat(report.totalMoneyDiscrepancy()).isEqualTo(usd("1265.00"));
        assertThat(report.alert()).isEqualTo(ReconciliationAlert.THRESHOLD_EXCEEDED);
        assertThat(report.mismatches()).containsExactly(far);
    }

    @Test
    void a_difference_of_exactly_the_tolerance_is_within_it_and_one_unit_more_is_not() {
        assertThat(reconciler.reconcile(comparison("s", API_CALL_TERMS, 995, 1_000)).outcome()).isEqualTo(WITHIN_TOLERANCE);
        assertThat(reconciler.reconcile(comparison("s", API_CALL_TERMS, 1_000, 995)).outcome()).isEqualTo(WITHIN_TOLERANCE);
        assertThat(reconciler.reconcile(comparison("s", API_CALL_TERMS, 994, 1_000)).outcome()).isEqualTo(MISMATCH);
        // 5,001 / 1,000,000 = 0.005001: just over
        assertThat(reconciler.reconcile(comparison("s", API_CALL_TERMS, 1_000_000, 994_999)).outcome()).isEqualTo(MISMATCH);
        assertThat(reconciler.reconcile(comparison("s", API_CALL_TERMS, 1_000_000, 995_000)).outcome()).isEqualTo(WITHIN_TOLERANCE);
    }

    @Test
    void the_relative_difference_is_taken_against_the_larger_quantity_and_the_sign_says_who_billed_more() {
        MeterReconciliation providerLow = reconciler.reconcile(comparison("s", API_CALL_TERMS, 1_000, 995));
        assertThat(providerLow.unitDiscrepancy()).isEqualByComparingTo("-5");
        assertThat(providerLow.relativeDiscrepancy()).isEqualByComparingTo("0.005");
        assertThat(providerLow.moneyDiscrepancy()).isEqualTo(usd("0.05"));
    }

    @Test
    void zero_against_zero_is_matched_and_zero_against_anything_is_a_full_mismatch() {
        MeterReconciliation bothZero = reconciler.reconcile(comparison("s", API_CALL_TERMS, 0, 0));
        assertThat(bothZero.outcome()).isEqualTo(MATCHED);
        assertThat(bothZero.relativeDiscrepancy()).isEqualByComparingTo("0");
        assertThat(bothZero.moneyDiscrepancy()).isEqualTo(usd("0.00"));

        MeterReconciliation providerOnly = reconciler.reconcile(comparison("s", API_CALL_TERMS, 0, 10));
        assertThat(providerOnly.outcome()).isEqualTo(MISMATCH);
        assertThat(providerOnly.relativeDiscrepancy()).isEqualByComparingTo("1");
        assertThat(providerOnly.moneyDiscrepancy()).isEqualTo(usd("0.10"));

        MeterReconciliation internalOnly = reconciler.reconcile(comparison("s", API_CALL_TERMS, 10, 0));
        assertThat(internalOnly.outcome()).isEqualTo(MISMATCH);
        assertThat(internalOnly.unitDiscrepancy()).isEqualByComparingTo("-10");
    }

    @Test
    void money_at_stake_is_rounded_half_up_once() {
        // 500 tokens x USD 0.00003 = 0.015 -> 0.02
        assertThat(reconciler.reconcile(comparison("s", TOKEN_TERMS, 100_000, 100_500)).moneyDiscrepancy())
                .isEqualTo(usd("0.02"));
    }

    @Test
    void a_total_exactly_at_the_threshold_does_not_alert() {
        // 100,000 API calls x USD 0.01 = USD 1,000.00, 10 % off -> MISMATCH but no alert
        ReconciliationReport report = reconciler.run(List.of(comparison("s", API_CALL_TERMS, 900_000, 1_000_000)));
        assertThat(report.count(MISMATCH)).isEqualTo(1);
        assertThat(report.totalMoneyDiscrepancy()).isEqualTo(usd("1000.00"));
        assertThat(report.alert()).isEqualTo(ReconciliationAlert.NONE);
        assertThat(report.alerts()).isFalse();

        ReconciliationReport oneCentMore = reconciler.run(List.of(comparison("s", API_CALL_TERMS, 899_999, 1_000_000)));
        assertThat(oneCentMore.alert()).isEqualTo(ReconciliationAlert.THRESHOLD_EXCEEDED);
    }

    @Test
    void total_money_sums_discrepancies_in_both_directions_without_cancelling() {
        ReconciliationReport report = reconciler.run(List.of(
                comparison("a", API_CALL_TERMS, 1_000, 1_100),
                comparison("b", API_CALL_TERMS, 1_100, 1_000)));
        assertThat(report.totalMoneyDiscrepancy()).isEqualTo(usd("2.00"));
    }

    @Test
    void an_empty_run_is_quiet() {
        ReconciliationReport report = reconciler.run(List.of());
        assertThat(report.findings()).isEmpty();
        assertThat(report.counts()).containsEntry(MATCHED, 0).containsEntry(WITHIN_TOLERANCE, 0).containsEntry(MISMATCH, 0);
        assertThat(report.totalMoneyDiscrepancy()).isEqualTo(usd("0.00"));
        assertThat(report.alert()).isEqualTo(ReconciliationAlert.NONE);
    }

    @Test
    void a_stricter_policy_turns_the_same_difference_into_a_mismatch() {
        Reconciler strict = new Reconciler(ReconciliationPolicy.defaults().withRelativeTolerance(new BigDecimal("0.001")));
        assertThat(strict.reconcile(comparison("s", IMPRESSION_TERMS, 10_000_000, 10_030_000)).outcome()).isEqualTo(MISMATCH);
        Reconciler zeroTolerance = new Reconciler(ReconciliationPolicy.defaults().withRelativeTolerance(BigDecimal.ZERO));
        assertThat(zeroTolerance.reconcile(comparison("s", IMPRESSION_TERMS, 10, 10)).outcome()).isEqualTo(MATCHED);
        assertThat(zeroTolerance.reconcile(comparison("s", IMPRESSION_TERMS, 10, 11)).outcome()).isEqualTo(MISMATCH);
    }

    @Test
    void default_policy_is_half_a_percent_and_usd_1000() {
        ReconciliationPolicy policy = ReconciliationPolicy.defaults();
        assertThat(policy.relativeTolerance()).isEqualByComparingTo("0.005");
        assertThat(policy.alertThreshold()).isEqualTo(usd("1000.00"));
        assertThatThrownBy(() -> new ReconciliationPolicy(BigDecimal.ONE, usd("1.00"))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new ReconciliationPolicy(new BigDecimal("-0.1"), usd("1.00"))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new ReconciliationPolicy(new BigDecimal("0.01"), usd("-1.00"))).isInstanceOf(BillingException.class);
    }

    @Test
    void findings_in_another_currency_than_the_threshold_are_a_currency_mismatch() {
        Reconciler euro = new Reconciler(ReconciliationPolicy.defaults().withAlertThreshold(Money.of("1000.00", "EUR")));
        assertThatThrownBy(() -> euro.run(List.of(comparison("s", API_CALL_TERMS, 1, 2))))
                .isInstanceOf(BillingException.class)
                .extracting(e -> ((BillingException) e).code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
    }

    @Test
    void negative_quantities_are_refused() {
        assertThatThrownBy(() -> comparison("s", API_CALL_TERMS, -1, 0)).isInstanceOf(BillingException.class)
                .hasMessageContaining("internal quantity");
        assertThatThrownBy(() -> comparison("s", API_CALL_TERMS, 0, -1)).isInstanceOf(BillingException.class)
                .hasMessageContaining("provider quantity");
    }

    @Test
    void unit_price_of_package_and_tiered_prices_is_the_marginal_price_of_one_unit() {
        assertThat(UsageComparison.unitPriceOf(IMPRESSION_TERMS.overagePrice(), BigDecimal.ONE).amount())
                .isEqualByComparingTo("0.0005");
        assertThat(UsageComparison.unitPriceOf(TOKEN_TERMS.overagePrice(), BigDecimal.ONE).amount())
                .isEqualByComparingTo("0.00003");
        Price graduated = Price.graduated(List.of(
                Tier.bounded(1_000, UnitPrice.of("0.10", "USD")),
                Tier.bounded(10_000, UnitPrice.of("0.05", "USD")).withPackageSize(100),
                Tier.open(UnitPrice.of("0.01", "USD"))));
        assertThat(UsageComparison.unitPriceOf(graduated, BigDecimal.valueOf(1_000)).amount()).isEqualByComparingTo("0.10");
        assertThat(UsageComparison.unitPriceOf(graduated, BigDecimal.valueOf(5_000)).amount()).isEqualByComparingTo("0.0005");
        assertThat(UsageComparison.unitPriceOf(graduated, BigDecimal.valueOf(50_000)).amount()).isEqualByComparingTo("0.01");
        Price volume = Price.volume(List.of(Tier.bounded(10, UnitPrice.of("2", "USD")), Tier.open(UnitPrice.of("1", "USD"))));
        assertThat(UsageComparison.unitPriceOf(volume, BigDecimal.valueOf(11)).amount()).isEqualByComparingTo("1");
    }

    @Test
    void an_explicit_unit_price_values_the_discrepancy() {
        UsageComparison explicit = new UsageComparison(SubscriptionId.of("s"), CustomerId.of("c"), API_CALLS,
                BigDecimal.valueOf(100), BigDecimal.valueOf(103), UnitPrice.of("0.333333", "USD"));
        // 3 x 0.333333 = 0.999999 -> 1.00
        assertThat(reconciler.reconcile(explicit).moneyDiscrepancy()).isEqualTo(usd("1.00"));
    }

    @Test
    void a_finding_whose_outcome_contradicts_its_numbers_cannot_be_built() {
        assertThatThrownBy(() -> new MeterReconciliation(SubscriptionId.of("s"), CustomerId.of("c"), API_CALLS,
                BigDecimal.ONE, BigDecimal.TEN, BigDecimal.valueOf(9), new BigDecimal("0.9"), usd("0.09"), MATCHED))
                .isInstanceOf(BillingException.class).hasMessageContaining("MATCHED");
        assertThatThrownBy(() -> new MeterReconciliation(SubscriptionId.of("s"), CustomerId.of("c"), API_CALLS,
                BigDecimal.ONE, BigDecimal.TEN, BigDecimal.valueOf(8), new BigDecimal("0.9"), usd("0.09"), MISMATCH))
                .isInstanceOf(BillingException.class).hasMessageContaining("provider - internal");
    }
}
