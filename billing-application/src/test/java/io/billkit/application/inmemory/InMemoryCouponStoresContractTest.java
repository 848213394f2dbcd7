package io.billkit.application.inmemory;

import io.billkit.application.contract.CouponStoresContract;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.Transactions;

/** The in-memory coupon stores pass the same contract as the PostgreSQL ones. */
class InMemoryCouponStoresContractTest extends CouponStoresContract {
    private final InMemoryTransactions tx = new InMemoryTransactions();
    private final CouponStore coupons = new InMemoryCouponStore(tx);
    private final CouponRedemptionStore redemptions = new InMemoryCouponRedemptionStore(tx);

    @Override
    protected CouponStore coupons() {
        return coupons;
    }

    @Override
    protected CouponRedemptionStore redemptions() {
        return redemptions;
    }

    @Override
    protected Transactions transactions() {
        return tx;
    }
}
