package io.billkit.application.inmemory;

import io.billkit.application.port.out.CouponStore;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponCode;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link CouponStore} in memory; the global lock of {@link InMemoryTransactions} makes claims exact. */
public final class InMemoryCouponStore implements CouponStore {
    private final InMemoryTransactions tx;
    private final Map<CouponCode, StoredCoupon> coupons = new LinkedHashMap<>();

    public InMemoryCouponStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public boolean insert(Coupon coupon) {
        Objects.requireNonNull(coupon, "coupon");
        return tx.inTransaction(() -> {
            if (coupons.containsKey(coupon.code())) {
                return false;
            }
            tx.put(coupons, coupon.code(), new StoredCoupon(coupon, 0));
            return true;
        });
    }

    @Override
    public Optional<StoredCoupon> find(CouponCode code) {
        Objects.requireNonNull(code, "code");
        return tx.read(() -> Optional.ofNullable(coupons.get(code)));
    }

    @Override
    public List<StoredCoupon> list() {
        return tx.read(() -> coupons.values().stream()
                .sorted(Comparator.comparing((StoredCoupon s) -> s.coupon().createdAt())
                        .thenComparing(s -> s.coupon().code().value()))
                .toList());
    }

    @Override
    public boolean claimRedemption(CouponCode code) {
        Objects.requireNonNull(code, "code");
        return tx.inTransaction(() -> {
            StoredCoupon stored = coupons.get(code);
            if (stored == null || stored.coupon().maxRedemptions().filter(max -> stored.timesRedeemed() >= max).isPresent()) {
                return false;
            }
            tx.put(coupons, code, new StoredCoupon(stored.coupon(), stored.timesRedeemed() + 1));
            return true;
        });
    }
}
