package io.billkit.application.service;

import io.billkit.application.port.in.summary.BillingSummaryView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GetBillingSummaryServiceTest {
    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private final GetBillingSummaryService service = new GetBillingSummaryService(bed.catalog, bed.customers,
            bed.subscriptions, bed.usage, bed.pendingCharges, bed.credits, bed.tx, bed.audit, bed.clock);

    @Test
    void mid_month_summary_shows_spend_so_far_usage_the_upcoming_invoice_and_credits() {
        Customer customer = bed.customer("cus_apex", "0.20");
        bed.subscribe(customer, "growth", Instant.parse("2026-01-01T00:00:00Z"));
        bed.usage.add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 5), "6000000")
                .add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 15), "6000000")
                .add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 15), "500000")
                // after "now": not counted yet
                .add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 20), "900000");
        bed.pendingCharges.add(new PendingCharge("chg_1", SubscriptionId.of("sub_cus_apex"),
                new InvoiceLine.AdjustmentLine("Onboarding", Money.of("100.00", "USD")),
                Instant.parse("2026-01-10T00:00:00Z")));
        CreditLedger ledger = bed.credits.load(customer.id());
        bed.credits.apply(ledger.version(), ledger.grant(CreditGrant.promotional(CreditGrantId.of("promo-1"),
                customer.id(), new BigDecimal("500"), Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-31T00:00:00Z"), "welcome")));
        bed.clock.set(Instant.parse("2026-01-16T12:00:00Z"));

        BillingSummaryView summary = service.summary(customer.id());

        assertThat(summary.subscription()).hasValueSatisfying(s -> {
            assertThat(s.planName()).isEqualTo("Growth");
            assertThat(s.currentPeriodStart()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(s.currentPeriodEnd()).isEqualTo(LocalDate.of(2026, 2, 1));
        });
        // base fee 499.00 + 2,000,000 impressions over 10M at USD 0.50 per 1,000 = 1,000.00
        assertThat(summary.monthToDateSpend()).isEqualTo(Money.of("1499.00", "USD"));
        assertThat(summary.upcomingInvoice()).hasValueSatisfying(preview -> {
            assertThat(preview.lines()).extracting(line -> line.kind()).containsExactly("base_fee", "usage", "adjustment");
            assertThat(preview.subtotal()).isEqualTo(Money.of("1599.00", "USD"));
            assertThat(preview.tax()).isEqualTo(Money.of("319.80", "USD"));
            assertThat(preview.total()).isEqualTo(Money.of("1918.80", "USD"));
        });
        MeterUsageView impressions = summary.usage().stream().filter(u -> u.meter().equals(IMPRESSIONS))
                .findFirst().orElseThrow();
        assertThat(impressions.used()).isEqualByComparingTo("12000000");
        assertThat(impressions.remaining()).hasValueSatisfying(r -> assertThat(r).isZero());
        assertThat(impressions.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("120.0"));
        assertThat(impressions.overageCost()).isEqualTo(Money.of("1000.00", "USD"));
        assertThat(impressions.projectedUsage()).isGreaterThan(impressions.used());
        MeterUsageView api = summary.usage().stream().filter(u -> u.meter().equals(API_CALLS)).findFirst().orElseThrow();
        assertThat(api.used()).isEqualByComparingTo("500000");
        assertThat(api.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("500000"));
        assertThat(summary.credits().total()).isEqualByComparingTo("500");
        assertThat(summary.credits().promotional()).isEqualByComparingTo("500");
        assertThat(summary.credits().nextExpiry()).contains(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(summary.credits().expiringNext()).isEqualByComparingTo("500");
        assertThat(bed.invoices.list(customer.id(), io.billkit.application.port.out.InvoiceStore.Filter.none(), 0, 10)
                .total()).isZero();
    }

    @Test
    void during_a_trial_the_spend_and_the_preview_carry_the_trial_discount_like_the_invoice_will() {
        Customer customer = bed.customer("cus_trial", "0.20");
        bed.subscribeWithTrial(customer, "growth", Instant.parse("2026-01-01T00:00:00Z"));
        bed.clock.set(Instant.parse("2026-01-10T12:00:00Z"));

        BillingSummaryView summary = service.summary(customer.id());

        // 499.00 x 336 h / 744 h = 225.35 free; 499.00 - 225.35 = 273.65; 20 % tax = 54.73
        assertThat(summary.monthToDateSpend()).isEqualTo(Money.of("273.65", "USD"));
        assertThat(summary.upcomingInvoice()).hasValueSatisfying(preview -> {
            assertThat(preview.lines()).extracting(line -> line.kind()).containsExactly("base_fee", "adjustment");
            assertThat(preview.lines().get(1).description()).isEqualTo("Free trial until 15 Jan 2026");
            assertThat(preview.subtotal()).isEqualTo(Money.of("273.65", "USD"));
            assertThat(preview.tax()).isEqualTo(Money.of("54.73", "USD"));
            assertThat(preview.total()).isEqualTo(Money.of("328.38", "USD"));
        });
    }

    @Test
    void a_customer_without_a_subscription_has_zero_spend_and_no_preview() {
        Customer customer = bed.customer("cus_idle", "0");

        BillingSummaryView summary = service.summary(customer.id());

        assertThat(summary.subscription()).isEmpty();
        assertThat(summary.monthToDateSpend()).isEqualTo(Money.of("0.00", "USD"));
        assertThat(summary.usage()).isEmpty();
        assertThat(summary.upcomingInvoice()).isEmpty();
        assertThat(summary.credits().total()).isZero();
    }

    @Test
    void an_unknown_customer_is_not_found() {
        assertThatThrownBy(() -> service.summary(CustomerId.of("cus_nobody")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
}
