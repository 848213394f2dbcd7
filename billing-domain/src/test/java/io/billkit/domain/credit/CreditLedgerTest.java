package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.billkit.domain.credit.CreditConsumptionPolicy.PRIORITY_THEN_EXPIRY;
import static io.billkit.domain.credit.CreditConsumptionPolicy.PURCHASED_FIRST;
import static io.billkit.domain.credit.CreditFixtures.ACME;
import static io.billkit.domain.credit.CreditFixtures.CATALOG;
import static io.billkit.domain.credit.CreditFixtures.MID_MARCH;
import static io.billkit.domain.credit.CreditFixtures.MONTHLY;
import static io.billkit.domain.credit.CreditFixtures.PACK;
import static io.billkit.domain.credit.CreditFixtures.PERIOD_END;
import static io.billkit.domain.credit.CreditFixtures.PERIOD_START;
import static io.billkit.domain.credit.CreditFixtures.PROMO;
import static io.billkit.domain.credit.CreditFixtures.SUB_MARCH;
import static io.billkit.domain.credit.CreditFixtures.credits;
import static io.billkit.domain.credit.CreditFixtures.ledgerWith;
import static io.billkit.domain.credit.CreditFixtures.monthlyCredits;
import static io.billkit.domain.credit.CreditFixtures.packOf1k;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditLedgerTest {

    private static final Instant PROMO_EXPIRY = Instant.parse("2026-03-20T00:00:00Z");

    private static CreditGrant promo500() {
        return CreditGrant.promotional(PROMO, ACME, credits("500"), PERIOD_START, PROMO_EXPIRY, "spring campaign");
    }

    /** Monthly plan credits (10,000) plus a pack_1k (1,000). */
    private static CreditLedger monthlyPlusPack() {
        return ledgerWith(monthlyCredits(), packOf1k());
    }

    @Nested
    class Granting {

        @Test
        void an_empty_ledger_has_a_zero_balance_and_no_history() {
            CreditLedger ledger = CreditLedger.empty(ACME);
            assertThat(ledger.balance(MID_MARCH).isEmpty()).isTrue();
            assertThat(ledger.version()).isZero();
            assertThat(ledger.grants()).isEmpty();
        }

        @Test
        void a_grant_adds_its_credits_and_records_a_positive_grant_transaction() {
            CreditGranted granted = CreditLedger.empty(ACME).grant(monthlyCredits());
            assertThat(granted.ledger().balance(MID_MARCH).total()).isEqualByComparingTo("10000");
            assertThat(granted.grant().id()).isEqualTo(SUB_MARCH);
            CreditTransaction tx = granted.transaction();
            assertThat(granted.transactions()).containsExactly(tx);
            assertThat(tx.id()).isEqualTo(CreditTransactionId.of("acme:1"));
            assertThat(tx.type()).isEqualTo(CreditTransactionType.GRANT);
            assertThat(tx.amount()).isEqualByComparingTo("10000");
            assertThat(tx.grantId()).contains(SUB_MARCH);
            assertThat(tx.reference()).isEqualTo("sub_1 2026-03");
            assertThat(tx.at()).isEqualTo(PERIOD_START);
            assertThat(granted.ledger().version()).isEqualTo(1);
        }

        @Test
        void granting_leaves_the_original_ledger_untouched() {
            CreditLedger before = ledgerWith(monthlyCredits());
            before.grant(packOf1k());
            assertThat(before.balance(MID_MARCH).total()).isEqualByComparingTo("10000");
            assertThat(before.grants()).hasSize(1);
        }

        @Test
        void the_same_grant_id_twice_is_a_conflict() {
            CreditLedger ledger = ledgerWith(packOf1k());
            assertThatThrownBy(() -> ledger.grant(packOf1k()))
                    .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                    .hasMessageContaining("order_77");
        }

        @Test
        void a_grant_for_another_customer_is_refused() {
            CreditGrant foreign = CreditGrant.purchased(PACK, CustomerId.of("globex"), credits("1000"), PERIOD_START, "");
            assertThatThrownBy(() -> CreditLedger.empty(ACME).grant(foreign))
                    .isInstanceOf(BillingException.class).hasMessageContaining("globex");
        }

        @Test
        void a_grant_already_partly_used_cannot_be_added_as_new() {
            CreditGrant used = new CreditGrant(PACK, ACME, CreditSource.PURCHASED, credits("1000"), credits("400"),
                    PERIOD_START, Optional.empty(), 0, "");
            assertThatThrownBy(() -> CreditLedger.empty(ACME).grant(used))
                    .isInstanceOf(BillingException.class).hasMessageContaining("must be fresh");
        }

        @Test
        void a_ledger_can_be_rebuilt_from_stored_grants_and_continues_the_sequence() {
            CreditGrant used = new CreditGrant(PACK, ACME, CreditSource.PURCHASED, credits("1000"), credits("400"),
                    PERIOD_START, Optional.empty(), 0, "");
            CreditLedger ledger = new CreditLedger(ACME, List.of(used), 7);
            assertThat(ledger.balance(MID_MARCH).total()).isEqualByComparingTo("400");
            CreditDebit debit = ledger.debit(credits("100"), MID_MARCH, PURCHASED_FIRST);
            assertThat(debit.transactions()).extracting(t -> t.id().value()).containsExactly("acme:8");
            assertThat(debit.ledger().version()).isEqualTo(8);
        }

        @Test
        void a_ledger_refuses_duplicate_or_foreign_grants_on_construction() {
            assertThatThrownBy(() -> new CreditLedger(ACME, List.of(packOf1k(), packOf1k()), 2))
                    .isInstanceOf(BillingException.class).hasMessageContaining("appears twice");
            CreditGrant foreign = CreditGrant.purchased(PACK, CustomerId.of("globex"), credits("1"), PERIOD_START, "");
            assertThatThrownBy(() -> new CreditLedger(ACME, List.of(foreign), 1))
                    .isInstanceOf(BillingException.class).hasMessageContaining("globex");
            assertThatThrownBy(() -> new CreditLedger(ACME, List.of(), -1)).isInstanceOf(BillingException.class);
        }
    }

    @Nested
    class Balance {

        @Test
        void balance_is_split_by_source_bucket() {
            CreditBalance balance = ledgerWith(monthlyCredits(), packOf1k(), promo500()).balance(MID_MARCH);
            assertThat(balance.at()).isEqualTo(MID_MARCH);
            assertThat(balance.total()).isEqualByComparingTo("11500");
            assertThat(balance.purchased()).isEqualByComparingTo("1000");
            assertThat(balance.subscription()).isEqualByComparingTo("10000");
            assertThat(balance.promotional()).isEqualByComparingTo("500");
            assertThat(balance.of(CreditSource.PURCHASED)).isEqualByComparingTo("1000");
            assertThat(balance.of(CreditSource.SUBSCRIPTION)).isEqualByComparingTo("10000");
            assertThat(balance.of(CreditSource.PROMOTIONAL)).isEqualByComparingTo("500");
            assertThat(balance.covers(credits("11500"))).isTrue();
            assertThat(balance.covers(credits("11500.000001"))).isFalse();
        }

        @Test
        void expired_grants_are_excluded_even_before_their_expiry_is_recorded() {
            CreditLedger ledger = ledgerWith(monthlyCredits(), packOf1k(), promo500());
            CreditBalance afterPromo = ledger.balance(PROMO_EXPIRY);
            assertThat(afterPromo.total()).isEqualByComparingTo("11000");
            assertThat(afterPromo.promotional()).isEqualByComparingTo("0");
            CreditBalance afterPeriod = ledger.balance(PERIOD_END);
            assertThat(afterPeriod.total()).isEqualByComparingTo("1000");
            assertThat(afterPeriod.subscription()).isEqualByComparingTo("0");
        }

        @Test
        void grants_that_have_not_started_yet_do_not_count() {
            CreditLedger ledger = ledgerWith(monthlyCredits(), packOf1k());
            CreditBalance march2 = ledger.balance(Instant.parse("2026-03-02T00:00:00Z"));
            assertThat(march2.total()).isEqualByComparingTo("10000");
            assertThat(march2.purchased()).isEqualByComparingTo("0");
            assertThat(ledger.balance(PERIOD_START.minusSeconds(1)).isEmpty()).isTrue();
        }

        @Test
        void a_balance_whose_total_is_not_the_sum_of_its_buckets_is_refused() {
            assertThatThrownBy(() -> new CreditBalance(MID_MARCH, credits("3"), credits("1"), credits("1"), credits("0")))
                    .isInstanceOf(BillingException.class).hasMessageContaining("sum of its buckets");
        }
    }

    @Nested
    class Debiting {

        @Test
        void purchased_first_takes_the_1000_purchased_credits_then_500_subscription_credits() {
            CreditDebit debit = monthlyPlusPack().debit(credits("1500"), MID_MARCH, PURCHASED_FIRST, "usage 2026-03-15");
            assertThat(debit.amount()).isEqualByComparingTo("1500");
            assertThat(debit.allocations()).extracting(CreditAllocation::grantId).containsExactly(PACK, SUB_MARCH);
            assertThat(debit.allocations().get(0).amount()).isEqualByComparingTo("1000");
            assertThat(debit.allocations().get(1).amount()).isEqualByComparingTo("500");

            CreditBalance after = debit.ledger().balance(MID_MARCH);
            assertThat(after.total()).isEqualByComparingTo("9500");
            assertThat(after.purchased()).isEqualByComparingTo("0");
            assertThat(after.subscription()).isEqualByComparingTo("9500");
            assertThat(debit.ledger().requireGrant(PACK).isExhausted()).isTrue();
        }

        @Test
        void priority_then_expiry_takes_the_subscription_credits_first_when_they_have_the_lower_priority() {
            CreditLedger ledger = ledgerWith(
                    CreditGrant.subscription(SUB_MARCH, ACME, MONTHLY.includedCredits(), PERIOD_START, PERIOD_END, "", 1),
                    CreditGrant.purchased(PACK, ACME, CATALOG.requireCreditProduct("pack_1k").credits(),
                            Instant.parse("2026-03-03T09:00:00Z"), "order_77", 2));
            CreditDebit debit = ledger.debit(credits("1500"), MID_MARCH, PRIORITY_THEN_EXPIRY);
            assertThat(debit.allocations()).extracting(CreditAllocation::grantId).containsExactly(SUB_MARCH);
            assertThat(debit.allocations().get(0).amount()).isEqualByComparingTo("1500");
            CreditBalance after = debit.ledger().balance(MID_MARCH);
            assertThat(after.subscription()).isEqualByComparingTo("8500");
            assertThat(after.purchased()).isEqualByComparingTo("1000");
        }

        @Test
        void priority_then_expiry_spends_expiring_credits_before_purchased_ones_at_equal_priority() {
            CreditDebit debit = monthlyPlusPack().debit(credits("1500"), MID_MARCH, PRIORITY_THEN_EXPIRY);
            assertThat(debit.allocations()).extracting(CreditAllocation::grantId).containsExactly(SUB_MARCH);
            assertThat(debit.ledger().balance(MID_MARCH).purchased()).isEqualByComparingTo("1000");
        }

        @Test
        void a_debit_spanning_grants_under_priority_takes_the_rest_from_the_next_grant() {
            CreditLedger ledger = ledgerWith(
                    CreditGrant.subscription(SUB_MARCH, ACME, MONTHLY.includedCredits(), PERIOD_START, PERIOD_END, "", 2),
                    CreditGrant.purchased(PACK, ACME, credits("1000"), PERIOD_START, "", 1));
            CreditDebit debit = ledger.debit(credits("1500"), MID_MARCH, PRIORITY_THEN_EXPIRY);
            assertThat(debit.allocations()).containsExactly(
                    new CreditAllocation(PACK, credits("1000")), new CreditAllocation(SUB_MARCH, credits("500")));
        }

        @Test
        void each_allocation_is_recorded_as_a_negative_debit_transaction() {
            CreditLedger ledger = monthlyPlusPack();
            CreditDebit debit = ledger.debit(credits("1500"), MID_MARCH, PURCHASED_FIRST, "req_9");
            assertThat(debit.transactions()).hasSize(2);
            CreditTransaction first = debit.transactions().get(0);
            CreditTransaction second = debit.transactions().get(1);
            assertThat(first.id().value()).isEqualTo("acme:3");
            assertThat(second.id().value()).isEqualTo("acme:4");
            assertThat(first.type()).isEqualTo(CreditTransactionType.DEBIT);
            assertThat(first.amount()).isEqualByComparingTo("-1000");
            assertThat(first.grantId()).contains(PACK);
            assertThat(second.amount()).isEqualByComparingTo("-500");
            assertThat(second.grantId()).contains(SUB_MARCH);
            assertThat(debit.transactions()).allSatisfy(t -> {
                assertThat(t.reference()).isEqualTo("req_9");
                assertThat(t.at()).isEqualTo(MID_MARCH);
                assertThat(t.customer()).isEqualTo(ACME);
            });
            assertThat(debit.ledger().version()).isEqualTo(4);
        }

        @Test
        void a_debit_above_the_balance_is_refused_whole_and_changes_nothing() {
            CreditLedger ledger = monthlyPlusPack();
            assertThatThrownBy(() -> ledger.debit(credits("11000.5"), MID_MARCH, PURCHASED_FIRST))
                    .isInstanceOfSatisfying(BillingException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS))
                    .hasMessageContaining("requested 11000.5")
                    .hasMessageContaining("only 11000 are available");
            assertThat(ledger.balance(MID_MARCH).total()).isEqualByComparingTo("11000");
            assertThat(ledger.requireGrant(PACK).remaining()).isEqualByComparingTo("1000");
            assertThat(ledger.requireGrant(SUB_MARCH).remaining()).isEqualByComparingTo("10000");
            assertThat(ledger.version()).isEqualTo(2);
            assertThat(ledger).isEqualTo(monthlyPlusPack());
        }

        @Test
        void a_debit_of_exactly_the_balance_leaves_zero() {
            CreditDebit debit = monthlyPlusPack().debit(credits("11000"), MID_MARCH, PURCHASED_FIRST);
            CreditBalance after = debit.ledger().balance(MID_MARCH);
            assertThat(after.isEmpty()).isTrue();
            assertThat(after.total()).isEqualByComparingTo("0");
            assertThat(debit.ledger().grants()).allSatisfy(g -> assertThat(g.isExhausted()).isTrue());
            assertThatThrownBy(() -> debit.ledger().debit(credits("0.000001"), MID_MARCH, PURCHASED_FIRST))
                    .isInstanceOfSatisfying(BillingException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "0.000000", "-1", "-1500"})
        void zero_and_negative_debits_are_refused(String amount) {
            CreditLedger ledger = monthlyPlusPack();
            assertThatThrownBy(() -> ledger.debit(credits(amount), MID_MARCH, PURCHASED_FIRST))
                    .isInstanceOfSatisfying(BillingException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                    .hasMessageContaining("debit amount must be greater than 0");
        }

        @Test
        void a_debit_with_more_than_six_decimals_is_refused() {
            assertThatThrownBy(() -> monthlyPlusPack().debit(credits("1.0000001"), MID_MARCH, PURCHASED_FIRST))
                    .isInstanceOf(BillingException.class).hasMessageContaining("at most 6 decimals");
        }

        @Test
        void fractional_debits_are_exact() {
            CreditDebit debit = monthlyPlusPack().debit(credits("999.999999"), MID_MARCH, PURCHASED_FIRST);
            assertThat(debit.ledger().requireGrant(PACK).remaining()).isEqualByComparingTo("0.000001");
            CreditDebit next = debit.ledger().debit(credits("0.5"), MID_MARCH, PURCHASED_FIRST);
            assertThat(next.allocations()).containsExactly(
                    new CreditAllocation(PACK, credits("0.000001")), new CreditAllocation(SUB_MARCH, credits("0.499999")));
        }

        @Test
        void expired_subscription_credits_cannot_be_spent_at_period_end() {
            CreditLedger ledger = monthlyPlusPack();
            assertThatThrownBy(() -> ledger.debit(credits("1001"), PERIOD_END, PURCHASED_FIRST))
                    .isInstanceOfSatisfying(BillingException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CREDITS))
                    .hasMessageContaining("only 1000 are available");
            CreditDebit lastMoment = ledger.debit(credits("10500"), PERIOD_END.minusNanos(1), PURCHASED_FIRST);
            assertThat(lastMoment.ledger().balance(PERIOD_END.minusNanos(1)).total()).isEqualByComparingTo("500");
        }

        @Test
        void promotional_credits_are_spent_last_under_purchased_first() {
            CreditLedger ledger = ledgerWith(monthlyCredits(), packOf1k(), promo500());
            CreditDebit debit = ledger.debit(credits("11200"), MID_MARCH, PURCHASED_FIRST);
            assertThat(debit.allocations()).containsExactly(
                    new CreditAllocation(PACK, credits("1000")),
                    new CreditAllocation(SUB_MARCH, credits("10000")),
                    new CreditAllocation(PROMO, credits("200")));
            assertThat(debit.ledger().balance(MID_MARCH).promotional()).isEqualByComparingTo("300");
        }

        @Test
        void a_successful_debit_leaves_the_original_ledger_untouched() {
            CreditLedger ledger = monthlyPlusPack();
            ledger.debit(credits("1500"), MID_MARCH, PURCHASED_FIRST);
            assertThat(ledger.balance(MID_MARCH).total()).isEqualByComparingTo("11000");
        }
    }

    @Nested
    class Expiring {

        @Test
        void expiry_at_period_end_removes_only_the_subscription_remainder() {
            CreditLedger ledger = monthlyPlusPack().debit(credits("1500"), MID_MARCH, PURCHASED_FIRST).ledger();
            CreditExpiry expiry = ledger.expire(PERIOD_END);
            assertThat(expiry.expired()).containsExactly(new CreditAllocation(SUB_MARCH, credits("9500")));
            assertThat(expiry.total()).isEqualByComparingTo("9500");
            CreditTransaction tx = expiry.transactions().get(0);
            assertThat(tx.type()).isEqualTo(CreditTransactionType.EXPIRY);
            assertThat(tx.amount()).isEqualByComparingTo("-9500");
            assertThat(tx.grantId()).contains(SUB_MARCH);
            assertThat(tx.at()).isEqualTo(PERIOD_END);
            assertThat(tx.id().value()).isEqualTo("acme:5");
            assertThat(expiry.ledger().requireGrant(SUB_MARCH).remaining()).isEqualByComparingTo("0");
            assertThat(expiry.ledger().balance(PERIOD_END).total()).isEqualByComparingTo("0");
        }

        @Test
        void purchased_credits_never_expire() {
            CreditLedger ledger = monthlyPlusPack();
            CreditExpiry expiry = ledger.expire(Instant.parse("2099-12-31T23:59:59Z"));
            assertThat(expiry.expired()).extracting(CreditAllocation::grantId).containsExactly(SUB_MARCH);
            CreditLedger after = expiry.ledger();
            assertThat(after.requireGrant(PACK).remaining()).isEqualByComparingTo("1000");
            assertThat(after.balance(Instant.parse("2099-12-31T23:59:59Z")).purchased()).isEqualByComparingTo("1000");
        }

        @Test
        void nothing_expires_one_instant_before_period_end() {
            CreditExpiry expiry = monthlyPlusPack().expire(PERIOD_END.minusNanos(1));
            assertThat(expiry.isEmpty()).isTrue();
            assertThat(expiry.transactions()).isEmpty();
            assertThat(expiry.ledger().version()).isEqualTo(2);
        }

        @Test
        void a_promotional_grant_expiring_mid_period_expires_alone_and_the_subscription_later() {
            CreditLedger ledger = ledgerWith(monthlyCredits(), packOf1k(), promo500())
                    .debit(credits("1200"), MID_MARCH, PURCHASED_FIRST).ledger();
            CreditExpiry promoExpiry = ledger.expire(PROMO_EXPIRY);
            assertThat(promoExpiry.expired()).containsExactly(new CreditAllocation(PROMO, credits("500")));
            assertThat(promoExpiry.transactions().get(0).at()).isEqualTo(PROMO_EXPIRY);
            CreditBalance mid = promoExpiry.ledger().balance(PROMO_EXPIRY);
            assertThat(mid.total()).isEqualByComparingTo("9800");
            assertThat(mid.subscription()).isEqualByComparingTo("9800");
            assertThat(mid.promotional()).isEqualByComparingTo("0");

            CreditExpiry periodExpiry = promoExpiry.ledger().expire(PERIOD_END);
            assertThat(periodExpiry.expired()).containsExactly(new CreditAllocation(SUB_MARCH, credits("9800")));
        }

        @Test
        void a_late_expiry_run_expires_every_due_grant_at_its_own_instant() {
            CreditExpiry expiry = ledgerWith(monthlyCredits(), packOf1k(), promo500())
                    .expire(Instant.parse("2026-04-02T03:00:00Z"));
            assertThat(expiry.expired()).extracting(CreditAllocation::grantId).containsExactly(SUB_MARCH, PROMO);
            assertThat(expiry.transactions()).extracting(CreditTransaction::at).containsExactly(PERIOD_END, PROMO_EXPIRY);
            assertThat(expiry.total()).isEqualByComparingTo("10500");
        }

        @Test
        void running_an_expiry_twice_expires_nothing_the_second_time() {
            CreditExpiry first = monthlyPlusPack().expire(PERIOD_END);
            CreditExpiry second = first.ledger().expire(PERIOD_END.plusSeconds(3600));
            assertThat(second.isEmpty()).isTrue();
            assertThat(second.total()).isEqualByComparingTo("0");
            assertThat(second.ledger()).isSameAs(first.ledger());
        }

        @Test
        void a_fully_spent_subscription_grant_has_nothing_to_expire() {
            CreditLedger spent = ledgerWith(monthlyCredits()).debit(credits("10000"), MID_MARCH, PURCHASED_FIRST).ledger();
            assertThat(spent.expire(PERIOD_END).isEmpty()).isTrue();
        }
    }

    @Nested
    class Reversing {

        @Test
        void a_reversal_gives_debited_credits_back_to_their_grants() {
            CreditDebit debit = monthlyPlusPack().debit(credits("1500"), MID_MARCH, PURCHASED_FIRST, "req_9");
            Instant later = MID_MARCH.plusSeconds(60);
            CreditReversal reversal = debit.ledger().reverse(debit.allocations(), later, "refund req_9");
            assertThat(reversal.total()).isEqualByComparingTo("1500");
            CreditBalance after = reversal.ledger().balance(later);
            assertThat(after.purchased()).isEqualByComparingTo("1000");
            assertThat(after.subscription()).isEqualByComparingTo("10000");
            assertThat(reversal.transactions()).extracting(CreditTransaction::type)
                    .containsOnly(CreditTransactionType.REVERSAL);
            assertThat(reversal.transactions()).extracting(CreditTransaction::amount)
                    .usingElementComparator(BigDecimal::compareTo)
                    .containsExactly(credits("1000"), credits("500"));
            assertThat(reversal.transactions()).extracting(t -> t.id().value()).containsExactly("acme:5", "acme:6");
            assertThat(reversal.transactions().get(0).reference()).isEqualTo("refund req_9");
        }

        @Test
        void a_grant_cannot_get_back_more_than_it_used_and_nothing_is_half_applied() {
            CreditLedger ledger = monthlyPlusPack().debit(credits("1500"), MID_MARCH, PURCHASED_FIRST).ledger();
            List<CreditAllocation> tooMuch = List.of(
                    new CreditAllocation(PACK, credits("1000")), new CreditAllocation(SUB_MARCH, credits("501")));
            assertThatThrownBy(() -> ledger.reverse(tooMuch, MID_MARCH, "refund"))
                    .isInstanceOf(BillingException.class).hasMessageContaining("used only 500");
            assertThat(ledger.requireGrant(PACK).remaining()).isEqualByComparingTo("0");
            List<CreditAllocation> twice = List.of(
                    new CreditAllocation(PACK, credits("600")), new CreditAllocation(PACK, credits("600")));
            assertThatThrownBy(() -> ledger.reverse(twice, MID_MARCH, "refund"))
                    .isInstanceOf(BillingException.class).hasMessageContaining("used only 400");
        }

        @Test
        void reversing_to_an_unknown_grant_is_not_found() {
            assertThatThrownBy(() -> monthlyPlusPack().reverse(
                    List.of(new CreditAllocation(PROMO, credits("1"))), MID_MARCH, "refund"))
                    .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }

        @Test
        void an_empty_reversal_is_refused() {
            assertThatThrownBy(() -> monthlyPlusPack().reverse(List.of(), MID_MARCH, "refund"))
                    .isInstanceOf(BillingException.class).hasMessageContaining("at least one allocation");
        }
    }

    @Test
    void every_change_exposes_its_ledger_and_transactions_for_a_store() {
        CreditLedger ledger = CreditLedger.empty(ACME);
        List<CreditLedgerChange> changes = new java.util.ArrayList<>();
        CreditLedgerChange change = ledger.grant(monthlyCredits());
        changes.add(change);
        change = change.ledger().grant(packOf1k());
        changes.add(change);
        change = change.ledger().debit(credits("500"), MID_MARCH, PURCHASED_FIRST);
        changes.add(change);
        change = change.ledger().expire(PERIOD_END);
        changes.add(change);
        List<CreditTransaction> history = changes.stream().flatMap(c -> c.transactions().stream()).toList();
        assertThat(history).extracting(t -> t.id().value()).containsExactly("acme:1", "acme:2", "acme:3", "acme:4");
        BigDecimal sum = history.stream().map(CreditTransaction::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(sum).isEqualByComparingTo(change.ledger().balance(PERIOD_END).total()).isEqualByComparingTo("500");
    }
}
