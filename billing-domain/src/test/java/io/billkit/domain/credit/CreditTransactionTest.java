package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.billkit.domain.credit.CreditFixtures.ACME;
import static io.billkit.domain.credit.CreditFixtures.MID_MARCH;
import static io.billkit.domain.credit.CreditFixtures.PACK;
import static io.billkit.domain.credit.CreditFixtures.credits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditTransactionTest {

    private static CreditTransaction tx(CreditTransactionType type, String amount) {
        return new CreditTransaction(CreditTransactionId.of("acme:1"), ACME, type, credits(amount),
                Optional.of(PACK), "", MID_MARCH);
    }

    @Test
    void grants_and_reversals_are_positive_debits_and_expiries_negative() {
        assertThat(tx(CreditTransactionType.GRANT, "10").amount()).isPositive();
        assertThat(tx(CreditTransactionType.REVERSAL, "10").amount()).isPositive();
        assertThat(tx(CreditTransactionType.DEBIT, "-10").amount()).isNegative();
        assertThat(tx(CreditTransactionType.EXPIRY, "-10").amount()).isNegative();
    }

    @Test
    void a_wrongly_signed_or_zero_amount_is_refused() {
        assertThatThrownBy(() -> tx(CreditTransactionType.GRANT, "-10"))
                .isInstanceOf(BillingException.class).hasMessageContaining("GRANT amount must be positive");
        assertThatThrownBy(() -> tx(CreditTransactionType.DEBIT, "10"))
                .isInstanceOf(BillingException.class).hasMessageContaining("DEBIT amount must be negative");
        assertThatThrownBy(() -> tx(CreditTransactionType.EXPIRY, "0")).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> tx(CreditTransactionType.REVERSAL, "0.0000001")).isInstanceOf(BillingException.class)
                .hasMessageContaining("at most 6 decimals");
    }

    @Test
    void a_transaction_may_concern_no_single_grant() {
        CreditTransaction tx = new CreditTransaction(CreditTransactionId.of("acme:9"), ACME, CreditTransactionType.DEBIT,
                credits("-3"), Optional.empty(), "manual", MID_MARCH);
        assertThat(tx.grantId()).isEmpty();
    }

    @Test
    void transaction_ids_are_validated() {
        assertThatThrownBy(() -> CreditTransactionId.of("")).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> CreditTransactionId.of("a b")).isInstanceOf(BillingException.class);
        assertThat(CreditTransactionId.of("x".repeat(128)).value()).hasSize(128);
    }
}
