package io.billkit.application.service;

import io.billkit.application.inmemory.InMemoryQuotaCounters;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.ChangePlanCommand;
import io.billkit.application.port.in.subscription.PlanChangeView;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cancelling now issues the final invoice of the partial period at once (period close only invoices live
 * subscriptions, so it would never bill it). April 2026 has 30 days: April 16 00:00 UTC is exactly half of it.
 * Allowances are not prorated: the cancelled half-month keeps Growth's full 10M impressions, so 12.5M
 * impressions bill 2.5M overage (2,500 packages of 1,000 at USD 0.50 = 1,250.00), as the full month would.
 */
class CancelFinalInvoiceTest {
    private static final Instant APR_1 = Instant.parse("2026-04-01T00:00:00Z");
    private static final Instant APR_10 = Instant.parse("2026-04-10T09:00:00Z");
    private static final Instant APR_16_HALF = Instant.parse("2026-04-16T00:00:00Z");
    private static final Instant MAY_1_AFTER_GRACE = Instant.parse("2026-05-01T02:00:00Z");

    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private final BillingContexts contexts = new BillingContexts(bed.customers, bed.subscriptions, bed.catalog);
    private final CancelSubscriptionService cancel = new CancelSubscriptionService(bed.customers, bed.subscriptions,
            bed.usage, bed.pendingCharges, bed.closeGuard, bed.invoices, bed.references, bed.provider, bed.provider, bed.catalog,
            bed.outbox, bed.tx, bed.audit, bed.clock, bed.closePeriod().endedPeriods());
    private final RecordUsageService recordUsage = new RecordUsageService(contexts, bed.usage,
            new InMemoryQuotaCounters(bed.tx), bed.closeGuard, bed.tx, bed.audit, bed.clock);
    private final ChangePlanService changePlan = new ChangePlanService(contexts, bed.subscriptions, bed.pendingCharges,
            bed.references, bed.provider, bed.outbox, bed.tx, bed.audit, bed.clock, bed.closePeriod().endedPeriods());

    @Test
    void cancelling_growth_now_at_half_the_month_bills_half_the_base_fee_and_the_full_overage_at_once() {
        Customer customer = growthCustomerWithUsage("cus_cancel_half");
        bed.clock.set(APR_16_HALF);

        cancelNow(customer);

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.lines()).extracting(InvoiceLine::amount)
                .containsExactly(usd("499.00"), usd("-249.50"), usd("1250.00"));
        assertThat(invoice.lines().get(1)).isInstanceOfSatisfying(InvoiceLine.AdjustmentLine.class,
                line -> assertThat(line.description()).isEqualTo("Cancelled on 16 Apr 2026: unused base fee"));
        assertThat(invoice.lines().get(2)).isInstanceOfSatisfying(InvoiceLine.UsageLine.class,
                line -> assertThat(line.billableQuantity()).isEqualByComparingTo("2500000"));
        assertThat(invoice.totals().total()).isEqualTo(usd("1499.50"));
        assertThat(bed.subscriptions.find(subscriptionOf(customer).id()).orElseThrow().status())
                .isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(bed.outbox.all()).filteredOn(e -> e.type().equals("invoice.created")).hasSize(1);
        assertThat(bed.audit("invoice.finalized")).hasSize(1);
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice")).hasSize(1);
        assertThat(bed.references.providerId(InvoiceViews.INVOICE_REF, invoice.id().value())).isPresent();
    }

    @Test
    void cancelling_twice_issues_one_final_invoice() {
        Customer customer = growthCustomerWithUsage("cus_cancel_twice");
        bed.clock.set(APR_16_HALF);
        cancelNow(customer);

        assertThatThrownBy(() -> cancelNow(customer)).isInstanceOfSatisfying(BillingException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));

        onlyInvoiceOf(customer);
        assertThat(bed.audit("invoice.finalized")).hasSize(1);
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice")).hasSize(1);
    }

    @Test
    void a_pending_upgrade_proration_is_on_the_final_invoice() {
        Customer customer = bed.customer("cus_cancel_after_upgrade", "0");
        bed.subscribe(customer, "starter", APR_1);
        bed.clock.set(APR_10);
        PlanChangeView change = changePlan.change(new ChangePlanCommand(customer.id(), PlanCode.of("growth"),
                Actor.system()));
        bed.clock.set(APR_16_HALF);

        cancelNow(customer);

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.lines()).filteredOn(line -> line instanceof InvoiceLine.ProrationLine).isNotEmpty();
        assertThat(bed.pendingCharges.peek(subscriptionOf(customer).id())).isEmpty();
        // Starter from April 1 to April 10 09:00 (9.375 of 30 days: 30.94) plus Growth from then to the cancel
        // on April 16 (5.625 days: 93.56) = 124.50: Growth's base fee 499.00, the cancel's -249.50 and the
        // upgrade's line for the Starter days (-(499 - 99) x 9.375 / 30 = -125.00).
        assertThat(change.prorationCharge()).hasValueSatisfying(net -> assertThat(net.isPositive()).isTrue());
        assertThat(invoice.totals().total().amount()).isEqualByComparingTo("124.50");
    }

    @Test
    void period_close_after_the_cancel_invoices_nothing_more_for_it() {
        Customer customer = growthCustomerWithUsage("cus_cancel_then_close");
        bed.clock.set(APR_16_HALF);
        cancelNow(customer);
        bed.clock.set(MAY_1_AFTER_GRACE);

        ClosePeriodResult result = bed.runClose();

        assertThat(result.created()).isEmpty();
        assertThat(result.failures()).isEmpty();
        onlyInvoiceOf(customer);
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice")).hasSize(1);
    }

    @Test
    void usage_after_the_cancel_is_rejected_and_not_billed() {
        Customer customer = growthCustomerWithUsage("cus_cancel_then_usage");
        bed.clock.set(APR_16_HALF);
        cancelNow(customer);
        bed.clock.set(APR_16_HALF.plusSeconds(60));

        UsageEventOutcome outcome = recordImpressions(customer, "evt_after_cancel", "1000000", APR_16_HALF.plusSeconds(30));

        assertThat(outcome.status()).isEqualTo(UsageEventStatus.REJECTED);
        assertThat(onlyInvoiceOf(customer).totals().total()).isEqualTo(usd("1499.50"));
    }

    @Test
    void cancelling_a_growth_month_with_no_usage_on_its_first_instant_finalizes_a_zero_invoice_without_pushing_it() {
        Customer customer = bed.customer("cus_cancel_at_start", "0");
        bed.subscribe(customer, "growth", APR_1);
        bed.clock.set(APR_1);

        cancelNow(customer);

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.totals().total().isZero()).isTrue();
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice")).isEmpty();
    }

    /**
     * Decision (a): April (30 days) ended at May 1 00:00 but its close has not run when the customer cancels at
     * 06:00. April is invoiced in full: 499.00 + 2.5M impressions over (2,500 packages x 0.50 = 1,250.00) =
     * 1,749.00. May is invoiced up to the cancel: 10.5M impressions recorded at 03:00 are 0.5M over the 10M
     * allowance (500 x 0.50 = 250.00), and the base fee is charged for 6 of May's 744 hours: unused
     * 499.00 x 738 / 744 = 494.9758 -> -494.98; May's total 499.00 - 494.98 + 250.00 = 254.02.
     */
    @Test
    void a_cancel_after_the_period_ended_but_before_its_close_invoices_the_period_and_the_usage_up_to_the_cancel() {
        Customer customer = growthCustomerWithUsage("cus_cancel_in_grace");
        bed.clock.set(Instant.parse("2026-05-01T03:00:00Z"));
        assertThat(recordImpressions(customer, "evt_may", "10500000", Instant.parse("2026-05-01T03:00:00Z")).status())
                .isEqualTo(UsageEventStatus.ACCEPTED);
        bed.clock.set(Instant.parse("2026-05-01T06:00:00Z"));

        cancelNow(customer);

        List<Invoice> invoices = bed.invoices.list(customer.id(), InvoiceStore.Filter.none(), 0, 100).items();
        assertThat(invoices).extracting(Invoice::periodStart)
                .containsExactly(java.time.LocalDate.of(2026, 5, 1), java.time.LocalDate.of(2026, 4, 1));
        Invoice may = invoices.get(0);
        Invoice april = invoices.get(1);
        assertThat(april.lines()).extracting(InvoiceLine::amount).containsExactly(usd("499.00"), usd("1250.00"));
        assertThat(april.totals().total()).isEqualTo(usd("1749.00"));
        assertThat(may.lines()).extracting(InvoiceLine::amount)
                .containsExactly(usd("499.00"), usd("-494.98"), usd("250.00"));
        assertThat(may.totals().total()).isEqualTo(usd("254.02"));
        assertThat(List.of(april.status(), may.status())).containsOnly(InvoiceStatus.OPEN);
        assertThat(subscriptionOf(customer).status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice")).hasSize(2);

        bed.clock.set(Instant.parse("2026-06-01T02:00:00Z"));
        assertThat(bed.runClose().created()).as("nothing left to close").isEmpty();
    }

    /**
     * Decision (b): April ended at May 1 00:00 on Starter (USD 99, 1M impressions included); at 00:30, before the
     * close ran, the customer upgrades to Growth. April is billed at Starter: 99.00 + 1.5M impressions, 0.5M over
     * (500 x 0.50 = 250.00) = 349.00 (at Growth it would have been 499.00 and no overage). The upgrade applies
     * to May.
     */
    @Test
    void a_plan_change_after_the_period_ended_but_before_its_close_bills_the_ended_period_at_the_old_plan() {
        Customer customer = bed.customer("cus_upgrade_in_grace", "0");
        bed.subscribe(customer, "starter", APR_1);
        bed.clock.set(APR_10);
        assertThat(recordImpressions(customer, "evt_april", "1500000", APR_10).status()).isEqualTo(UsageEventStatus.ACCEPTED);
        bed.clock.set(Instant.parse("2026-05-01T00:30:00Z"));

        PlanChangeView change = changePlan.change(new ChangePlanCommand(customer.id(), PlanCode.of("growth"),
                Actor.system()));

        Invoice april = onlyInvoiceOf(customer);
        assertThat(april.periodStart()).isEqualTo(java.time.LocalDate.of(2026, 4, 1));
        assertThat(april.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(april.lines().get(0)).isInstanceOfSatisfying(InvoiceLine.BaseFeeLine.class,
                line -> assertThat(line.planCode()).isEqualTo(PlanCode.of("starter")));
        assertThat(april.lines()).extracting(InvoiceLine::amount).containsExactly(usd("99.00"), usd("250.00"));
        assertThat(april.totals().total()).isEqualTo(usd("349.00"));
        assertThat(change.to()).isEqualTo(PlanCode.of("growth"));
        Subscription upgraded = subscriptionOf(customer);
        assertThat(upgraded.plan()).isEqualTo(PlanCode.of("growth"));
        assertThat(upgraded.currentPeriod().start()).isEqualTo(java.time.LocalDate.of(2026, 5, 1));
    }

    private Customer growthCustomerWithUsage(String id) {
        Customer customer = bed.customer(id, "0");
        bed.subscribe(customer, "growth", APR_1);
        bed.clock.set(APR_10);
        UsageEventOutcome outcome = recordImpressions(customer, "evt_" + id, "12500000", APR_10);
        assertThat(outcome.status()).isEqualTo(UsageEventStatus.ACCEPTED);
        return customer;
    }

    private UsageEventOutcome recordImpressions(Customer customer, String eventId, String quantity, Instant at) {
        return recordUsage.record(RecordUsageCommand.single(new UsageEventInput(eventId, customer.id(), "impressions",
                new BigDecimal(quantity), at, Map.of()), Actor.system())).outcomes().get(0);
    }

    private void cancelNow(Customer customer) {
        cancel.cancel(new CancelSubscriptionCommand(customer.id(), false, Actor.system()));
    }

    private Subscription subscriptionOf(Customer customer) {
        return bed.subscriptions.find(SubscriptionId.of("sub_" + customer.id().value()))
                .orElseThrow();
    }

    private Invoice onlyInvoiceOf(Customer customer) {
        List<Invoice> all = bed.invoices.list(customer.id(), InvoiceStore.Filter.none(), 0, 100).items();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }
}
