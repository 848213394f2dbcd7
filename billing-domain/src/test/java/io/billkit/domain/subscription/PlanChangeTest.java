package io.billkit.domain.subscription;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanChangeTest {

    private final Catalog apex = SeedCatalogs.apex();
    private final Plan starter = apex.requirePlan(PlanCode.of("starter"));
    private final Plan growth = apex.requirePlan(PlanCode.of("growth"));

    @Test
    void a_higher_base_price_is_an_upgrade_applied_now() {
        assertThat(PlanChange.classify(starter, growth)).isEqualTo(PlanChange.UPGRADE);
        assertThat(PlanChange.UPGRADE.appliesNow()).isTrue();
    }

    @Test
    void a_lower_base_price_is_a_downgrade_applied_at_period_end() {
        assertThat(PlanChange.classify(growth, starter)).isEqualTo(PlanChange.DOWNGRADE);
        assertThat(PlanChange.DOWNGRADE.appliesNow()).isFalse();
    }

    @Test
    void another_plan_at_the_same_price_counts_as_an_upgrade() {
        Plan mortgagePro = SeedCatalogs.mortgage().requirePlan(PlanCode.of("pro")); // USD 99, like apex starter
        assertThat(mortgagePro.basePrice()).isEqualTo(starter.basePrice());

        assertThat(PlanChange.classify(starter, mortgagePro)).isEqualTo(PlanChange.UPGRADE);
    }

    @Test
    void changing_to_the_same_plan_is_invalid() {
        assertThatThrownBy(() -> PlanChange.classify(growth, growth))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("same plan");
    }

    @Test
    void changing_the_billing_interval_is_refused() {
        Catalog credits = SeedCatalogs.credits();

        assertThatThrownBy(() -> PlanChange.classify(credits.requirePlan(PlanCode.of("monthly")), credits.requirePlan(PlanCode.of("annual"))))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("billing interval");
    }
}
