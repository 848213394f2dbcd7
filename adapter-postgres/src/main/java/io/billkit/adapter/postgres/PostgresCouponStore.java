package io.billkit.adapter.postgres;

import io.billkit.application.port.out.CouponStore;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.coupon.Coupon;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponDuration;
import io.billkit.domain.coupon.Discount;
import io.billkit.domain.money.Money;
import org.jdbi.v3.core.statement.StatementContext;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link CouponStore} on {@code coupons} (the seller's rows: no customer, system scope). A claim is one
 * conditional {@code UPDATE ... SET times_redeemed = times_redeemed + 1 WHERE times_redeemed < max_redemptions}:
 * concurrent claims queue on the row lock and each re-checks the condition on the committed count, so the
 * limit is never passed (the CHECK {@code coupons_within_limit} backs it).
 */
final class PostgresCouponStore implements CouponStore {
    private static final String COLUMNS = "code, name, percent_off, amount_off, currency, duration, duration_periods,"
            + " plans, meters, max_redemptions, times_redeemed, redeem_by, created_at";

    private final JdbiTransactions tx;

    PostgresCouponStore(JdbiTransactions tx) {
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    static StoredCoupon map(ResultSet rs, StatementContext ctx) throws SQLException {
        BigDecimal percent = rs.getBigDecimal("percent_off");
        Discount discount = percent != null ? new Discount.PercentOff(percent)
                : new Discount.AmountOff(Money.of(rs.getBigDecimal("amount_off"), Money.currency(rs.getString("currency"))));
        CouponDuration duration = new CouponDuration(CouponDuration.Kind.valueOf(rs.getString("duration")),
                rs.getInt("duration_periods"));
        int max = rs.getInt("max_redemptions");
        Optional<Integer> maxRedemptions = rs.wasNull() ? Optional.empty() : Optional.of(max);
        Coupon coupon = new Coupon(CouponCode.of(rs.getString("code")), rs.getString("name"), discount, duration,
                texts(rs.getArray("plans")).stream().map(PlanCode::of).collect(Collectors.toSet()),
                texts(rs.getArray("meters")).stream().map(MeterKey::of).collect(Collectors.toSet()),
                maxRedemptions, SqlValues.optionalInstant(rs, "redeem_by"), SqlValues.instant(rs, "created_at"));
        return new StoredCoupon(coupon, rs.getInt("times_redeemed"));
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @Override
    public boolean insert(Coupon coupon) {
        Objects.requireNonNull(coupon, "coupon");
        Optional<BigDecimal> percent = coupon.discount() instanceof Discount.PercentOff p ? Optional.of(p.percent())
                : Optional.empty();
        Optional<Money> amount = coupon.discount() instanceof Discount.AmountOff a ? Optional.of(a.amount())
                : Optional.empty();
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        INSERT INTO coupons (code, name, percent_off, amount_off, currency, duration, duration_periods,
                            plans, meters, max_redemptions, redeem_by, created_at)
                        VALUES (:code, :name, :percent, :amount, :currency, :duration, :periods,
                            CAST(:plans AS text[]), CAST(:meters AS text[]), :max, :redeemBy, :createdAt)
                        ON CONFLICT (code) DO NOTHING""")
                .bind("code", coupon.code().value())
                .bind("name", coupon.name())
                .bind("percent", percent.orElse(null))
                .bind("amount", amount.map(Money::amount).orElse(null))
                .bind("currency", amount.map(Money::currencyCode).orElse(null))
                .bind("duration", coupon.duration().kind().name())
                .bind("periods", coupon.duration().periods())
                .bindArray("plans", String.class, sorted(coupon.plans().stream().map(PlanCode::value).collect(Collectors.toSet())))
                .bindArray("meters", String.class, sorted(coupon.meters().stream().map(MeterKey::value).collect(Collectors.toSet())))
                .bind("max", coupon.maxRedemptions().orElse(null))
                .bind("redeemBy", coupon.redeemBy().map(SqlValues::timestamp).orElse(null))
                .bind("createdAt", SqlValues.timestamp(coupon.createdAt()))
                .execute()) == 1;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    @Override
    public Optional<StoredCoupon> find(CouponCode code) {
        Objects.requireNonNull(code, "code");
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS + " FROM coupons WHERE code = :code")
                .bind("code", code.value())
                .map(PostgresCouponStore::map)
                .findOne());
    }

    @Override
    public List<StoredCoupon> list() {
        return tx.withHandle(RowScope.system(), h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM coupons ORDER BY created_at, code")
                .map(PostgresCouponStore::map)
                .list());
    }

    @Override
    public boolean claimRedemption(CouponCode code) {
        Objects.requireNonNull(code, "code");
        return tx.withHandle(RowScope.system(), h -> h.createUpdate("""
                        UPDATE coupons SET times_redeemed = times_redeemed + 1
                        WHERE code = :code AND (max_redemptions IS NULL OR times_redeemed < max_redemptions)""")
                .bind("code", code.value())
                .execute()) == 1;
    }
}
