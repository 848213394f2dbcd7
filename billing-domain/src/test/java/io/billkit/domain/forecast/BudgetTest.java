package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetTest {
    private static final CustomerId ACME = CustomerId.of("acme");

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void spend_and_projection_within_the_budget_is_within() {
        BudgetCheck check = BudgetCheck.of(usd("100.00"), usd("40.00"), usd("80.00"));
        assertThat(check.status()).isEqualTo(BudgetStatus.WITHIN);
        assertThat(check.remaining()).isEqualTo(usd("60.00"));
        assertThat(check.projectedOverrun()).isEqualTo(usd("0.00"));
        assertThat(check.requireNotExceeded()).isSameAs(check);
    }

    @Test
    void spending_exactly_the_budget_is_within() {
        assertThat(BudgetCheck.of(usd("100.00"), usd("100.00"), usd("100.00")).status()).isEqualTo(BudgetStatus.WITHIN);
    }

    @Test
    void a_projection_past_the_budget_will_exceed_it() {
        BudgetCheck check = BudgetCheck.of(usd("100.00"), usd("60.00"), usd("100.01"));
        assertThat(check.status()).isEqualTo(BudgetStatus.WILL_EXCEED);
        assertThat(check.projectedOverrun()).isEqualTo(usd("0.01"));
        assertThat(check.requireNotExceeded()).isSameAs(check);
    }

    @Test
    void spend_past_the_budget_is_exceeded_and_refused_on_request() {
        BudgetCheck check = BudgetCheck.of(usd("100.00"), usd("100.01"), usd("150.00"));
        assertThat(check.status()).isEqualTo(BudgetStatus.EXCEEDED);
        assertThat(check.remaining()).isEqualTo(usd("0.00"));
        assertThatThrownBy(check::requireNotExceeded)
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUDGET_EXCEEDED))
                .hasMessageContaining("USD 100.00").hasMessageContaining("USD 100.01");
    }

    @Test
    void a_status_that_contradicts_the_amounts_is_rejected() {
        assertThatThrownBy(() -> new BudgetCheck(BudgetStatus.WITHIN, usd("10.00"), usd("20.00"), usd("20.00")))
                .isInstanceOf(BillingException.class).hasMessageContaining("EXCEEDED");
    }

    @Test
    void checks_in_another_currency_are_a_currency_mismatch() {
        assertThatThrownBy(() -> BudgetCheck.of(usd("10.00"), Money.of("1.00", "EUR"), Money.of("1.00", "EUR")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void a_budget_checks_daily_and_monthly_spend_separately() {
        Budget budget = Budget.of(ACME, usd("50.00"), usd("1000.00"));
        assertThat(budget.checkDaily(usd("20.00"), usd("60.00"))).hasValueSatisfying(
                c -> assertThat(c.status()).isEqualTo(BudgetStatus.WILL_EXCEED));
        assertThat(budget.checkMonthly(usd("400.00"), usd("900.00"))).hasValueSatisfying(
                c -> assertThat(c.status()).isEqualTo(BudgetStatus.WITHIN));
    }

    @Test
    void a_missing_cap_has_no_check() {
        Budget monthlyOnly = Budget.monthlyOnly(ACME, usd("1000.00"));
        assertThat(monthlyOnly.checkDaily(usd("999.00"), usd("999.00"))).isEmpty();
        assertThat(monthlyOnly.checkMonthly(usd("1000.01"), usd("1000.01"))).hasValueSatisfying(
                c -> assertThat(c.status()).isEqualTo(BudgetStatus.EXCEEDED));
        Budget none = Budget.none(ACME);
        assertThat(none.checkDaily(usd("1.00"), usd("1.00"))).isEmpty();
        assertThat(none.checkMonthly(usd("1.00"), usd("1.00"))).isEmpty();
        assertThat(Budget.dailyOnly(ACME, usd("5.00")).monthly()).isEmpty();
    }

    @Test
    void daily_and_monthly_must_share_a_currency() {
        assertThatThrownBy(() -> Budget.of(ACME, usd("50.00"), Money.of("1000.00", "EUR")))
                .isInstanceOf(BillingException.class).hasMessageContaining("USD").hasMessageContaining("EUR");
    }

    @Test
    void budget_amounts_must_be_positive() {
        assertThatThrownBy(() -> Budget.dailyOnly(ACME, usd("0.00")))
                .isInstanceOf(BillingException.class).hasMessageContaining("daily");
        assertThatThrownBy(() -> Budget.monthlyOnly(ACME, usd("-1.00")))
                .isInstanceOf(BillingException.class).hasMessageContaining("monthly");
        assertThatThrownBy(() -> new Budget(null, Optional.empty(), Optional.empty())).hasMessage("customer");
    }
}
