package io.billkit.application.contract;

import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponDuration;
import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.coupon.Discount;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link CouponStore} and {@link CouponRedemptionStore} must do. Codes and ids are unique per run. */
public abstract class CouponStoresContract {

    protected abstract CouponStore coupons();

    protected abstract CouponRedemptionStore redemptions();

    protected abstract Transactions transactions();

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
    private final CustomerId acme = CustomerId.of("acme-" + run.toLowerCase(Locale.ROOT));
    private final CustomerId globex = CustomerId.of("globex-" + run.toLowerCase(Locale.ROOT));

    private CouponCode code(String name) {
        return CouponCode.of(name + "-" + run);
    }

    private Coupon percent(String name, Optional<Integer> max, int second) {
        return new Coupon(code(name), "Launch " + name, new Discount.PercentOff(new BigDecimal("12.5")),
                CouponDuration.repeating(3), Set.of(PlanCode.of("growth"), PlanCode.of("scale")),
                Set.of(MeterKey.of("api_calls")), max, Optional.of(T.plusSeconds(86_400)), T.plusSeconds(second));
    }

    @Test
    void a_coupon_is_found_as_inserted_and_its_code_is_taken_once() {
        Coupon p = percent("P", Optional.of(10), 0);
        Coupon amount = new Coupon(code("A"), "Fifty off", new Discount.AmountOff(Money.of("50.00", "USD")),
                CouponDuration.forever(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), T.plusSeconds(1));
        Coupon once = new Coupon(code("O"), "Once", new Discount.AmountOff(Money.of("500", "JPY")),
                CouponDuration.once(), Set.of(), Set.of(), Optional.empty(), Optional.empty(), T.plusSeconds(2));
        assertThat(coupons().insert(p)).isTrue();
        assertThat(coupons().insert(amount)).isTrue();
        assertThat(coupons().insert(once)).isTrue();
        assertThat(coupons().insert(percent("P", Optional.empty(), 5))).as("code taken").isFalse();

        assertThat(coupons().find(p.code())).hasValueSatisfying(s -> {
            assertThat(s.coupon()).isEqualTo(p);
            assertThat(s.timesRedeemed()).isZero();
        });
        assertThat(coupons().find(amount.code()).orElseThrow().coupon()).isEqualTo(amount);
        assertThat(coupons().find(once.code()).orElseThrow().coupon()).isEqualTo(once);
        assertThat(coupons().find(code("MISSING"))).isEmpty();
        assertThat(coupons().list()).extracting(s -> s.coupon().code())
                .containsSubsequence(p.code(), amount.code(), once.code());
    }

    @Test
    void concurrent_claims_never_pass_the_limit() throws Exception {
        Coupon limited = percent("LIMITED", Optional.of(5), 0);
        Coupon unlimited = percent("UNLIMITED", Optional.empty(), 1);
        coupons().insert(limited);
        coupons().insert(unlimited);

        List<Boolean> claims = ConcurrentRunner.runConcurrently(12,
                () -> transactions().inTransaction(() -> coupons().claimRedemption(limited.code())));
        List<Boolean> free = ConcurrentRunner.runConcurrently(12,
                () -> transactions().inTransaction(() -> coupons().claimRedemption(unlimited.code())));

        assertThat(claims).filteredOn(c -> c).hasSize(5);
        assertThat(coupons().find(limited.code()).orElseThrow().timesRedeemed()).isEqualTo(5);
        assertThat(coupons().claimRedemption(limited.code())).isFalse();
        assertThat(free).containsOnly(true).hasSize(12);
        assertThat(coupons().find(unlimited.code()).orElseThrow().timesRedeemed()).isEqualTo(12);
        assertThat(coupons().claimRedemption(code("NOSUCH"))).isFalse();
    }

    @Test
    void a_claim_rolled_back_with_its_transaction_is_not_counted() {
        Coupon one = percent("ONE", Optional.of(1), 0);
        coupons().insert(one);
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            assertThat(coupons().claimRedemption(one.code())).isTrue();
            throw new IllegalStateException("the redemption failed later");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(coupons().find(one.code()).orElseThrow().timesRedeemed()).isZero();
        assertThat(coupons().claimRedemption(one.code())).isTrue();
    }

    @Test
    void redemptions_are_the_customers_own_and_save_replaces_them() {
        Coupon p = percent("R", Optional.empty(), 0);
        coupons().insert(p);
        SubscriptionId sub = SubscriptionId.of("sub_a-" + run.toLowerCase(Locale.ROOT));
        CouponRedemption first = new CouponRedemption("red_1-" + run, p.code(), acme, sub, T.plusSeconds(10), 0,
                Optional.empty());
        CouponRedemption second = new CouponRedemption("red_2-" + run, p.code(), acme, sub, T.plusSeconds(20), 0,
                Optional.empty());
        CouponRedemption other = new CouponRedemption("red_3-" + run, p.code(), globex,
                SubscriptionId.of("sub_g-" + run.toLowerCase(Locale.ROOT)), T.plusSeconds(5), 0, Optional.empty());
        transactions().run(() -> {
            redemptions().save(second);
            redemptions().save(first);
            redemptions().save(other);
        });

        assertThat(redemptions().find(acme, first.id())).contains(first);
        assertThat(redemptions().find(globex, first.id())).as("another customer's").isEmpty();
        assertThat(redemptions().ofSubscription(acme, sub)).containsExactly(first, second);
        assertThat(redemptions().ofCustomer(globex)).containsExactly(other);

        CouponRedemption used = first.appliedOnce().appliedOnce().removed(T.plusSeconds(99));
        redemptions().save(used);
        assertThat(redemptions().find(acme, first.id())).contains(used);
        assertThat(redemptions().ofCustomer(acme)).containsExactly(used, second);
    }
}
