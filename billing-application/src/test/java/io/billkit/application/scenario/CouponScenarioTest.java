package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.coupon.AppliedDiscountView;
import io.billkit.application.port.in.coupon.ApplyCouponCommand;
import io.billkit.application.port.in.coupon.CreateCouponCommand;
import io.billkit.application.port.in.coupon.RemoveCouponCommand;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.coupon.CouponCode;
import io.billkit.domain.coupon.CouponDuration;
import io.billkit.domain.coupon.CouponRedemption;
import io.billkit.domain.coupon.Discount;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.items;
import static io.billkit.application.scenario.ScenarioKit.record;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Coupons over six months, numbers derived by hand. Acme (UTC, 10 % tax) is on apex Scale (USD 1,999.00 a
 * month, 5M API calls included, then USD 0.10 per started 1,000) from January 1, 2026.
 * <ul>
 *   <li>January 10: LAUNCH20 (20 % off, 3 periods, 1 redemption in all) is applied. January: 1,999.00 - 399.80
 *       = 1,599.20, tax 159.92, total 1,759.12.</li>
 *   <li>February: 5,123,400 API calls = 123,400 over = 124 packages = 12.40; subtotal before the discount
 *       2,011.40, 20 % = 402.28, net 1,609.12, tax 160.912 -> 160.91, total 1,770.03.</li>
 *   <li>March: as January, 1,759.12 (the third and last period of LAUNCH20).</li>
 *   <li>April: no discount: 1,999.00 + 199.90 = 2,198.90.</li>
 *   <li>May 3: BIG2500 (USD 2,500 off, once) is applied: it takes the whole 1,999.00, the invoice is 0.00
 *       and is not pushed to the provider; the USD 501.00 left over is lost.</li>
 *   <li>June: 2,198.90 again.</li>
 * </ul>
 */
public class CouponScenarioTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(ports(provider), SeedCatalogs.apex(), clock,
            BillingSettings.defaults());
    private final CustomerId acme = CustomerId.of("cus_coupon_acme");
    private final CustomerId globex = CustomerId.of("cus_coupon_globex");

    /** In memory here; the PostgreSQL subclass runs the same months on the real stores. */
    protected BillingPorts ports(MockPaymentProvider provider) {
        return InMemoryBillingPorts.create(provider);
    }

    @Test
    public void a_three_period_twenty_percent_coupon_and_an_amount_off_larger_than_an_invoice() {
        customer(acme, "Acme");
        customer(globex, "Globex");
        billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("scale"), APP));
        billing.subscribe().subscribe(new SubscribeCommand(globex, PlanCode.of("scale"), APP));
        create("LAUNCH20", new Discount.PercentOff(BigDecimal.valueOf(20)), CouponDuration.repeating(3), Optional.of(1));
        create("BIG2500", new Discount.AmountOff(usd("2500.00")), CouponDuration.once(), Optional.empty());

        clock.set(Instant.parse("2026-01-10T12:00:00Z"));
        AppliedDiscountView launch = billing.coupons().apply().apply(new ApplyCouponCommand(acme,
                CouponCode.of("LAUNCH20"), APP));
        assertThat(launch.status()).isEqualTo(CouponRedemption.Status.ACTIVE);
        assertThat(launch.periodsLeft()).contains(3);
        assertRefused(() -> billing.coupons().apply().apply(new ApplyCouponCommand(globex,
                CouponCode.of("LAUNCH20"), APP)), ErrorCode.COUPON_EXHAUSTED);
        var preview = billing.billingSummary().summary(acme).upcomingInvoice().orElseThrow();
        assertThat(lineItems(preview.lines())).as("the upcoming invoice shows the discount")
                .containsExactly("Scale plan (monthly)=USD 1999.00", "LAUNCH20 launch (20% off)=USD -399.80");
        assertThat(preview.total()).isEqualTo(usd("1759.12"));

        InvoiceView january = close("2026-02-01T01:00:00Z");
        assertThat(items(january)).containsExactly("Scale plan (monthly)=USD 1999.00",
                "LAUNCH20 launch (20% off)=USD -399.80");
        assertTotals(january, "1599.20", "159.92", "1759.12");
        assertThat(january.lines().get(1).kind()).isEqualTo("discount");
        assertThat(january.lines().get(1).coupon()).contains("LAUNCH20");
        assertThat(january.lines().get(1).appliesTo()).contains("all charges");
        String document = new String(billing.renderInvoicePdf().render(new io.billkit.application.port.in.invoice
                .GetInvoiceQuery(january.id(), Optional.of(acme))).content(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(document).as("the rendered invoice prints the discount and what it applies to")
                .contains("Discount LAUNCH20: LAUNCH20 launch (20% off) on all charges");

        clock.set(Instant.parse("2026-02-20T12:00:00Z"));
        record(billing, List.of(event("feb-api-1", acme, API_CALLS, "5123400", clock.instant())));
        InvoiceView february = close("2026-03-01T01:00:00Z");
        assertThat(items(february)).containsExactly("Scale plan (monthly)=USD 1999.00",
                "API calls overage=USD 12.40", "LAUNCH20 launch (20% off)=USD -402.28");
        assertTotals(february, "1609.12", "160.91", "1770.03");

        InvoiceView march = close("2026-04-01T01:00:00Z");
        assertTotals(march, "1599.20", "159.92", "1759.12");
        assertThat(billing.coupons().discounts().discounts(acme)).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(CouponRedemption.Status.USED_UP);
            assertThat(d.redemption().periodsApplied()).isEqualTo(3);
            assertThat(d.periodsLeft()).contains(0);
        });

        InvoiceView april = close("2026-05-01T01:00:00Z");
        assertThat(items(april)).containsExactly("Scale plan (monthly)=USD 1999.00");
        assertTotals(april, "1999.00", "199.90", "2198.90");

        clock.set(Instant.parse("2026-05-03T08:00:00Z"));
        billing.coupons().apply().apply(new ApplyCouponCommand(acme, CouponCode.of("BIG2500"), APP));
        InvoiceView may = close("2026-06-01T01:00:00Z");
        assertThat(items(may)).containsExactly("Scale plan (monthly)=USD 1999.00",
                "BIG2500 launch (USD 2500.00 off)=USD -1999.00");
        assertTotals(may, "0.00", "0.00", "0.00");
        assertThat(may.providerInvoiceId()).as("nothing to collect: not pushed").isEmpty();

        InvoiceView june = close("2026-07-01T01:00:00Z");
        assertTotals(june, "1999.00", "199.90", "2198.90");

        // the provider got the discount as a negative invoice item, so its total is ours
        // (acme's five invoices with a total and globex's six; May's zero invoice was not pushed)
        assertThat(calls(provider, "createInvoice")).hasSize(11);
        assertThat(calls(provider, "createInvoice")).filteredOn(c -> c.arguments().stream()
                .anyMatch(a -> a.startsWith("LAUNCH20"))).hasSize(3).first()
                .satisfies(c -> assertThat(c.arguments()).endsWith("Scale plan (monthly)=USD 1999.00",
                        "LAUNCH20 launch (20% off)=USD -399.80", "Tax (10%)=USD 159.92"));
        assertThat(calls(provider, "createInvoice")).noneMatch(c -> c.arguments().stream()
                .anyMatch(a -> a.startsWith("BIG2500")));
        // globex never got a discount
        assertThat(billing.coupons().discounts().discounts(globex)).isEmpty();
    }

    @Test
    public void refusals_write_nothing_and_a_removed_coupon_stops_applying() {
        customer(acme, "Acme");
        billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("scale"), APP));
        create("GROWTHONLY", new Discount.PercentOff(BigDecimal.TEN), CouponDuration.forever(), Optional.empty(),
                Set.of(PlanCode.of("growth")), Optional.empty());
        create("EXPIRING", new Discount.PercentOff(BigDecimal.TEN), CouponDuration.forever(), Optional.empty(),
                Set.of(), Optional.of(Instant.parse("2026-01-05T00:00:00Z")));
        create("EUROS", new Discount.AmountOff(Money.of("5.00", "EUR")), CouponDuration.once(), Optional.empty());
        create("HALF", new Discount.PercentOff(BigDecimal.valueOf(50)), CouponDuration.forever(), Optional.empty());

        assertRefused(() -> apply(acme, "GROWTHONLY"), ErrorCode.COUPON_NOT_APPLICABLE);
        assertRefused(() -> apply(acme, "EUROS"), ErrorCode.COUPON_NOT_APPLICABLE);
        assertRefused(() -> apply(acme, "NOSUCH"), ErrorCode.NOT_FOUND);
        assertRefused(() -> apply(CustomerId.of("cus_nobody"), "HALF"), ErrorCode.NOT_FOUND);
        clock.set(Instant.parse("2026-01-05T00:00:00Z"));
        assertRefused(() -> apply(acme, "EXPIRING"), ErrorCode.COUPON_EXPIRED);
        assertThat(billing.coupons().list().list()).allSatisfy(c -> assertThat(c.timesRedeemed()).isZero());
        assertThat(billing.coupons().discounts().discounts(acme)).isEmpty();

        AppliedDiscountView half = apply(acme, "HALF");
        assertRefused(() -> apply(acme, "HALF"), ErrorCode.CONFLICT);
        assertThat(close("2026-02-01T01:00:00Z").total()).isEqualTo(usd("1099.45")); // 999.50 + 99.95

        assertRefused(() -> billing.coupons().remove().remove(new RemoveCouponCommand(globex, half.redemption().id(),
                APP)), ErrorCode.NOT_FOUND);
        AppliedDiscountView removed = billing.coupons().remove().remove(new RemoveCouponCommand(acme,
                half.redemption().id(), APP));
        assertThat(removed.status()).isEqualTo(CouponRedemption.Status.REMOVED);
        assertThat(close("2026-03-01T01:00:00Z").total()).isEqualTo(usd("2198.90"));
        assertThat(billing.coupons().list().list()).filteredOn(c -> c.coupon().code().value().equals("HALF"))
                .singleElement().satisfies(c -> assertThat(c.timesRedeemed()).isEqualTo(1));
    }

    private static List<String> lineItems(List<io.billkit.application.port.in.invoice.InvoiceLineView> lines) {
        return lines.stream().map(ScenarioKit::item).toList();
    }

    private AppliedDiscountView apply(CustomerId customer, String code) {
        return billing.coupons().apply().apply(new ApplyCouponCommand(customer, CouponCode.of(code), APP));
    }

    private void customer(CustomerId id, String name) {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(id, name, "billing@" + id.value()
                + ".example", ZoneOffset.UTC, new BigDecimal("0.10"), 30, "1 Main St"), APP));
    }

    private void create(String code, Discount discount, CouponDuration duration, Optional<Integer> max) {
        create(code, discount, duration, max, Set.of(), Optional.empty());
    }

    private void create(String code, Discount discount, CouponDuration duration, Optional<Integer> max,
                        Set<PlanCode> plans, Optional<Instant> redeemBy) {
        billing.coupons().create().create(new CreateCouponCommand(CouponCode.of(code), code + " launch", discount,
                duration, plans, Set.of(), max, redeemBy, APP));
    }

    private InvoiceView close(String at) {
        clock.set(Instant.parse(at));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        return closed.created().stream().map(id -> billing.invoice().get(
                        new io.billkit.application.port.in.invoice.GetInvoiceQuery(id, Optional.empty())))
                .filter(i -> i.customer().equals(acme)).findFirst().orElseThrow();
    }

    private static void assertTotals(InvoiceView invoice, String net, String tax, String total) {
        assertThat(invoice.subtotal()).as("subtotal net of discounts").isEqualTo(usd(net));
        assertThat(invoice.tax()).isEqualTo(usd(tax));
        assertThat(invoice.total()).isEqualTo(usd(total));
    }

    private static void assertRefused(Runnable call, ErrorCode code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BillingException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }
}
