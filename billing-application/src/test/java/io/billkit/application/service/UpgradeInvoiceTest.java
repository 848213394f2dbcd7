package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.subscription.ChangePlanCommand;
import io.billkit.application.port.in.subscription.PlanChangeView;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** A mid-period upgrade, then period close: the period's invoice bills each plan for the part it was on. */
class UpgradeInvoiceTest {
    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private final ChangePlanService changePlan = new ChangePlanService(
            new BillingContexts(bed.customers, bed.subscriptions, bed.catalog), bed.subscriptions, bed.pendingCharges,
            bed.references, bed.provider, bed.outbox, bed.tx, bed.audit, bed.clock, bed.closePeriod().endedPeriods());

    @Test
    void upgrading_starter_to_growth_halfway_bills_half_a_month_of_each_not_growth_plus_the_proration() {
        Customer customer = bed.customer("cus_upgrade_invoice", "0");
        // March 2026 has 31 days: at 12:00 on March 16, 15.5 days have passed and 15.5 remain.
        Subscription subscription = bed.subscribe(customer, "starter", Instant.parse("2026-03-01T00:00:00Z"));
        bed.clock.set(Instant.parse("2026-03-16T12:00:00Z"));

        PlanChangeView change = changePlan.change(new ChangePlanCommand(customer.id(), PlanCode.of("growth"),
                Actor.system()));
        bed.clock.set(Instant.parse("2026-04-01T02:00:00Z"));
        bed.runClose();

        // Starter USD 99 for half of March + Growth USD 499 for the other half = 49.50 + 249.50 = 299.00,
        // which is the Starter fee plus the USD 200 the upgrade said it costs.
        assertThat(change.prorationCharge()).hasValueSatisfying(
                net -> assertThat(net.isEqualTo(Money.of("200.00", "USD"))).isTrue());
        Invoice march = bed.invoices.findByPeriod(subscription.id(), LocalDate.of(2026, 3, 1)).orElseThrow();
        assertThat(march.totals().total().amount()).isEqualByComparingTo("299.00");
    }
    @Test
    void an_upgrade_after_the_trial_discounts_the_trial_days_at_the_old_plans_rate() {
        Customer customer = bed.customer("cus_upgrade_after_trial", "0");
        // Starter's 14-day trial runs March 1 to March 15; the upgrade comes at 12:00 on March 16.
        Subscription subscription = bed.subscribeWithTrial(customer, "starter", Instant.parse("2026-03-01T00:00:00Z"));
        bed.clock.set(Instant.parse("2026-03-16T12:00:00Z"));

        PlanChangeView change = changePlan.change(new ChangePlanCommand(customer.id(), PlanCode.of("growth"),
                Actor.system()));
        bed.clock.set(Instant.parse("2026-04-01T02:00:00Z"));
        bed.runClose();

        // Starter less its trial share (99 - 99 x 14/31 = 99 - 44.71) plus the upgrade's net 200.00: 254.29.
        // The invoice's trial line discounts Growth's fee (499 x 14/31 = 225.32), so the upgrade's line must
        // not also take Starter's trial days back off at Growth's rate.
        assertThat(change.prorationCharge()).hasValueSatisfying(
                net -> assertThat(net.isEqualTo(Money.of("200.00", "USD"))).isTrue());
        Invoice march = bed.invoices.findByPeriod(subscription.id(), LocalDate.of(2026, 3, 1)).orElseThrow();
        assertThat(march.totals().total().amount()).isEqualByComparingTo("254.29");
    }
}
