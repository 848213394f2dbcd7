package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static io.billkit.domain.credit.CreditFixtures.CATALOG;
import static io.billkit.domain.credit.CreditFixtures.MID_MARCH;
import static io.billkit.domain.credit.CreditFixtures.credits;
import static io.billkit.domain.credit.CreditFixtures.ledgerWith;
import static io.billkit.domain.credit.CreditFixtures.monthlyCredits;
import static io.billkit.domain.credit.CreditFixtures.packOf1k;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditPriceTest {

    @Test
    void three_premium_api_calls_cost_15_credits() {
        assertThat(CreditPrice.of(CATALOG.requireCreditEvent("api_call_premium"), 3)).isEqualByComparingTo("15");
        assertThat(CreditPrice.of(CATALOG, "api_call_premium", 3)).isEqualByComparingTo("15");
    }

    @Test
    void seed_credit_events_are_priced_at_1_5_10_and_25_credits() {
        assertThat(CreditPrice.of(CATALOG, "api_call_basic", 1)).isEqualByComparingTo("1");
        assertThat(CreditPrice.of(CATALOG, "api_call_premium", 1)).isEqualByComparingTo("5");
        assertThat(CreditPrice.of(CATALOG, "storage_gb_month", 1)).isEqualByComparingTo("10");
        assertThat(CreditPrice.of(CATALOG, "ai_inference", 4)).isEqualByComparingTo("100");
    }

    @Test
    void fractional_quantities_are_priced_exactly() {
        assertThat(CreditPrice.of(CATALOG.requireCreditEvent("storage_gb_month"), new BigDecimal("2.5")))
                .isEqualByComparingTo("25");
    }

    @Test
    void an_unknown_event_is_unknown_credit_event() {
        assertThatThrownBy(() -> CreditPrice.of(CATALOG, "video_minute", 1))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CREDIT_EVENT));
    }

    @Test
    void zero_or_negative_occurrences_are_refused() {
        assertThatThrownBy(() -> CreditPrice.of(CATALOG, "api_call_basic", 0))
                .isInstanceOf(BillingException.class).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> CreditPrice.of(CATALOG.requireCreditEvent("api_call_basic"), new BigDecimal("-2")))
                .isInstanceOf(BillingException.class);
    }

    @Test
    void a_priced_action_is_debited_from_the_ledger() {
        BigDecimal cost = CreditPrice.of(CATALOG, "ai_inference", 60);
        CreditDebit debit = ledgerWith(monthlyCredits(), packOf1k())
                .debit(cost, MID_MARCH, CreditConsumptionPolicy.DEFAULT, "ai_inference x60");
        assertThat(debit.amount()).isEqualByComparingTo("1500");
        assertThat(debit.ledger().balance(MID_MARCH).total()).isEqualByComparingTo(credits("9500"));
    }
}
