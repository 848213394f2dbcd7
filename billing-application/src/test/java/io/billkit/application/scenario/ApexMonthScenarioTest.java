package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceLineView;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.usage.CurrentUsageView;
import io.billkit.application.port.in.usage.DailyUsageView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.in.usage.UsageHistoryQuery;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.audit;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.local;
import static io.billkit.application.scenario.ScenarioKit.meter;
import static io.billkit.application.scenario.ScenarioKit.record;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The apex seed over a whole month: an ad-tech customer in Berlin (20 % VAT) on Growth (10M impressions,
 * 1M API calls, 500 GB per period, package-priced overage) in March 2026, a month with a DST switch
 * (March 29: the day has 23 hours, and April 1 00:00 local is 22:00 UTC, not 23:00).
 *
 * <p>Usage arrives once a day in batches for March 1..25: 500,000 impressions (5 x 100,000),
 * 48,000 API calls (4 x 12,000) and 20.4 GB, which makes 12.5M / 1.2M / 510 GB by the end of the month.
 * On day 10 one impressions event is sent late, the next evening; on day 15 the day-14 batch is sent again;
 * the last 0.4 GB of March arrive in the grace hour after the month, together with April's first impressions.
 */
public class ApexMonthScenarioTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MARCH_1 = LocalDate.of(2026, 3, 1);
    private static final int DAYS_WITH_USAGE = 25;
    private static final int LATE_DAY = 10;
    private static final int REPLAYED_DAY = 14;

    private final SettableClock clock = new SettableClock(local(MARCH_1, "09:00", BERLIN));
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(ports(provider), SeedCatalogs.apex(), clock,
            BillingSettings.defaults());
    private final CustomerId acme = CustomerId.of("cus_acme_ads");

    /**
     * The stores the month runs on: in memory here. Subclasses run the same month, with the same assertions, on
     * PostgreSQL and on PostgreSQL with usage events in ClickHouse (bootstrap); called while this instance is
     * constructed, so an override may use only static state.
     */
    protected BillingPorts ports(MockPaymentProvider provider) {
        return InMemoryBillingPorts.create(provider);
    }

    @Test
    public void a_growth_customer_in_berlin_runs_march_from_trial_to_a_taxed_invoice_with_three_overages() {
        // --- March 1, 09:00 Berlin: the customer signs up and subscribes to Growth (14-day trial)
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(acme, "Acme Ads GmbH",
                "billing@acme-ads.example", BERLIN, new BigDecimal("0.20"), 30, "Torstrasse 1, Berlin"), APP));
        SubscriptionView subscribed = billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("growth"), APP));

        assertThat(subscribed.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(subscribed.trialEnd()).contains(local(LocalDate.of(2026, 3, 15), "09:00", BERLIN));
        assertThat(subscribed.currentPeriodStart()).isEqualTo(MARCH_1);
        assertThat(subscribed.currentPeriodEnd()).isEqualTo(LocalDate.of(2026, 4, 1));
        String providerCustomer = audit(billing, acme, "customer.created").get(0).data().get("providerCustomer");
        String providerSubscription = audit(billing, acme, "subscription.created").get(0).data()
                .get("providerSubscription");
        assertThat(calls(provider, "createSubscription")).singleElement()
                .satisfies(call -> assertThat(call.arguments()).containsExactly(providerCustomer, "growth"));

        // --- March 1..31, every evening at 22:00 Berlin
        for (int dayOfMonth = 1; dayOfMonth <= 31; dayOfMonth++) {
            LocalDate day = MARCH_1.withDayOfMonth(dayOfMonth);
            clock.set(local(day, "22:00", BERLIN));

            if (dayOfMonth == LATE_DAY + 1) {
                sendTheLateImpressionsOfTheDayBefore(day.minusDays(1));
            }
            if (dayOfMonth <= DAYS_WITH_USAGE) {
                RecordUsageResult result = record(billing, dailyBatch(day));
                assertThat(result.count(UsageEventStatus.ACCEPTED)).isEqualTo(dailyBatch(day).size());
            }
            if (dayOfMonth == REPLAYED_DAY + 1) {
                replayingYesterdaysBatchChangesNothing(day.minusDays(1));
            }
            if (dayOfMonth == 15) {
                theTrialConvertsWhenTheProviderReportsTheSubscriptionActive(providerSubscription);
            }
            if (dayOfMonth == 20) {
                theCurrentUsageViewShowsTwentyDaysAgainstTheAllowances();
            }
        }

        // --- the period ended at April 1 00:00 CEST = March 31 22:00 UTC; the 1 h grace runs to 23:00 UTC
        clock.set(Instant.parse("2026-03-31T22:30:00Z")); // April 1, 00:30 in Berlin
        usageSentInTheGraceLandsInItsOwnPeriod();
        clock.set(Instant.parse("2026-03-31T22:59:59Z"));
        assertThat(billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB)).created())
                .as("still within the grace after the DST-shifted period end").isEmpty();

        clock.set(Instant.parse("2026-03-31T23:00:00Z")); // April 1, 01:00 in Berlin, still March 31 in UTC
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        assertThat(closed.created()).hasSize(1);
        InvoiceView invoice = ScenarioKit.invoice(billing, closed.created().get(0), acme);

        theInvoiceDiscountsTheTrialAndBillsThreeOveragesWithTax(invoice);
        lateUsageAfterTheCloseIsRefusedButAprilIsOpen();
        theSubscriptionMovedToApril();
        theAuditTrailTellsTheMonth(invoice);
        theProviderSawOneCustomerOneSubscriptionAndOneInvoice(invoice, providerCustomer);
    }

    // --- usage

    private List<UsageEventInput> dailyBatch(LocalDate day) {
        List<UsageEventInput> batch = new ArrayList<>();
        int impressionEvents = day.getDayOfMonth() == LATE_DAY ? 4 : 5; // the 5th of day 10 comes late
        for (int i = 1; i <= impressionEvents; i++) {
            batch.add(event(id(day, "imp", i), acme, IMPRESSIONS, "100000", local(day, "12:0" + i, BERLIN)));
        }
        for (int i = 1; i <= 4; i++) {
            batch.add(event(id(day, "api", i), acme, API_CALLS, "12000", local(day, "13:0" + i, BERLIN)));
        }
        // the last 0.4 GB of day 25 is reported in the grace hour after the month (see below)
        String gigabytes = day.getDayOfMonth() == DAYS_WITH_USAGE ? "20.0" : "20.4";
        batch.add(event(id(day, "gb", 1), acme, DATA_TRANSFER_GB, gigabytes, local(day, "14:00", BERLIN)));
        return batch;
    }

    private static String id(LocalDate day, String kind, int i) {
        return "acme-" + day + "-" + kind + "-" + i;
    }

    private void sendTheLateImpressionsOfTheDayBefore(LocalDate dayBefore) {
        UsageEventInput late = event(id(dayBefore, "imp", 5), acme, IMPRESSIONS, "100000",
                local(dayBefore, "23:50", BERLIN));

        RecordUsageResult result = record(billing, List.of(late));

        assertThat(result.outcomes()).containsExactly(UsageEventOutcome.accepted(late.eventId()));
        List<DailyUsageView> history = billing.usageHistory().history(new UsageHistoryQuery(acme,
                Optional.of(IMPRESSIONS), dayBefore, dayBefore.plusDays(1))).days();
        assertThat(history).singleElement().satisfies(d -> {
            assertThat(d.day()).as("the late event counts on the local day it happened").isEqualTo(dayBefore);
            assertThat(d.value()).isEqualByComparingTo("500000");
        });
    }

    private void replayingYesterdaysBatchChangesNothing(LocalDate yesterday) {
        CurrentUsageView before = billing.currentUsage().current(acme);

        RecordUsageResult replay = record(billing, dailyBatch(yesterday));

        assertThat(replay.outcomes()).extracting(UsageEventOutcome::status).containsOnly(UsageEventStatus.DUPLICATE);
        assertThat(replay.count(UsageEventStatus.DUPLICATE)).isEqualTo(10);
        CurrentUsageView after = billing.currentUsage().current(acme);
        for (MeterUsageView m : before.meters()) {
            assertThat(meter(after.meters(), m.meter()).used()).isEqualByComparingTo(m.used());
        }
        assertThat(meter(after.meters(), IMPRESSIONS).used()).isEqualByComparingTo("7500000");
    }

    private void theTrialConvertsWhenTheProviderReportsTheSubscriptionActive(String providerSubscription) {
        ProviderEventResult result = billing.handleProviderEvent().handle(new ProviderEvent.SubscriptionChanged(
                new ProviderEvent.Meta("evt_trial_over", clock.instant(), providerSubscription), providerSubscription,
                Optional.empty(), ProviderSubscriptionStatus.ACTIVE, Optional.empty()));

        assertThat(result).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(billing.subscription().current(acme).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    private void theCurrentUsageViewShowsTwentyDaysAgainstTheAllowances() {
        CurrentUsageView usage = billing.currentUsage().current(acme);

        assertThat(usage.periodStart()).isEqualTo(MARCH_1);
        assertThat(usage.periodEnd()).isEqualTo(LocalDate.of(2026, 4, 1));
        MeterUsageView impressions = meter(usage.meters(), IMPRESSIONS);
        assertThat(impressions.used()).isEqualByComparingTo("10000000");
        assertThat(impressions.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("100.0"));
        assertThat(impressions.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));
        assertThat(impressions.overageUnits()).isEqualByComparingTo("0");
        assertThat(impressions.overageCost()).isEqualTo(usd("0.00"));
        MeterUsageView api = meter(usage.meters(), API_CALLS);
        assertThat(api.used()).isEqualByComparingTo("960000");
        assertThat(api.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("96.0"));
        assertThat(api.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("40000"));
        MeterUsageView transfer = meter(usage.meters(), DATA_TRANSFER_GB);
        assertThat(transfer.used()).isEqualByComparingTo("408");
        assertThat(transfer.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("81.6"));
        assertThat(transfer.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("92"));
    }

    // --- the invoice and what follows

    private void theInvoiceDiscountsTheTrialAndBillsThreeOveragesWithTax(InvoiceView invoice) {
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.number()).contains("INV-2026-000001");
        assertThat(invoice.periodStart()).isEqualTo(MARCH_1);
        assertThat(invoice.periodEnd()).isEqualTo(LocalDate.of(2026, 4, 1));
        // Issued at 01:00 on April 1 in Berlin (still March 31 in UTC): net 30 from the local issue date.
        assertThat(invoice.dueDate()).contains(LocalDate.of(2026, 5, 1));

        // The 14-day trial waives the base fee's share of the period up to the trial's end; overage is billed.
        // March in Berlin: March 1 00:00 CET (Feb 28 23:00 UTC) to April 1 00:00 CEST (March 31 22:00 UTC)
        // = 31 x 24 - 1 (DST) = 743 h. The trial counts from the period start to its end, March 15 09:00 CET
        // (08:00 UTC): 14 d 9 h = 345 h. 499.00 x 345 / 743 = 172,155 / 743 = 231.7026 -> 231.70 (HALF_UP, once).
        assertThat(invoice.lines()).hasSize(5);
        InvoiceLineView base = invoice.lines().get(0);
        assertThat(base.kind()).isEqualTo("base_fee");
        assertThat(base.description()).isEqualTo("Growth plan (monthly)");
        assertThat(base.amount()).isEqualTo(usd("499.00"));
        InvoiceLineView trial = invoice.lines().get(1);
        assertThat(trial.kind()).isEqualTo("adjustment");
        assertThat(trial.description()).isEqualTo("Free trial until 15 Mar 2026");
        assertThat(trial.amount()).isEqualTo(usd("-231.70"));
        assertUsageLine(invoice.lines().get(2), "Ad impressions overage", "2500000", "USD 0.50 per 1000 units", "1250.00");
        assertUsageLine(invoice.lines().get(3), "API calls overage", "200000", "USD 0.10 per 1000 units", "20.00");
        assertUsageLine(invoice.lines().get(4), "Data transfer overage", "10", "USD 0.05 per unit", "0.50");
        // 499.00 - 231.70 + 1,250.00 + 20.00 + 0.50 = 1,537.80; tax on the discounted subtotal: 20 % = 307.56
        assertThat(invoice.subtotal()).isEqualTo(usd("1537.80"));
        assertThat(invoice.credits()).isEqualTo(usd("0.00"));
        assertThat(invoice.tax()).isEqualTo(usd("307.56"));
        assertThat(invoice.total()).isEqualTo(usd("1845.36"));
        assertThat(invoice.amountDue()).isEqualTo(usd("1845.36"));
        assertThat(invoice.providerInvoiceId()).isPresent();
    }

    private static void assertUsageLine(InvoiceLineView line, String description, String billable, String unitPrice,
                                        String amount) {
        assertThat(line.kind()).isEqualTo("usage");
        assertThat(line.description()).isEqualTo(description);
        assertThat(line.quantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo(billable));
        assertThat(line.unitPrice()).contains(unitPrice);
        assertThat(line.amount()).isEqualTo(usd(amount));
    }

    /** Before the close, a late March event still counts for March, and an April event for April. */
    private void usageSentInTheGraceLandsInItsOwnPeriod() {
        UsageEventInput lateMarch = event("acme-2026-03-31-gb-late", acme, DATA_TRANSFER_GB, "0.4",
                local(LocalDate.of(2026, 3, 31), "23:30", BERLIN));
        UsageEventInput earlyApril = event("acme-2026-04-01-imp-0", acme, IMPRESSIONS, "2000",
                local(LocalDate.of(2026, 4, 1), "00:10", BERLIN));

        RecordUsageResult result = record(billing, List.of(lateMarch, earlyApril));

        assertThat(result.count(UsageEventStatus.ACCEPTED)).isEqualTo(2);
        CurrentUsageView now = billing.currentUsage().current(acme);
        assertThat(now.periodStart()).as("the current period is April's once March has ended")
                .isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(meter(now.meters(), IMPRESSIONS).used()).isEqualByComparingTo("2000");
    }

    private void lateUsageAfterTheCloseIsRefusedButAprilIsOpen() {
        clock.set(local(LocalDate.of(2026, 4, 1), "09:00", BERLIN));
        UsageEventInput tooLate = event("acme-2026-03-31-late", acme, IMPRESSIONS, "1000",
                local(LocalDate.of(2026, 3, 31), "23:59", BERLIN));
        UsageEventInput april = event("acme-2026-04-01-imp-1", acme, IMPRESSIONS, "1000",
                local(LocalDate.of(2026, 4, 1), "00:00", BERLIN));

        RecordUsageResult result = record(billing, List.of(tooLate, april));

        assertThat(result.outcomes().get(0).status()).isEqualTo(UsageEventStatus.REJECTED);
        assertThat(result.outcomes().get(0).errorCode()).contains(ErrorCode.PERIOD_CLOSED);
        assertThat(result.outcomes().get(1)).isEqualTo(UsageEventOutcome.accepted(april.eventId()));
        assertThat(meter(billing.currentUsage().current(acme).meters(), IMPRESSIONS).used())
                .isEqualByComparingTo("3000");
    }

    private void theSubscriptionMovedToApril() {
        SubscriptionView renewed = billing.subscription().current(acme).orElseThrow();
        assertThat(renewed.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(renewed.currentPeriodStart()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(renewed.currentPeriodEnd()).isEqualTo(LocalDate.of(2026, 5, 1));
    }

    private void theAuditTrailTellsTheMonth(InvoiceView invoice) {
        List<AuditEntry> trail = audit(billing, acme);
        List<String> actions = trail.stream().map(AuditEntry::action).toList();

        // 25 daily batches + the late event + the replay + the grace-hour batch + the post-close batch
        assertThat(actions.stream().filter("usage.recorded"::equals)).hasSize(29);
        assertThat(actions.stream().filter(a -> !a.equals("usage.recorded")).toList()).containsExactly(
                "customer.created", "subscription.created", "provider.event", "subscription.renewed",
                "invoice.finalized", "invoice.pushed");
        assertThat(audit(billing, acme, "subscription.created")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(APP.subject());
            assertThat(e.ip()).isEqualTo(APP.ip());
            assertThat(e.data()).containsEntry("plan", "growth").containsEntry("status", "TRIALING")
                    .containsEntry("periodStart", "2026-03-01").containsEntry("periodEnd", "2026-04-01");
        });
        assertThat(audit(billing, acme, "usage.recorded")).filteredOn(e -> e.data().get("duplicate").equals("10"))
                .singleElement().satisfies(e -> assertThat(e.data()).containsEntry("accepted", "0"));
        assertThat(audit(billing, acme, "usage.recorded")).last().satisfies(e ->
                assertThat(e.data()).containsEntry("accepted", "1").containsEntry("rejected", "1"));
        assertThat(audit(billing, acme, "invoice.finalized")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(BILLING_JOB.subject());
            assertThat(e.at()).isEqualTo(Instant.parse("2026-03-31T23:00:00Z"));
            assertThat(e.data()).containsEntry("invoice", invoice.id().value())
                    .containsEntry("number", "INV-2026-000001").containsEntry("total", "1845.36")
                    .containsEntry("currency", "USD").containsEntry("dueDate", "2026-05-01")
                    .containsEntry("periodStart", "2026-03-01").containsEntry("periodEnd", "2026-04-01");
        });
        assertThat(audit(billing, acme, "invoice.pushed")).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("providerInvoice", invoice.providerInvoiceId().orElseThrow())
                        .containsEntry("total", "USD 1845.36"));
    }

    private void theProviderSawOneCustomerOneSubscriptionAndOneInvoice(InvoiceView invoice, String providerCustomer) {
        assertThat(provider.callNames()).containsExactly("createCustomer", "createSubscription", "createInvoice");
        assertThat(calls(provider, "createCustomer")).singleElement().satisfies(call -> {
            assertThat(call.arguments()).containsExactly(acme.value(), "Acme Ads GmbH", "billing@acme-ads.example");
            assertThat(call.idempotencyKey()).isEqualTo("customer-create-" + acme.value());
        });
        assertThat(calls(provider, "createInvoice")).singleElement().satisfies(call -> {
            assertThat(call.idempotencyKey()).isEqualTo(invoice.id().value());
            assertThat(call.arguments()).containsExactly(providerCustomer, "2026-05-01",
                    "Growth plan (monthly)=USD 499.00",
                    "Free trial until 15 Mar 2026=USD -231.70",
                    "Ad impressions overage=USD 1250.00",
                    "API calls overage=USD 20.00",
                    "Data transfer overage=USD 0.50",
                    "Tax (20%)=USD 307.56");
        });
        assertThat(provider.invoices()).singleElement().satisfies(pushed -> {
            assertThat(pushed.id()).isEqualTo(invoice.providerInvoiceId().orElseThrow());
            assertThat(pushed.total()).isEqualTo(usd("1845.36"));
            assertThat(pushed.amountDue()).isEqualTo(usd("1845.36"));
            assertThat(pushed.status()).isEqualTo(ProviderInvoiceStatus.OPEN);
            assertThat(pushed.customerId()).isEqualTo(providerCustomer);
        });
    }
}
