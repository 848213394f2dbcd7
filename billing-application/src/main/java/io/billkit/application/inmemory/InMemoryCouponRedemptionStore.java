package io.billkit.application.inmemory;

import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionId;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link CouponRedemptionStore} in memory. */
public final class InMemoryCouponRedemptionStore implements CouponRedemptionStore {
    private static final Comparator<CouponRedemption> OLDEST_FIRST =
            Comparator.comparing(CouponRedemption::redeemedAt).thenComparing(CouponRedemption::id);

    private final InMemoryTransactions tx;
    private final Map<String, CouponRedemption> redemptions = new LinkedHashMap<>();

    public InMemoryCouponRedemptionStore(InMemoryTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    @Override
    public void save(CouponRedemption redemption) {
        Objects.requireNonNull(redemption, "redemption");
        tx.put(redemptions, redemption.id(), redemption);
    }

    @Override
    public Optional<CouponRedemption> find(CustomerId customer, String id) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(id, "id");
        return tx.read(() -> Optional.ofNullable(redemptions.get(id)).filter(r -> r.customer().equals(customer)));
    }

    @Override
    public List<CouponRedemption> ofSubscription(CustomerId customer, SubscriptionId subscription) {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        return tx.read(() -> redemptions.values().stream()
                .filter(r -> r.customer().equals(customer) && r.subscription().equals(subscription))
                .sorted(OLDEST_FIRST).toList());
    }

    @Override
    public List<CouponRedemption> ofCustomer(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.read(() -> redemptions.values().stream().filter(r -> r.customer().equals(customer))
                .sorted(OLDEST_FIRST).toList());
    }
}
