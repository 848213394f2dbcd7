package io.billkit.application.service;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.PendingChargeStore.PendingCharge;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

class ClosePeriodServiceTest {
    private static final Instant JAN_1 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant FEB_1_AFTER_GRACE = Instant.parse("2026-02-01T01:00:00Z");
    private static final Instant MAR_1_AFTER_GRACE = Instant.parse("2026-03-01T01:00:00Z");

    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());

    private Customer apexGrowthCustomerWithJanuaryUsage() {
        Customer customer = bed.customer("cus_apex", "0.20");
        bed.subscribe(customer, "growth", JAN_1);
        bed.usage.add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 10), "7500000")
                .add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 31), "5000000")
                .add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 15), "1200000")
                .add(customer.id(), DATA_TRANSFER_GB, LocalDate.of(2026, 1, 20), "510");
        return customer;
    }

    private Invoice onlyInvoiceOf(Customer customer) {
        List<Invoice> all = bed.invoices.list(customer.id(), InvoiceStore.Filter.none(), 0, 100).items();
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    @Test
    void apex_growth_month_bills_base_fee_three_overages_and_20_percent_tax() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult result = bed.runClose();

        assertThat(result.created()).hasSize(1);
        assertThat(result.failures()).isEmpty();
        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(
                usd("499.00"), usd("1250.00"), usd("20.00"), usd("0.50"));
        assertThat(invoice.lines().get(1)).isInstanceOfSatisfying(InvoiceLine.UsageLine.class,
                line -> assertThat(line.billableQuantity()).isEqualByComparingTo("2500000"));
        assertThat(invoice.totals().subtotal()).isEqualTo(usd("1769.50"));
        assertThat(invoice.totals().tax()).isEqualTo(usd("353.90"));
        assertThat(invoice.totals().total()).isEqualTo(usd("2123.40"));
        assertThat(invoice.number()).contains(InvoiceNumber.of(2026, 1));
        assertThat(invoice.number().orElseThrow().toString()).isEqualTo("INV-2026-000001");
        assertThat(invoice.periodStart()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(invoice.periodEndExclusive()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(invoice.dueDate()).contains(LocalDate.of(2026, 3, 3));
    }

    @Test
    void the_invoice_is_pushed_to_the_provider_with_tax_and_linked() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(bed.provider.invoices()).singleElement().satisfies(pushed -> {
            assertThat(pushed.total()).isEqualTo(usd("2123.40"));
            assertThat(pushed.customerId()).isEqualTo(bed.providerCustomer(customer));
            assertThat(bed.references.providerId("invoice", invoice.id().value())).contains(pushed.id());
        });
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice"))
                .singleElement().satisfies(call -> {
                    assertThat(call.idempotencyKey()).isEqualTo(invoice.id().value());
                    assertThat(call.arguments()).contains("2026-03-03", "Tax (20%)=USD 353.90");
                });
    }

    @Test
    void the_next_period_renews_the_subscription_and_takes_the_next_number() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);
        bed.runClose();
        Subscription renewed = bed.subscriptions.findLive(customer.id()).orElseThrow();
        assertThat(renewed.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 2, 1));

        bed.clock.set(MAR_1_AFTER_GRACE);
        ClosePeriodResult march = bed.runClose();

        assertThat(march.created()).hasSize(1);
        Invoice february = bed.invoices.find(march.created().get(0)).orElseThrow();
        assertThat(february.number().orElseThrow().toString()).isEqualTo("INV-2026-000002");
        assertThat(february.periodStart()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(february.lines()).extracting(InvoiceLine::amount).containsExactly(usd("499.00"));
        assertThat(february.dueDate()).contains(LocalDate.of(2026, 3, 31));
    }

    @Test
    void a_period_is_not_closed_before_its_grace_has_passed() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(Instant.parse("2026-02-01T00:59:59Z"));

        ClosePeriodResult result = bed.runClose();

        assertThat(result.created()).isEmpty();
        assertThat(bed.invoices.list(customer.id(), InvoiceStore.Filter.none(), 0, 10).total()).isZero();
        assertThat(bed.closeGuard.isClosed(SubscriptionId.of("sub_cus_apex"), LocalDate.of(2026, 1, 1))).isFalse();
    }

    @Test
    void closing_marks_the_period_closed_for_late_usage() {
        apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        assertThat(bed.closeGuard.isClosed(SubscriptionId.of("sub_cus_apex"), LocalDate.of(2026, 1, 1))).isTrue();
    }

    @Test
    void running_the_job_twice_creates_one_invoice() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult first = bed.runClose();
        ClosePeriodResult second = bed.runClose();

        assertThat(first.created()).hasSize(1);
        assertThat(second.created()).isEmpty();
        assertThat(second.failures()).isEmpty();
        onlyInvoiceOf(customer);
        assertThat(bed.provider.invoices()).hasSize(1);
        assertThat(bed.outbox.unpublished(100)).filteredOn(e -> e.type().equals("invoice.created")).hasSize(1);
    }

    @Test
    void two_threads_closing_at_once_create_one_invoice() throws Exception {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);
        ClosePeriodService service = bed.closePeriod();

        List<ClosePeriodResult> results = ConcurrentRunner.runConcurrently(2,
                () -> service.close(new ClosePeriodCommand(Actor.system())));

        assertThat(results).flatExtracting(ClosePeriodResult::created).hasSize(1);
        assertThat(results).flatExtracting(ClosePeriodResult::failures).isEmpty();
        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.number().orElseThrow().toString()).isEqualTo("INV-2026-000001");
        assertThat(bed.provider.invoices()).hasSize(1);
        assertThat(bed.subscriptions.findLive(customer.id()).orElseThrow().currentPeriod().start())
                .isEqualTo(LocalDate.of(2026, 2, 1));
    }

    @Test
    void a_crash_after_the_draft_insert_is_finished_by_the_next_run_without_a_gap_in_numbers() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);
        CrashingInvoiceStore crashing = new CrashingInvoiceStore(bed.invoices);
        crashing.crashAfterNextInsert.set(true);

        ClosePeriodResult crashed = bed.closePeriod(crashing).close(new ClosePeriodCommand(Actor.system()));

        assertThat(crashed.created()).isEmpty();
        assertThat(crashed.failures()).singleElement().asString().contains("sub_cus_apex", "simulated crash");
        assertThat(bed.subscriptions.findLive(customer.id()).orElseThrow().currentPeriod().start())
                .isEqualTo(LocalDate.of(2026, 1, 1));

        ClosePeriodResult next = bed.closePeriod(crashing).close(new ClosePeriodCommand(Actor.system()));

        assertThat(next.created()).hasSize(1);
        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.number().orElseThrow().toString()).isEqualTo("INV-2026-000001");
        assertThat(invoice.totals().total()).isEqualTo(usd("2123.40"));
    }

    @Test
    void a_crash_after_taking_a_number_gives_the_number_back() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);
        CrashingInvoiceStore crashing = new CrashingInvoiceStore(bed.invoices);
        crashing.crashOnNextUpdate.set(true);

        assertThat(bed.closePeriod(crashing).close(new ClosePeriodCommand(Actor.system())).failures()).hasSize(1);
        bed.closePeriod(crashing).close(new ClosePeriodCommand(Actor.system()));

        assertThat(onlyInvoiceOf(customer).number().orElseThrow().toString()).isEqualTo("INV-2026-000001");
        assertThat(bed.audit("invoice.finalized")).hasSize(1);
    }

    @Test
    void a_left_over_draft_is_claimed_and_finished_by_the_next_run() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        Subscription subscription = bed.subscriptions.findLive(customer.id()).orElseThrow();
        Invoice leftOver = Invoice.draft(InvoiceId.of("inv_left_over"), customer, subscription.id(),
                Money.currency("USD"), LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1),
                List.of(new InvoiceLine.BaseFeeLine("Growth plan (monthly)", PlanCode.of("growth"), usd("499.00"))));
        bed.invoices.insertIfAbsent(leftOver);
        bed.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult result = bed.runClose();

        assertThat(result.created()).containsExactly(InvoiceId.of("inv_left_over"));
        Invoice finished = onlyInvoiceOf(customer);
        assertThat(finished.id()).isEqualTo(InvoiceId.of("inv_left_over"));
        assertThat(finished.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(finished.number().orElseThrow().toString()).isEqualTo("INV-2026-000001");
        assertThat(bed.subscriptions.findLive(customer.id()).orElseThrow().currentPeriod().start())
                .isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(bed.references.providerId("invoice", "inv_left_over")).isPresent();
    }

    @Test
    void a_provider_failure_leaves_the_invoice_open_and_the_next_run_pushes_it_once() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);
        bed.provider.failNextCall(MockPaymentProvider.Failure.TIMEOUT);

        ClosePeriodResult failed = bed.runClose();

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(failed.created()).containsExactly(invoice.id());
        assertThat(failed.failures()).singleElement().asString().contains("INV-2026-000001", "PROVIDER_UNAVAILABLE");
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(bed.references.providerId("invoice", invoice.id().value())).isEmpty();
        assertThat(bed.provider.invoices()).isEmpty();

        ClosePeriodResult retried = bed.runClose();
        ClosePeriodResult again = bed.runClose();

        assertThat(retried.failures()).isEmpty();
        assertThat(retried.created()).isEmpty();
        assertThat(again.failures()).isEmpty();
        assertThat(bed.provider.invoices()).singleElement()
                .satisfies(pushed -> assertThat(bed.references.providerId("invoice", invoice.id().value()))
                        .contains(pushed.id()));
        assertThat(bed.provider.calls()).filteredOn(c -> c.method().equals("createInvoice")).hasSize(2)
                .allSatisfy(call -> assertThat(call.idempotencyKey()).isEqualTo(invoice.id().value()));
    }

    @Test
    void a_period_without_usage_still_bills_the_base_fee() {
        Customer customer = bed.customer("cus_quiet", "0.20");
        bed.subscribe(customer, "starter", JAN_1);
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(usd("99.00"));
        assertThat(invoice.totals().total()).isEqualTo(usd("118.80"));
    }

    @Test
    void a_free_plan_without_usage_gets_a_zero_invoice_that_is_not_pushed() {
        InvoiceTestBed mortgage = new InvoiceTestBed(SeedCatalogs.mortgage());
        Customer customer = mortgage.customer("cus_free", "0.20");
        mortgage.subscribe(customer, "free", JAN_1);
        mortgage.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult result = mortgage.runClose();

        assertThat(result.failures()).isEmpty();
        Invoice invoice = mortgage.invoices.find(result.created().get(0)).orElseThrow();
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.lines()).isEmpty();
        assertThat(invoice.totals().total().isZero()).isTrue();
        assertThat(invoice.number().orElseThrow().toString()).isEqualTo("INV-2026-000001");
        assertThat(mortgage.provider.invoices()).isEmpty();
        assertThat(mortgage.runClose().failures()).isEmpty();
        assertThat(mortgage.provider.invoices()).isEmpty();
    }

    @Test
    void daily_allowances_bill_each_days_overage_on_its_own() {
        InvoiceTestBed mortgage = new InvoiceTestBed(SeedCatalogs.mortgage());
        Customer customer = mortgage.customer("cus_lender", "0");
        mortgage.subscribe(customer, "enterprise", JAN_1);
        // 100,000 API calls a day are included: 150,000 on one day is 50,000 over; 50,000 on another is not
        mortgage.usage.add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 5), "150000")
                .add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 6), "50000");
        mortgage.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult result = mortgage.runClose();

        Invoice invoice = mortgage.invoices.find(result.created().get(0)).orElseThrow();
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(usd("499.00"), usd("500.00"));
        assertThat(invoice.lines().get(1)).isInstanceOfSatisfying(InvoiceLine.UsageLine.class, line -> {
            assertThat(line.quantity()).isEqualByComparingTo("200000");
            assertThat(line.billableQuantity()).isEqualByComparingTo("50000");
            assertThat(line.includedQuantity()).isEqualByComparingTo("3100000");
        });
    }

    @Test
    void pending_charges_of_the_period_are_invoiced_once() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        SubscriptionId subscription = SubscriptionId.of("sub_cus_apex");
        bed.pendingCharges.add(new PendingCharge("chg_upgrade", subscription,
                new InvoiceLine.ProrationLine("Upgrade proration", usd("25.00")), Instant.parse("2026-01-20T10:00:00Z")));
        bed.pendingCharges.add(new PendingCharge("chg_next_period", subscription,
                new InvoiceLine.AdjustmentLine("Setup fee", usd("10.00")), Instant.parse("2026-02-01T00:30:00Z")));
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.lines()).extracting(InvoiceLine::description).contains("Upgrade proration")
                .doesNotContain("Setup fee");
        assertThat(invoice.totals().subtotal()).isEqualTo(usd("1794.50"));
        assertThat(bed.pendingCharges.peek(subscription)).extracting(PendingCharge::id).containsExactly("chg_next_period");
    }

    @Test
    void a_scheduled_downgrade_applies_at_renewal_and_a_scheduled_cancel_ends_the_subscription() {
        Customer downgrading = bed.customer("cus_down", "0");
        Subscription growth = bed.subscribe(downgrading, "growth", JAN_1);
        bed.subscriptions.save(growth.scheduleDowngrade(PlanCode.of("starter")));
        Customer leaving = bed.customer("cus_leave", "0");
        Subscription leavingSub = bed.subscribe(leaving, "starter", JAN_1);
        bed.subscriptions.save(leavingSub.scheduleCancelAtPeriodEnd());
        bed.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult result = bed.runClose();

        assertThat(result.created()).hasSize(2);
        assertThat(onlyInvoiceOf(downgrading).lines()).extracting(InvoiceLine::amount).containsExactly(usd("499.00"));
        assertThat(bed.subscriptions.findLive(downgrading.id()).orElseThrow().plan()).isEqualTo(PlanCode.of("starter"));
        assertThat(onlyInvoiceOf(leaving).lines()).extracting(InvoiceLine::amount).containsExactly(usd("99.00"));
        Subscription cancelled = bed.subscriptions.findLatest(leaving.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(cancelled.cancelledAt()).contains(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(bed.runClose().created()).isEmpty();
    }

    @Test
    void subscription_credits_of_the_old_period_expire_and_the_next_periods_are_granted_once() {
        InvoiceTestBed credits = new InvoiceTestBed(SeedCatalogs.credits());
        Customer customer = credits.customer("cus_credits", "0");
        Subscription subscription = credits.subscribe(customer, "monthly", JAN_1);
        CreditLedger empty = credits.credits.load(customer.id());
        credits.credits.apply(empty.version(), empty.grant(CreditGrant.subscription(CreditGrantId.of("sub_cus_credits:p0"),
                customer.id(), credits.catalog.requirePlan(PlanCode.of("monthly")), JAN_1,
                Instant.parse("2026-02-01T00:00:00Z"), "period 0")));
        credits.clock.set(FEB_1_AFTER_GRACE);

        ClosePeriodResult result = credits.runClose();
        credits.runClose();

        Invoice invoice = credits.invoices.find(result.created().get(0)).orElseThrow();
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(usd("49.00"));
        assertThat(invoice.lines()).noneMatch(line -> line instanceof InvoiceLine.CreditAppliedLine);
        CreditLedger ledger = credits.credits.load(customer.id());
        assertThat(ledger.grant(CreditGrantId.of("sub_cus_credits:p0")).orElseThrow().remaining()).isZero();
        CreditGrant next = ledger.grant(CreditGrantId.of("sub_cus_credits:p1")).orElseThrow();
        assertThat(next.amount()).isEqualByComparingTo("10000");
        assertThat(next.grantedAt()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(next.expiresAt()).contains(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(ledger.balance(FEB_1_AFTER_GRACE).total()).isEqualByComparingTo("10000");
        assertThat(ledger.grants()).hasSize(2);
        assertThat(subscription.id()).isEqualTo(SubscriptionId.of("sub_cus_credits"));
    }

    @Test
    void finalizing_writes_the_outbox_event_and_the_audit_entry() {
        Customer customer = apexGrowthCustomerWithJanuaryUsage();
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        Invoice invoice = onlyInvoiceOf(customer);
        OutboxEvent created = bed.outbox.unpublished(100).stream().filter(e -> e.type().equals("invoice.created"))
                .findFirst().orElseThrow();
        assertThat(created.aggregate()).isEqualTo(invoice.id().value());
        assertThat(created.customerId()).isEqualTo("cus_apex");
        assertThat(created.payload()).containsEntry("number", "INV-2026-000001").containsEntry("total", "2123.40");
        assertThat(created.createdAt()).isEqualTo(FEB_1_AFTER_GRACE);
        assertThat(bed.audit("invoice.finalized")).singleElement().satisfies(entry -> {
            assertThat(entry.customer()).contains(CustomerId.of("cus_apex"));
            assertThat(entry.actor()).isEqualTo("system");
            assertThat(entry.data()).containsEntry("invoice", invoice.id().value());
        });
        assertThat(bed.audit("subscription.renewed")).hasSize(1);
        assertThat(bed.audit("invoice.pushed")).hasSize(1);
    }

    // --- trials

    @Test
    void a_trial_inside_the_period_discounts_its_share_of_the_base_fee_once_and_overage_is_billed_in_full() {
        Customer customer = bed.customer("cus_trial", "0.20");
        Subscription trialing = bed.subscribeWithTrial(customer, "growth", JAN_1);
        assertThat(trialing.trialEnd()).contains(Instant.parse("2026-01-15T00:00:00Z"));
        bed.usage.add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 10), "12500000")
                .add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 15), "1200000")
                .add(customer.id(), DATA_TRANSFER_GB, LocalDate.of(2026, 1, 20), "510");
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        // January in UTC: 31 x 24 = 744 h; the trial runs Jan 1 00:00 -> Jan 15 00:00 = 336 h.
        // 499.00 x 336 / 744 = 167,664 / 744 = 225.3548 -> 225.35 (HALF_UP, once)
        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(
                usd("499.00"), usd("-225.35"), usd("1250.00"), usd("20.00"), usd("0.50"));
        assertThat(invoice.lines().get(1)).isInstanceOfSatisfying(InvoiceLine.AdjustmentLine.class,
                line -> assertThat(line.description()).isEqualTo("Free trial until 15 Jan 2026"));
        // 1,769.50 - 225.35 = 1,544.15; tax 20 % of the discounted subtotal = 308.83; total 1,852.98
        assertThat(invoice.totals().subtotal()).isEqualTo(usd("1544.15"));
        assertThat(invoice.totals().tax()).isEqualTo(usd("308.83"));
        assertThat(invoice.totals().total()).isEqualTo(usd("1852.98"));
        assertThat(bed.provider.invoices()).singleElement()
                .satisfies(pushed -> assertThat(pushed.total()).isEqualTo(usd("1852.98")));

        bed.clock.set(MAR_1_AFTER_GRACE);
        ClosePeriodResult march = bed.runClose();

        Invoice february = bed.invoices.find(march.created().get(0)).orElseThrow();
        assertThat(february.lines()).as("the trial ended before February").extracting(InvoiceLine::amount)
                .containsExactly(usd("499.00"));
    }

    @Test
    void a_trial_covering_the_whole_period_nets_the_base_fee_to_zero_and_discounts_the_next_period_up_to_its_end() {
        Customer customer = bed.customer("cus_long_trial", "0.20");
        Subscription started = Subscription.start(SubscriptionId.of("sub_cus_long_trial"), customer.id(),
                bed.catalog.requirePlan(PlanCode.of("growth")), JAN_1, customer.timeZone());
        Instant trialEnd = Instant.parse("2026-02-10T00:00:00Z"); // a trial extended by hand past January
        bed.subscriptions.save(new Subscription(started.id(), started.customer(), started.plan(), started.status(),
                started.schedule(), started.currentPeriod(), Optional.of(trialEnd), false, Optional.empty(),
                Optional.empty(), started.createdAt(), 0));
        bed.usage.add(customer.id(), API_CALLS, LocalDate.of(2026, 1, 15), "1200000");
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        Invoice january = onlyInvoiceOf(customer);
        assertThat(january.lines()).extracting(InvoiceLine::amount).containsExactly(
                usd("499.00"), usd("-499.00"), usd("20.00"));
        assertThat(january.lines().get(1).description()).isEqualTo("Free trial until 10 Feb 2026");
        // base nets to 0.00; the 200,000 API calls over the allowance are billed: 20.00 + 20 % tax = 24.00
        assertThat(january.totals().subtotal()).isEqualTo(usd("20.00"));
        assertThat(january.totals().total()).isEqualTo(usd("24.00"));
        Subscription renewed = bed.subscriptions.find(started.id()).orElseThrow();
        assertThat(renewed.status()).as("the trial has not ended yet").isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(renewed.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 2, 1));

        bed.clock.set(MAR_1_AFTER_GRACE);
        ClosePeriodResult march = bed.runClose();

        // February: 28 x 24 = 672 h, trial Feb 1 00:00 -> Feb 10 00:00 = 216 h: 499.00 x 216 / 672 = 160.3929 -> 160.39
        Invoice february = bed.invoices.find(march.created().get(0)).orElseThrow();
        assertThat(february.lines()).extracting(InvoiceLine::amount).containsExactly(usd("499.00"), usd("-160.39"));
        assertThat(february.totals().total()).isEqualTo(usd("406.33")); // 338.61 + 20 % = 338.61 + 67.72
        assertThat(bed.subscriptions.find(started.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void a_plan_without_a_trial_gets_no_trial_adjustment() {
        Customer customer = bed.customer("cus_scale", "0");
        Subscription scale = bed.subscribeWithTrial(customer, "scale", JAN_1);
        assertThat(scale.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(scale.trialEnd()).isEmpty();
        bed.clock.set(FEB_1_AFTER_GRACE);

        bed.runClose();

        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.lines()).noneMatch(line -> line instanceof InvoiceLine.AdjustmentLine);
        assertThat(invoice.lines()).extracting(InvoiceLine::amount).containsExactly(usd("1999.00"));
        assertThat(bed.audit("subscription.activated")).isEmpty();
    }

    @Test
    void a_second_run_and_a_run_after_a_crash_keep_exactly_one_trial_adjustment() {
        Customer customer = bed.customer("cus_trial", "0");
        bed.subscribeWithTrial(customer, "starter", JAN_1);
        bed.clock.set(FEB_1_AFTER_GRACE);
        CrashingInvoiceStore crashing = new CrashingInvoiceStore(bed.invoices);
        crashing.crashAfterNextInsert.set(true);

        assertThat(bed.closePeriod(crashing).close(new ClosePeriodCommand(Actor.system())).failures()).hasSize(1);
        ClosePeriodResult finished = bed.closePeriod(crashing).close(new ClosePeriodCommand(Actor.system()));
        ClosePeriodResult again = bed.runClose();

        assertThat(finished.created()).hasSize(1);
        assertThat(again.created()).isEmpty();
        assertThat(again.failures()).isEmpty();
        // 99.00 x 336 / 744 = 33,264 / 744 = 44.7097 -> 44.71; 99.00 - 44.71 = 54.29
        Invoice invoice = onlyInvoiceOf(customer);
        assertThat(invoice.lines()).filteredOn(line -> line instanceof InvoiceLine.AdjustmentLine).singleElement()
                .satisfies(line -> assertThat(line.amount()).isEqualTo(usd("-44.71")));
        assertThat(invoice.totals().total()).isEqualTo(usd("54.29"));
        assertThat(bed.provider.invoices()).singleElement()
                .satisfies(pushed -> assertThat(pushed.total()).isEqualTo(usd("54.29")));
        assertThat(bed.audit("subscription.activated")).hasSize(1);
    }

    @Test
    void a_run_converts_a_trial_that_has_ended_once_even_before_any_period_is_due() {
        Customer customer = bed.customer("cus_trial", "0");
        Subscription trialing = bed.subscribeWithTrial(customer, "growth", JAN_1);
        bed.clock.set(Instant.parse("2026-01-14T23:59:59Z"));

        assertThat(bed.runClose().failures()).isEmpty();
        assertThat(bed.subscriptions.find(trialing.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.TRIALING);

        bed.clock.set(Instant.parse("2026-01-15T00:00:00Z")); // the trial's end
        ClosePeriodResult first = bed.runClose();
        ClosePeriodResult second = bed.runClose();

        assertThat(first.failures()).isEmpty();
        assertThat(first.created()).isEmpty();
        assertThat(second.failures()).isEmpty();
        Subscription active = bed.subscriptions.find(trialing.id()).orElseThrow();
        assertThat(active.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(active.version()).isEqualTo(1);
        assertThat(active.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(bed.audit("subscription.activated")).singleElement().satisfies(entry -> {
            assertThat(entry.customer()).contains(customer.id());
            assertThat(entry.actor()).isEqualTo("system");
            assertThat(entry.data()).containsEntry("subscription", trialing.id().value())
                    .containsEntry("status", "ACTIVE").containsEntry("trialEnd", "2026-01-15T00:00:00Z");
        });
        assertThat(bed.outbox.unpublished(100)).filteredOn(e -> e.type().equals("subscription.activated"))
                .singleElement().satisfies(event -> {
                    assertThat(event.aggregate()).isEqualTo(trialing.id().value());
                    assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-01-15T00:00:00Z"));
                });
    }

    @Test
    void a_trialing_subscription_whose_trial_ended_is_activated_when_it_is_renewed() {
        Customer customer = bed.customer("cus_trial", "0");
        Subscription trialing = bed.subscribeWithTrial(customer, "growth", JAN_1);
        bed.clock.set(FEB_1_AFTER_GRACE);
        ClosePeriodService missingTheTrialSweep = ClosePeriodService.standard(bed.catalog, bed.customers,
                new NoLiveListing(bed.subscriptions), bed.usage, bed.pendingCharges, bed.closeGuard, bed.invoices,
                bed.credits, bed.references, bed.provider, bed.outbox, bed.tx, bed.audit, bed.clock,
                ClosePeriodService.Settings.defaults());

        ClosePeriodResult result = missingTheTrialSweep.close(new ClosePeriodCommand(Actor.system()));

        assertThat(result.failures()).isEmpty();
        assertThat(result.created()).hasSize(1);
        Subscription renewed = bed.subscriptions.find(trialing.id()).orElseThrow();
        assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(renewed.currentPeriod().start()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(renewed.version()).as("activated, then renewed").isEqualTo(2);
        assertThat(bed.audit("subscription.activated")).hasSize(1);
        assertThat(bed.audit("subscription.renewed")).singleElement()
                .satisfies(entry -> assertThat(entry.data()).containsEntry("status", "ACTIVE"));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    /** A subscription store that lists no live subscription and no ended trial, so only renewals can see a trial. */
    private record NoLiveListing(SubscriptionStore delegate) implements SubscriptionStore {
        @Override
        public void save(Subscription subscription) {
            delegate.save(subscription);
        }

        @Override
        public Optional<Subscription> find(SubscriptionId id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Subscription> findLive(CustomerId customer) {
            return delegate.findLive(customer);
        }

        @Override
        public Optional<Subscription> findLatest(CustomerId customer) {
            return delegate.findLatest(customer);
        }

        @Override
        public List<Subscription> periodEndedBy(Instant cutoff, int limit) {
            return delegate.periodEndedBy(cutoff, limit);
        }

        @Override
        public List<Subscription> claimPeriodEndedBy(Instant cutoff, int limit, java.util.Set<SubscriptionId> skip) {
            return delegate.claimPeriodEndedBy(cutoff, limit, skip);
        }

        @Override
        public List<Subscription> claimTrialsEndedBy(Instant now, int limit, java.util.Set<SubscriptionId> skip) {
            return List.of();
        }

        @Override
        public List<Subscription> live() {
            return List.of();
        }

        @Override
        public java.util.Map<CustomerId, Subscription> currentOf(java.util.Collection<CustomerId> customers) {
            return delegate.currentOf(customers);
        }
    }

    /** Delegates to the real store and throws once, after the insert or instead of the update, when told to. */
    private static final class CrashingInvoiceStore implements InvoiceStore {
        private final InvoiceStore delegate;
        final AtomicBoolean crashAfterNextInsert = new AtomicBoolean();
        final AtomicBoolean crashOnNextUpdate = new AtomicBoolean();

        CrashingInvoiceStore(InvoiceStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean insertIfAbsent(Invoice invoice) {
            boolean inserted = delegate.insertIfAbsent(invoice);
            if (crashAfterNextInsert.getAndSet(false)) {
                throw new IllegalStateException("simulated crash after the draft insert");
            }
            return inserted;
        }

        @Override
        public void update(Invoice invoice) {
            if (crashOnNextUpdate.getAndSet(false)) {
                throw new IllegalStateException("simulated crash after taking a number");
            }
            delegate.update(invoice);
        }

        @Override
        public Optional<Invoice> find(InvoiceId id) {
            return delegate.find(id);
        }

        @Override
        public Optional<Invoice> findByPeriod(SubscriptionId subscription, LocalDate periodStart) {
            return delegate.findByPeriod(subscription, periodStart);
        }

        @Override
        public InvoiceNumber nextNumber(int year) {
            return delegate.nextNumber(year);
        }

        @Override
        public List<Invoice> claimDrafts(int limit) {
            return delegate.claimDrafts(limit);
        }

        @Override
        public List<Invoice> claimPushes(java.time.Instant now, java.time.Instant leaseUntil, int limit) {
            return delegate.claimPushes(now, leaseUntil, limit);
        }

        @Override
        public boolean claimPush(InvoiceId id, java.time.Instant now, java.time.Instant leaseUntil) {
            return delegate.claimPush(id, now, leaseUntil);
        }

        @Override
        public void releasePush(InvoiceId id) {
            delegate.releasePush(id);
        }

        @Override
        public void markPushed(InvoiceId id) {
            delegate.markPushed(id);
        }

        @Override
        public Page list(CustomerId customer, Filter filter, int offset, int limit) {
            return delegate.list(customer, filter, offset, limit);
        }
    }
}
