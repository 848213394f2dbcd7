package io.billkit.application.contract;

import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.credit.CreditConsumptionPolicy;
import io.billkit.domain.credit.CreditDebit;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditSource;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.credit.CreditTransactionType;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CreditLedgerStore} must do. Only the port API is used; every test makes its own
 * customers with unique ids, so the suite runs unchanged against a shared database.
 */
public abstract class CreditLedgerStoreContract {

    protected abstract CustomerStore customers();

    protected abstract CreditLedgerStore ledgers();

    protected abstract Transactions transactions();

    private static final Instant PERIOD_START = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private CustomerId customer(String name) {
        CustomerId id = CustomerId.of("cus_" + name + "_" + run);
        customers().save(Customer.of(id, name, name + "@example.com"));
        return id;
    }

    /** Grant ids are unique per customer; the run suffix keeps them unique in a shared database too. */
    private CreditGrantId gid(String name) {
        return CreditGrantId.of(name + "_" + run);
    }

    private CreditLedger grant(CreditGrant grant) {
        CreditLedger ledger = ledgers().load(grant.customer());
        var change = ledger.grant(grant);
        ledgers().apply(ledger.version(), change);
        return change.ledger();
    }

    @Test
    void an_unknown_customer_has_an_empty_ledger_at_version_zero() {
        CustomerId customer = customer("empty");
        CreditLedger ledger = ledgers().load(customer);
        assertThat(ledger.grants()).isEmpty();
        assertThat(ledger.version()).isZero();
        assertThat(ledgers().transactions(customer, 10)).isEmpty();
        assertThat(ledgers().transactionsByReference(customer, "anything")).isEmpty();
    }

    @Test
    void grants_round_trip_with_source_amounts_expiry_priority_and_reference() {
        CustomerId customer = customer("grants");
        CreditGrant subscription = CreditGrant.subscription(gid("sub_1:0"), customer,
                new BigDecimal("10000"), PERIOD_START, PERIOD_END, "sub_1 period 0", 50);
        CreditGrant purchased = CreditGrant.purchased(gid("order_1"), customer,
                new BigDecimal("1000.5"), NOW, "order_1");
        grant(subscription);
        CreditLedger after = grant(purchased);

        CreditLedger read = ledgers().load(customer);
        assertThat(read.version()).isEqualTo(2).isEqualTo(after.version());
        assertThat(read.grants()).hasSize(2);
        CreditGrant readSub = read.requireGrant(subscription.id());
        assertThat(readSub.source()).isEqualTo(CreditSource.SUBSCRIPTION);
        assertThat(readSub.amount()).isEqualByComparingTo("10000");
        assertThat(readSub.remaining()).isEqualByComparingTo("10000");
        assertThat(readSub.grantedAt()).isEqualTo(PERIOD_START);
        assertThat(readSub.expiresAt()).contains(PERIOD_END);
        assertThat(readSub.priority()).isEqualTo(50);
        assertThat(readSub.reference()).isEqualTo("sub_1 period 0");
        CreditGrant readPurchased = read.requireGrant(purchased.id());
        assertThat(readPurchased.source()).isEqualTo(CreditSource.PURCHASED);
        assertThat(readPurchased.amount()).isEqualByComparingTo("1000.5");
        assertThat(readPurchased.expiresAt()).isEmpty();
        assertThat(read.balance(NOW).total()).isEqualByComparingTo("11000.5");

        List<CreditTransaction> history = ledgers().transactions(customer, 10);
        assertThat(history).extracting(CreditTransaction::type)
                .containsExactly(CreditTransactionType.GRANT, CreditTransactionType.GRANT);
        assertThat(history.get(0).grantId()).contains(purchased.id());
        assertThat(history.get(0).amount()).isEqualByComparingTo("1000.5");
        assertThat(ledgers().transactions(customer, 1)).hasSize(1);
    }

    @Test
    void a_debit_persists_remaining_credits_and_its_referenced_transactions() {
        CustomerId customer = customer("debit");
        CustomerId other = customer("debit_other");
        grant(CreditGrant.subscription(gid("sub_2:0"), customer, new BigDecimal("100"),
                PERIOD_START, PERIOD_END, "sub_2"));
        grant(CreditGrant.purchased(gid("order_2"), customer, new BigDecimal("10"), PERIOD_START, "order_2"));
        grant(CreditGrant.purchased(gid("order_3"), other, new BigDecimal("10"), PERIOD_START, "order_3"));

        CreditLedger ledger = ledgers().load(customer);
        CreditDebit debit = ledger.debit(new BigDecimal("15"), NOW, CreditConsumptionPolicy.DEFAULT, "req_1");
        ledgers().apply(ledger.version(), debit);
        CreditLedger otherLedger = ledgers().load(other);
        ledgers().apply(otherLedger.version(),
                otherLedger.debit(BigDecimal.ONE, NOW, CreditConsumptionPolicy.DEFAULT, "req_1"));

        CreditLedger read = ledgers().load(customer);
        assertThat(read.version()).isEqualTo(4);
        assertThat(read.requireGrant(gid("order_2")).remaining()).isEqualByComparingTo("0");
        assertThat(read.requireGrant(gid("sub_2:0")).remaining()).isEqualByComparingTo("95");
        List<CreditTransaction> byReference = ledgers().transactionsByReference(customer, "req_1");
        assertThat(byReference).extracting(CreditTransaction::grantId)
                .containsExactly(Optional.of(gid("order_2")), Optional.of(gid("sub_2:0")));
        assertThat(byReference).extracting(t -> t.amount().stripTrailingZeros().toPlainString())
                .containsExactly("-10", "-5");
        assertThat(byReference).allSatisfy(t -> assertThat(t.at()).isEqualTo(NOW));
        assertThat(ledgers().transactions(customer, 10).get(0).type()).isEqualTo(CreditTransactionType.DEBIT);
    }

    @Test
    void applying_over_a_stale_version_is_a_conflict_and_writes_nothing() {
        CustomerId customer = customer("stale");
        grant(CreditGrant.purchased(gid("order_4"), customer, new BigDecimal("50"), PERIOD_START, "order_4"));
        CreditLedger loaded = ledgers().load(customer);
        CreditDebit first = loaded.debit(new BigDecimal("30"), NOW, CreditConsumptionPolicy.DEFAULT, "req_a");
        CreditDebit second = loaded.debit(new BigDecimal("30"), NOW, CreditConsumptionPolicy.DEFAULT, "req_b");
        ledgers().apply(loaded.version(), first);

        assertThatThrownBy(() -> ledgers().apply(loaded.version(), second))
                .isInstanceOf(BillingException.class)
                .satisfies(e -> assertThat(((BillingException) e).code()).isEqualTo(ErrorCode.CONFLICT));
        assertThat(ledgers().load(customer).balance(NOW).total()).isEqualByComparingTo("20");
        assertThat(ledgers().transactionsByReference(customer, "req_b")).isEmpty();
    }

    @Test
    void a_change_rolled_back_with_its_transaction_leaves_nothing_behind() {
        CustomerId customer = customer("rollback");
        grant(CreditGrant.purchased(gid("order_5"), customer, new BigDecimal("50"), PERIOD_START, "order_5"));
        assertThatThrownBy(() -> transactions().run(() -> {
            CreditLedger ledger = ledgers().load(customer);
            ledgers().apply(ledger.version(), ledger.debit(new BigDecimal("20"), NOW, CreditConsumptionPolicy.DEFAULT, "req_rb"));
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        CreditLedger read = ledgers().load(customer);
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.balance(NOW).total()).isEqualByComparingTo("50");
        assertThat(ledgers().transactionsByReference(customer, "req_rb")).isEmpty();
    }

    @Test
    void customers_with_expiring_grants_are_those_with_credits_left_on_a_grant_expired_by_then() {
        CustomerId expiring = customer("expiring");
        CustomerId purchasedOnly = customer("purchased_only");
        CustomerId spent = customer("spent");
        CustomerId later = customer("later");
        grant(CreditGrant.subscription(gid("g1"), expiring, new BigDecimal("10"), PERIOD_START, PERIOD_END, ""));
        grant(CreditGrant.purchased(gid("g2"), purchasedOnly, new BigDecimal("10"), PERIOD_START, ""));
        grant(CreditGrant.promotional(gid("g3"), spent, new BigDecimal("10"), PERIOD_START, PERIOD_END, ""));
        CreditLedger spentLedger = ledgers().load(spent);
        ledgers().apply(spentLedger.version(),
                spentLedger.debit(BigDecimal.TEN, NOW, CreditConsumptionPolicy.DEFAULT, "all"));
        grant(CreditGrant.subscription(gid("g4"), later, new BigDecimal("10"), PERIOD_START,
                PERIOD_END.plusSeconds(86400), ""));

        List<CustomerId> due = ledgers().customersWithGrantsExpiringBy(PERIOD_END, 100_000);
        assertThat(due).contains(expiring).doesNotContain(purchasedOnly, spent, later);
        assertThat(ledgers().customersWithGrantsExpiringBy(PERIOD_END.minusSeconds(1), 100_000)).doesNotContain(expiring);

        CreditLedger ledger = ledgers().load(expiring);
        var expiry = ledger.expire(PERIOD_END);
        ledgers().apply(ledger.version(), expiry);
        assertThat(ledgers().customersWithGrantsExpiringBy(PERIOD_END, 100_000)).doesNotContain(expiring);
        assertThat(ledgers().transactions(expiring, 1).get(0).type()).isEqualTo(CreditTransactionType.EXPIRY);
    }

    @Test
    void twenty_threads_debiting_concurrently_never_overspend() throws Exception {
        CustomerId customer = customer("concurrent");
        grant(CreditGrant.purchased(gid("order_6"), customer, new BigDecimal("100"), PERIOD_START, "order_6"));
        java.util.concurrent.atomic.AtomicInteger request = new java.util.concurrent.atomic.AtomicInteger();
        List<String> outcomes = ConcurrentRunner.runConcurrently(20, () -> {
            String reference = "req_" + request.incrementAndGet();
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    transactions().run(() -> {
                        CreditLedger ledger = ledgers().load(customer);
                        ledgers().apply(ledger.version(),
                                ledger.debit(BigDecimal.TEN, NOW, CreditConsumptionPolicy.DEFAULT, reference));
                    });
                    return "debited";
                } catch (BillingException e) {
                    if (e.code() == ErrorCode.INSUFFICIENT_CREDITS) {
                        return "refused";
                    }
                    if (e.code() != ErrorCode.CONFLICT) {
                        throw e;
                    }
                }
            }
            return "gave up";
        });
        assertThat(outcomes).filteredOn("debited"::equals).hasSize(10);
        assertThat(outcomes).filteredOn("refused"::equals).hasSize(10);
        CreditLedger read = ledgers().load(customer);
        assertThat(read.balance(NOW).total()).isEqualByComparingTo("0");
        assertThat(ledgers().transactions(customer, 100))
                .filteredOn(t -> t.type() == CreditTransactionType.DEBIT).hasSize(10);
    }
}
