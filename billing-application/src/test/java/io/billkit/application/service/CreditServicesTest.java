package io.billkit.application.service;

import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.CreditConsumptionView;
import io.billkit.application.port.in.credit.CreditGrantView;
import io.billkit.application.port.in.credit.GrantCreditsCommand;
import io.billkit.application.port.in.credit.PurchaseCreditsCommand;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.credit.CreditTransactionType;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CreditServicesTest {

    private final SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.credits());

    private static void assertCode(Throwable e, ErrorCode code) {
        assertThat(e).isInstanceOf(BillingException.class);
        assertThat(((BillingException) e).code()).isEqualTo(code);
    }

    private CreditBalanceView purchase(CustomerId customer, String pack, String key) {
        return f.purchaseCredits.purchase(new PurchaseCreditsCommand(customer, pack, key, SubscriptionFixture.ADMIN));
    }

    private CreditConsumptionView consume(CustomerId customer, String event, String quantity, String requestId) {
        return f.consumeCredits.consume(new ConsumeCreditsCommand(customer, event, new BigDecimal(quantity), requestId,
                SubscriptionFixture.ADMIN));
    }

    @Test
    void purchasing_a_pack_twice_with_the_same_key_grants_once_and_invoices_once() {
        CustomerId customer = f.customer("cus_buyer");

        CreditBalanceView first = purchase(customer, "pack_1k", "order-2026-0001");
        CreditBalanceView second = purchase(customer, "pack_1k", "order-2026-0001");

        assertThat(first.purchased()).isEqualByComparingTo("1000");
        assertThat(second.purchased()).isEqualByComparingTo("1000");
        assertThat(first.nextExpiry()).isEmpty();
        assertThat(f.providerCalls("createInvoice")).isEqualTo(1);
        assertThat(f.providerCalls("payInvoice")).isEqualTo(1);
        assertThat(f.provider.invoices()).singleElement().satisfies(invoice -> {
            assertThat(invoice.status()).isEqualTo(ProviderInvoiceStatus.PAID);
            assertThat(invoice.total().toString()).contains("10.00");
        });
        assertThat(f.outboxOfType("credits.purchased")).hasSize(1);

        CreditBalanceView other = purchase(customer, "pack_1k", "order-2026-0002");
        assertThat(other.purchased()).isEqualByComparingTo("2000");
        assertThat(f.providerCalls("createInvoice")).isEqualTo(2);
    }

    @Test
    void a_declined_card_grants_nothing_and_a_retry_with_the_same_key_buys_once() {
        CustomerId customer = f.customer("cus_declined");
        f.provider.failNextCall(MockPaymentProvider.Failure.CARD_DECLINED);

        assertThatThrownBy(() -> purchase(customer, "pack_10k", "order-x"))
                .satisfies(e -> assertCode(e, ErrorCode.PAYMENT_FAILED));
        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("0");
        assertThat(f.ledgers.load(customer).grants()).isEmpty();
        assertThat(f.auditOf(customer, "credits.purchase_failed")).hasSize(1);
        assertThat(f.auditOf(customer, "credits.purchased")).isEmpty();

        assertThat(purchase(customer, "pack_10k", "order-x").purchased()).isEqualByComparingTo("10000");
        assertThat(purchase(customer, "pack_10k", "order-x").purchased()).isEqualByComparingTo("10000");
    }

    @Test
    void an_unknown_pack_or_customer_is_refused_without_charging() {
        CustomerId customer = f.customer("cus_unknown_pack");
        assertThatThrownBy(() -> purchase(customer, "pack_7", "k1"))
                .satisfies(e -> assertCode(e, ErrorCode.UNKNOWN_CREDIT_PRODUCT));
        assertThatThrownBy(() -> purchase(CustomerId.of("cus_ghost"), "pack_1k", "k1"))
                .satisfies(e -> assertCode(e, ErrorCode.NOT_FOUND));
        assertThat(f.providerCalls("createInvoice")).isZero();
    }

    @Test
    void three_premium_calls_cost_15_credits_taken_from_purchased_credits_first() {
        CustomerId customer = f.customer("cus_consumer");
        f.subscribe(customer, "monthly");
        purchase(customer, "pack_1k", "order-1");

        CreditConsumptionView consumed = consume(customer, "api_call_premium", "3", "req-1");

        assertThat(consumed.creditsDebited()).isEqualByComparingTo("15");
        assertThat(consumed.replayed()).isFalse();
        assertThat(consumed.balance().purchased()).isEqualByComparingTo("985");
        assertThat(consumed.balance().subscription()).isEqualByComparingTo("10000");
        assertThat(consumed.balance().total()).isEqualByComparingTo("10985");
        assertThat(f.auditOf(customer, "credits.consumed")).hasSize(1);
    }

    @Test
    void a_debit_larger_than_the_balance_is_refused_whole() {
        CustomerId customer = f.customer("cus_short");
        f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-key-1", CreditSource.PROMOTIONAL, BigDecimal.TEN,
                Optional.of(Instant.parse("2026-06-01T00:00:00Z")), "welcome", SubscriptionFixture.ADMIN));

        assertThatThrownBy(() -> consume(customer, "api_call_premium", "3", "req-short"))
                .satisfies(e -> assertCode(e, ErrorCode.INSUFFICIENT_CREDITS));

        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("10");
        assertThat(f.ledgers.transactions(customer, 10)).extracting(t -> t.type())
                .containsExactly(CreditTransactionType.GRANT);
        assertThat(f.auditOf(customer, "credits.consumed")).isEmpty();
    }

    @Test
    void the_same_request_id_debits_once_and_the_repeat_is_replayed() {
        CustomerId customer = f.customer("cus_replay");
        purchase(customer, "pack_1k", "order-r");

        consume(customer, "api_call_premium", "3", "req-same");
        CreditConsumptionView again = consume(customer, "api_call_premium", "3", "req-same");

        assertThat(again.replayed()).isTrue();
        assertThat(again.creditsDebited()).isEqualByComparingTo("15");
        assertThat(again.balance().total()).isEqualByComparingTo("985");
        assertThat(f.ledgers.transactionsByReference(customer, "consume:req-same")).hasSize(1);
    }

    @Test
    void a_request_id_reused_for_a_different_amount_is_refused_instead_of_replaying_the_first_debit() {
        CustomerId customer = f.customer("cus_reused");
        purchase(customer, "pack_1k", "order-reused");
        consume(customer, "api_call_premium", "3", "req-reused");

        assertThatThrownBy(() -> consume(customer, "api_call_premium", "30", "req-reused"))
                .satisfies(e -> assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REUSED));
        assertThat(f.ledgers.transactionsByReference(customer, "consume:req-reused")).hasSize(1);
        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("985");
    }

    @Test
    void twenty_threads_with_the_same_request_id_debit_once() throws Exception {
        CustomerId customer = f.customer("cus_concurrent");
        purchase(customer, "pack_1k", "order-c");

        List<Boolean> replayed = ConcurrentRunner.runConcurrently(20,
                () -> consume(customer, "ai_inference", "2", "req-burst").replayed());

        assertThat(replayed).filteredOn(r -> !r).hasSize(1);
        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("950");
    }

    @Test
    void unknown_events_and_non_positive_quantities_are_refused() {
        CustomerId customer = f.customer("cus_bad_input");
        assertThatThrownBy(() -> consume(customer, "api_call_gold", "1", "r1"))
                .satisfies(e -> assertCode(e, ErrorCode.UNKNOWN_CREDIT_EVENT));
        assertThatThrownBy(() -> consume(customer, "api_call_basic", "0", "r2"))
                .satisfies(e -> assertCode(e, ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> consume(CustomerId.of("cus_ghost"), "api_call_basic", "1", "r3"))
                .satisfies(e -> assertCode(e, ErrorCode.NOT_FOUND));
    }

    @Test
    void granted_credits_follow_their_source_rules_and_show_the_next_expiry() {
        CustomerId customer = f.customer("cus_granted");
        Instant june = Instant.parse("2026-06-01T00:00:00Z");
        Instant may = Instant.parse("2026-05-01T00:00:00Z");

        f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-key-2", CreditSource.PROMOTIONAL, new BigDecimal("50"),
                Optional.of(june), "campaign", SubscriptionFixture.ADMIN));
        f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-key-3", CreditSource.PROMOTIONAL, new BigDecimal("20"),
                Optional.of(may), "goodwill", SubscriptionFixture.ADMIN));
        CreditBalanceView balance = f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-key-4", CreditSource.PURCHASED,
                new BigDecimal("5"), Optional.empty(), "manual order", SubscriptionFixture.ADMIN)).balance();

        assertThat(balance.total()).isEqualByComparingTo("75");
        assertThat(balance.promotional()).isEqualByComparingTo("70");
        assertThat(balance.nextExpiry()).contains(may);
        assertThat(balance.expiringNext()).isEqualByComparingTo("20");
        assertThatThrownBy(() -> f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-key-5", CreditSource.PROMOTIONAL,
                BigDecimal.ONE, Optional.empty(), "no expiry", SubscriptionFixture.ADMIN)))
                .satisfies(e -> assertCode(e, ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-key-6", CreditSource.PURCHASED,
                BigDecimal.ONE, Optional.of(june), "expiring purchase", SubscriptionFixture.ADMIN)))
                .satisfies(e -> assertCode(e, ErrorCode.INVALID_ARGUMENT));
        assertThat(f.auditOf(customer, "credits.granted")).hasSize(3)
                .allSatisfy(e -> assertThat(e.ip()).isEqualTo("10.0.0.7"));
    }

    @Test
    void a_retried_grant_with_the_same_key_grants_once_and_is_replayed() throws Exception {
        CustomerId customer = f.customer("cus_grant_retry");
        GrantCreditsCommand grant = new GrantCreditsCommand(customer, "grant-order-17", CreditSource.PURCHASED,
                new BigDecimal("100"), Optional.empty(), "manual order 17", SubscriptionFixture.ADMIN);

        CreditGrantView first = f.grantCredits.grant(grant);
        CreditGrantView again = f.grantCredits.grant(grant);
        List<Boolean> concurrent = ConcurrentRunner.runConcurrently(10, () -> f.grantCredits.grant(grant).replayed());

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.grantId()).isEqualTo(first.grantId());
        assertThat(concurrent).containsOnly(true);
        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("100");
        assertThat(f.ledgers.transactions(customer, 100)).hasSize(1);
        assertThat(f.auditOf(customer, "credits.granted")).hasSize(1);
        // the key is per customer: another customer's grant with the same key is its own
        CustomerId other = f.customer("cus_grant_other");
        assertThat(f.grantCredits.grant(new GrantCreditsCommand(other, "grant-order-17", CreditSource.PURCHASED,
                new BigDecimal("100"), Optional.empty(), "manual order 17", SubscriptionFixture.ADMIN)).replayed()).isFalse();
    }

    @Test
    void a_key_reused_for_another_grant_is_refused_and_writes_nothing() {
        CustomerId customer = f.customer("cus_grant_reused");
        Instant june = Instant.parse("2026-06-01T00:00:00Z");
        f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-k", CreditSource.PROMOTIONAL, BigDecimal.TEN,
                Optional.of(june), "welcome", SubscriptionFixture.ADMIN));

        for (GrantCreditsCommand other : List.of(
                new GrantCreditsCommand(customer, "grant-k", CreditSource.PROMOTIONAL, new BigDecimal("11"),
                        Optional.of(june), "welcome", SubscriptionFixture.ADMIN),
                new GrantCreditsCommand(customer, "grant-k", CreditSource.PROMOTIONAL, BigDecimal.TEN,
                        Optional.of(june.plusSeconds(1)), "welcome", SubscriptionFixture.ADMIN),
                new GrantCreditsCommand(customer, "grant-k", CreditSource.PROMOTIONAL, BigDecimal.TEN,
                        Optional.of(june), "welcome again", SubscriptionFixture.ADMIN),
                new GrantCreditsCommand(customer, "grant-k", CreditSource.PURCHASED, BigDecimal.TEN,
                        Optional.empty(), "welcome", SubscriptionFixture.ADMIN))) {
            assertThatThrownBy(() -> f.grantCredits.grant(other)).satisfies(e -> assertCode(e, ErrorCode.IDEMPOTENCY_KEY_REUSED));
        }
        assertThat(f.creditBalance.balance(customer).total()).isEqualByComparingTo("10");
        assertThat(f.ledgers.transactions(customer, 100)).hasSize(1);
        assertThat(f.auditOf(customer, "credits.granted")).hasSize(1);
        assertThat(f.grantCredits.grant(new GrantCreditsCommand(customer, "grant-k", CreditSource.PROMOTIONAL,
                new BigDecimal("10.000"), Optional.of(june), "welcome", SubscriptionFixture.ADMIN)).replayed()).isTrue();
    }
}
