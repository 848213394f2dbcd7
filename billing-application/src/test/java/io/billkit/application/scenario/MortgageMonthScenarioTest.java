package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceLineView;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.quota.Admission;
import io.billkit.application.port.in.quota.CheckQuotaQuery;
import io.billkit.application.port.in.quota.ConsumeQuotaCommand;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
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

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.audit;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.local;
import static io.billkit.application.scenario.ScenarioKit.meter;
import static io.billkit.application.scenario.ScenarioKit.qty;
import static io.billkit.application.scenario.ScenarioKit.record;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static io.billkit.domain.catalog.seed.SeedCatalogs.AI_REQUESTS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.AI_TOKENS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.REPORTS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mortgage seed over April 2026 with two customers on one BillKit:
 * <ul>
 *   <li>Harbor Homes (New York, 8.875 % sales tax) on Pro: HARD daily limits of 10,000 API calls and
 *       1,000 AI requests, enforced per local (New York) day; AI tokens, reports past 50 a month and
 *       webhook deliveries past 1,000 a month are billed;</li>
 *   <li>Summit Lending (Tokyo, 10 % consumption tax) on Enterprise: SOFT daily allowances of 100,000 API
 *       calls and 10,000 AI requests, billed past each day's allowance on its own (a quiet day never offsets
 *       a busy one), days counted in Tokyo time.</li>
 * </ul>
 * Every day Summit's usage is sent at 20:00 Tokyo and Harbor's at 12:00 New York.
 */
class MortgageMonthScenarioTest {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate APRIL_1 = LocalDate.of(2026, 4, 1);
    private static final LocalDate LIMIT_DAY = LocalDate.of(2026, 4, 7);

    private final SettableClock clock = new SettableClock(local(APRIL_1, "09:00", TOKYO));
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(InMemoryBillingPorts.create(provider),
            SeedCatalogs.mortgage(), clock, BillingSettings.defaults());
    private final CustomerId harbor = CustomerId.of("cus_harbor_homes");
    private final CustomerId summit = CustomerId.of("cus_summit_lending");

    @Test
    void a_pro_customer_hits_its_daily_hard_limits_and_an_enterprise_customer_pays_overage_per_tokyo_day() {
        // --- April 1: Summit subscribes at 09:00 Tokyo, Harbor at 08:00 New York
        SubscriptionView summitSubscription = signUp(summit, "Summit Lending KK", TOKYO, "0.10", "enterprise");
        assertThat(summitSubscription.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(summitSubscription.trialEnd()).isEmpty();

        clock.set(local(APRIL_1, "08:00", NEW_YORK));
        SubscriptionView harborSubscription = signUp(harbor, "Harbor Homes LLC", NEW_YORK, "0.08875", "pro");
        assertThat(harborSubscription.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(harborSubscription.trialEnd()).contains(local(LocalDate.of(2026, 4, 15), "08:00", NEW_YORK));

        // --- April 1..30
        for (LocalDate day = APRIL_1; day.getMonthValue() == 4; day = day.plusDays(1)) {
            clock.set(local(day, "20:00", TOKYO));
            RecordUsageResult summitDay = record(billing, summitUsage(day));
            assertThat(summitDay.count(UsageEventStatus.ACCEPTED)).isEqualTo(summitUsage(day).size());
            if (day.getDayOfMonth() == 3) {
                summitsCurrentUsageShowsTheDaysOverage();
            }
            if (day.getDayOfMonth() == 4) {
                aSoftAllowanceAdmitsPastTheLimit(day);
            }

            clock.set(local(day, "12:00", NEW_YORK));
            if (day.equals(LIMIT_DAY)) {
                harborHitsTheDailyApiLimitUntilMidnightInNewYork();
            } else {
                assertThat(consume(harbor, API_CALLS, "1000", "harbor-" + day + "-api").admission())
                        .isEqualTo(Admission.ALLOWED);
            }
            if (day.getDayOfMonth() == 9) {
                harborHitsTheDailyAiLimit(day);
            }
            RecordUsageResult harborDay = record(billing, harborUsage(day));
            assertThat(harborDay.count(UsageEventStatus.ACCEPTED)).isEqualTo(harborUsage(day).size());
        }

        // --- May 1: Tokyo's April ended at 15:00 UTC on April 30, New York's at 04:00 UTC on May 1
        clock.set(Instant.parse("2026-05-01T05:00:00Z"));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        assertThat(closed.created()).hasSize(2);
        InvoiceView summitInvoice = ScenarioKit.invoice(billing, closed.created().get(0), summit);
        InvoiceView harborInvoice = ScenarioKit.invoice(billing, closed.created().get(1), harbor);

        summitsInvoiceBillsEachDaysOverageOnItsOwn(summitInvoice);
        harborsInvoiceBillsNoHardLimitedMeter(harborInvoice);
        theProviderSawTwoCustomersTwoSubscriptionsAndTwoInvoices(summitInvoice, harborInvoice);
        theAuditTrailsTellTheMonth();
    }

    @Test
    void the_pro_daily_limit_on_the_spring_forward_day_resets_after_23_hours_at_new_york_midnight() {
        clock.set(local(LocalDate.of(2026, 3, 1), "09:00", NEW_YORK));
        signUp(harbor, "Harbor Homes LLC", NEW_YORK, "0.08875", "pro");
        LocalDate springForward = LocalDate.of(2026, 3, 8); // 02:00 EST -> 03:00 EDT

        clock.set(local(springForward, "10:00", NEW_YORK));
        QuotaView full = consume(harbor, API_CALLS, "10000", "harbor-dst-api-1");
        assertThat(full.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(full.windowStart()).isEqualTo(Instant.parse("2026-03-08T05:00:00Z")); // 00:00 EST
        assertThat(full.windowEnd()).isEqualTo(Instant.parse("2026-03-09T04:00:00Z"));   // 00:00 EDT, 23 h later

        clock.set(Instant.parse("2026-03-09T03:59:59Z"));
        assertThat(consume(harbor, API_CALLS, "1", "harbor-dst-api-2").admission()).isEqualTo(Admission.DENIED);
        clock.set(Instant.parse("2026-03-09T04:00:00Z"));
        QuotaView nextDay = consume(harbor, API_CALLS, "1", "harbor-dst-api-3");
        assertThat(nextDay.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(nextDay.used()).isEqualByComparingTo("1");
        assertThat(audit(billing, harbor, "quota.consumed")).extracting(e -> e.data().get("eventId"))
                .containsExactly("harbor-dst-api-1", "harbor-dst-api-3");
    }

    // --- Summit (Enterprise, SOFT, Tokyo)

    /**
     * 50,000 API calls a day, except: April 2-4 at 100,500 (500 over each; on April 4 the last 10 come
     * through the quota API); April 5 at 90,000 (under, offsets
     * nothing); April 6 at exactly 100,000 plus 500 sent at 00:30 on April 7 Tokyo time, which is still
     * April 6 in UTC (so a UTC day would bill 500 more). AI requests 2,000 a day, 10,250 on April 10 (250
     * over). 41,152 AI tokens and 350 webhook deliveries a day, 100 reports on April 15 (unlimited).
     */
    private List<UsageEventInput> summitUsage(LocalDate day) {
        int d = day.getDayOfMonth();
        List<UsageEventInput> events = new ArrayList<>();
        String calls = switch (d) {
            case 2, 3 -> "100500";
            case 4 -> "100490"; // + 10 through the quota API in the evening
            case 5 -> "90000";
            case 6 -> "100000";
            default -> "50000";
        };
        if (d == 7) {
            events.add(event("summit-" + day + "-api-0030", summit, API_CALLS, "500", local(day, "00:30", TOKYO)));
        } else {
            events.add(event("summit-" + day + "-api", summit, API_CALLS, calls, local(day, "10:00", TOKYO)));
        }
        events.add(event("summit-" + day + "-ai", summit, AI_REQUESTS, d == 10 ? "10250" : "2000", local(day, "11:00", TOKYO)));
        events.add(event("summit-" + day + "-tok", summit, AI_TOKENS, "41152", local(day, "11:00", TOKYO)));
        events.add(event("summit-" + day + "-hook", summit, WEBHOOK_DELIVERIES, "350", local(day, "12:00", TOKYO)));
        if (d == 15) {
            events.add(event("summit-" + day + "-rep", summit, REPORTS, "100", local(day, "13:00", TOKYO)));
        }
        return events;
    }

    private void summitsCurrentUsageShowsTheDaysOverage() {
        MeterUsageView calls = meter(billing.currentUsage().current(summit).meters(), API_CALLS);

        assertThat(calls.used()).isEqualByComparingTo("100500");
        assertThat(calls.percentUsed()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("100.5"));
        assertThat(calls.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));
        assertThat(calls.overageUnits()).isEqualByComparingTo("500");
        assertThat(calls.overageCost()).isEqualTo(usd("5.00"));
    }

    private void aSoftAllowanceAdmitsPastTheLimit(LocalDate day) {
        QuotaView soft = consume(summit, API_CALLS, "10", "summit-" + day + "-api-evening");

        assertThat(soft.admission()).as("a SOFT allowance never blocks").isEqualTo(Admission.ALLOWED);
        assertThat(soft.used()).isEqualByComparingTo("100500");
        assertThat(soft.overBy()).isEqualByComparingTo("500");
    }

    private void summitsInvoiceBillsEachDaysOverageOnItsOwn(InvoiceView invoice) {
        assertThat(invoice.number()).contains("INV-2026-000001"); // Tokyo's period ended first
        assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(invoice.periodStart()).isEqualTo(APRIL_1);
        assertThat(invoice.periodEnd()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(invoice.dueDate()).contains(LocalDate.of(2026, 5, 31)); // issued May 1 (14:00 Tokyo)
        assertThat(invoice.lines()).hasSize(5);
        assertLine(invoice.lines().get(0), "base_fee", "Enterprise plan (monthly)", null, "499.00");
        // April 2, 3, 4: 500 over each = 1,500 x USD 0.01; April 5 (under) and 6 (exactly 100,000) add nothing
        assertLine(invoice.lines().get(1), "usage", "API calls overage", "1500", "15.00");
        assertLine(invoice.lines().get(2), "usage", "AI requests overage", "250", "25.00");
        // 30 x 41,152 = 1,234,560 tokens x USD 0.00003 = 37.0368, rounded once for the line (a daily
        // rounding would have made 30 x 1.23 = 36.90)
        assertLine(invoice.lines().get(3), "usage", "AI tokens overage", "1234560", "37.04");
        assertLine(invoice.lines().get(4), "usage", "Webhook deliveries overage", "500", "0.50");
        assertThat(invoice.subtotal()).isEqualTo(usd("576.54"));
        assertThat(invoice.tax()).isEqualTo(usd("57.65")); // 57.654
        assertThat(invoice.total()).isEqualTo(usd("634.19"));
    }

    // --- Harbor (Pro, HARD, New York)

    /** 10,013 AI tokens and 30 webhook deliveries (900 a month, within 1,000) a day; 2 reports a day April 1-26. */
    private List<UsageEventInput> harborUsage(LocalDate day) {
        List<UsageEventInput> events = new ArrayList<>();
        events.add(event("harbor-" + day + "-tok", harbor, AI_TOKENS, "10013", local(day, "11:00", NEW_YORK)));
        events.add(event("harbor-" + day + "-hook", harbor, WEBHOOK_DELIVERIES, "30", local(day, "11:30", NEW_YORK)));
        if (day.getDayOfMonth() <= 26) {
            events.add(event("harbor-" + day + "-rep", harbor, REPORTS, "2", local(day, "11:45", NEW_YORK)));
        }
        return events;
    }

    private void harborHitsTheDailyApiLimitUntilMidnightInNewYork() {
        LocalDate day = LIMIT_DAY;
        for (int i = 1; i <= 4; i++) {
            QuotaView admitted = consume(harbor, API_CALLS, "2500", "harbor-" + day + "-api-" + i);
            assertThat(admitted.admission()).isEqualTo(Admission.ALLOWED);
            assertThat(admitted.used()).isEqualByComparingTo(String.valueOf(2500 * i));
        }

        QuotaView denied = consume(harbor, API_CALLS, "1", "harbor-" + day + "-api-10001st");
        assertThat(denied.admission()).isEqualTo(Admission.DENIED);
        assertThat(denied.used()).isEqualByComparingTo("10000");
        assertThat(denied.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("0"));
        assertThat(denied.overBy()).isEqualByComparingTo("1");
        assertThat(denied.windowStart()).isEqualTo(local(day, "00:00", NEW_YORK));
        assertThat(denied.windowEnd()).isEqualTo(local(day.plusDays(1), "00:00", NEW_YORK));
        RecordUsageResult refused = record(billing, List.of(event("harbor-" + day + "-api-batch", harbor, API_CALLS,
                "1", local(day, "12:00", NEW_YORK))));
        assertThat(refused.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(UsageEventStatus.REJECTED);
            assertThat(o.errorCode()).contains(ErrorCode.QUOTA_EXCEEDED);
        });

        clock.set(Instant.parse("2026-04-08T00:30:00Z")); // a new UTC day, but 20:30 on April 7 in New York
        assertThat(check(harbor, API_CALLS, "1").admission()).isEqualTo(Admission.DENIED);
        clock.set(local(day, "23:59:59", NEW_YORK));
        assertThat(consume(harbor, API_CALLS, "1", "harbor-" + day + "-api-late").admission()).isEqualTo(Admission.DENIED);

        clock.set(local(day.plusDays(1), "00:00", NEW_YORK));
        QuotaView nextDay = consume(harbor, API_CALLS, "1", "harbor-" + day.plusDays(1) + "-api-first");
        assertThat(nextDay.admission()).isEqualTo(Admission.ALLOWED);
        assertThat(nextDay.used()).isEqualByComparingTo("1");
        assertThat(nextDay.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("9999"));
    }

    private void harborHitsTheDailyAiLimit(LocalDate day) {
        assertThat(consume(harbor, AI_REQUESTS, "1000", "harbor-" + day + "-ai").admission()).isEqualTo(Admission.ALLOWED);
        QuotaView denied = consume(harbor, AI_REQUESTS, "1", "harbor-" + day + "-ai-1001st");
        assertThat(denied.admission()).isEqualTo(Admission.DENIED);
        assertThat(denied.used()).isEqualByComparingTo("1000");
    }

    private void harborsInvoiceBillsNoHardLimitedMeter(InvoiceView invoice) {
        assertThat(invoice.number()).contains("INV-2026-000002");
        assertThat(invoice.periodStart()).isEqualTo(APRIL_1);
        assertThat(invoice.periodEnd()).isEqualTo(LocalDate.of(2026, 5, 1));
        assertThat(invoice.dueDate()).contains(LocalDate.of(2026, 5, 31)); // issued May 1, 01:00 New York
        // API calls and AI requests are HARD-limited: what passed was within the allowance, so they never make
        // a line. The 14-day trial waives the base fee's share of April: the period runs April 1 00:00 EDT to
        // May 1 00:00 EDT = 30 x 24 = 720 h; the trial counts from the period start to its end, April 15
        // 08:00 EDT: 14 d 8 h = 344 h. 99.00 x 344 / 720 = 34,056 / 720 = 47.30 exactly.
        assertThat(invoice.lines()).hasSize(4);
        assertLine(invoice.lines().get(0), "base_fee", "Pro plan (monthly)", null, "99.00");
        assertLine(invoice.lines().get(1), "adjustment", "Free trial until 15 Apr 2026", null, "-47.30");
        // 30 x 10,013 = 300,390 tokens x USD 0.00003 = 9.0117 -> 9.01 (rounding each day would give 9.00)
        assertLine(invoice.lines().get(2), "usage", "AI tokens overage", "300390", "9.01");
        assertLine(invoice.lines().get(3), "usage", "Reports overage", "2", "10.00"); // 52 reports, 50 included
        // 99.00 - 47.30 + 9.01 + 10.00 = 70.71; tax on the discounted subtotal: 70.71 x 8.875 % = 6.2755125 -> 6.28
        assertThat(invoice.subtotal()).isEqualTo(usd("70.71"));
        assertThat(invoice.tax()).isEqualTo(usd("6.28"));
        assertThat(invoice.total()).isEqualTo(usd("76.99"));
    }

    // --- both

    private void theProviderSawTwoCustomersTwoSubscriptionsAndTwoInvoices(InvoiceView summitInvoice,
                                                                           InvoiceView harborInvoice) {
        assertThat(provider.callNames()).containsExactly("createCustomer", "createSubscription",
                "createCustomer", "createSubscription", "createInvoice", "createInvoice");
        String summitCustomer = providerCustomer(summit);
        String harborCustomer = providerCustomer(harbor);
        assertThat(calls(provider, "createSubscription")).extracting(c -> c.arguments())
                .containsExactly(List.of(summitCustomer, "enterprise"), List.of(harborCustomer, "pro"));
        assertThat(calls(provider, "createInvoice")).extracting(c -> c.arguments()).containsExactly(
                List.of(summitCustomer, "2026-05-31", "Enterprise plan (monthly)=USD 499.00",
                        "API calls overage=USD 15.00", "AI requests overage=USD 25.00",
                        "AI tokens overage=USD 37.04", "Webhook deliveries overage=USD 0.50", "Tax (10%)=USD 57.65"),
                List.of(harborCustomer, "2026-05-31", "Pro plan (monthly)=USD 99.00",
                        "Free trial until 15 Apr 2026=USD -47.30", "AI tokens overage=USD 9.01",
                        "Reports overage=USD 10.00", "Tax (8.875%)=USD 6.28"));
        assertThat(provider.invoices()).extracting(i -> i.total()).containsExactly(usd("634.19"), usd("76.99"));
        assertThat(summitInvoice.providerInvoiceId()).contains(provider.invoices().get(0).id());
        assertThat(harborInvoice.providerInvoiceId()).contains(provider.invoices().get(1).id());
    }

    private void theAuditTrailsTellTheMonth() {
        List<String> harborActions = audit(billing, harbor).stream().map(AuditEntry::action)
                .filter(a -> !a.equals("quota.consumed") && !a.equals("usage.recorded")).toList();
        // no provider event converted Harbor's trial: the close run activates it before renewing it
        assertThat(harborActions).containsExactly("customer.created", "subscription.created",
                "subscription.activated", "subscription.renewed", "invoice.finalized", "invoice.pushed");
        assertThat(audit(billing, harbor, "subscription.activated")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(BILLING_JOB.subject());
            assertThat(e.data()).containsEntry("status", "ACTIVE").containsEntry("plan", "pro")
                    .containsEntry("trialEnd", local(LocalDate.of(2026, 4, 15), "08:00", NEW_YORK).toString());
        });
        assertThat(billing.subscription().current(harbor).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        // admitted consumptions only: 29 regular days + 4 on the limit day + the first call of April 8 + 1 AI batch
        assertThat(audit(billing, harbor, "quota.consumed")).hasSize(35);
        assertThat(audit(billing, harbor, "quota.consumed"))
                .noneMatch(e -> e.data().get("eventId").contains("10001st") || e.data().get("eventId").contains("1001st")
                        || e.data().get("eventId").endsWith("-api-late"));
        assertThat(audit(billing, harbor, "usage.recorded"))
                .filteredOn(e -> e.data().get("rejected").equals("1")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("accepted", "0"));
        assertThat(audit(billing, harbor, "invoice.finalized")).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("number", "INV-2026-000002").containsEntry("total", "76.99"));

        List<String> summitActions = audit(billing, summit).stream().map(AuditEntry::action)
                .filter(a -> !a.equals("usage.recorded")).toList();
        assertThat(summitActions).containsExactly("customer.created", "subscription.created", "quota.consumed",
                "subscription.renewed", "invoice.finalized", "invoice.pushed");
        assertThat(audit(billing, summit, "usage.recorded")).hasSize(30)
                .allSatisfy(e -> assertThat(e.data()).containsEntry("rejected", "0").containsEntry("duplicate", "0"));
        assertThat(audit(billing, summit, "invoice.finalized")).singleElement().satisfies(e ->
                assertThat(e.data()).containsEntry("number", "INV-2026-000001").containsEntry("total", "634.19"));
    }

    // --- helpers

    private SubscriptionView signUp(CustomerId id, String name, ZoneId zone, String taxRate, String plan) {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(id, name, "billing@" + id.value() + ".example",
                zone, new BigDecimal(taxRate), 30, ""), APP));
        return billing.subscribe().subscribe(new SubscribeCommand(id, PlanCode.of(plan), APP));
    }

    private String providerCustomer(CustomerId id) {
        return audit(billing, id, "customer.created").get(0).data().get("providerCustomer");
    }

    private QuotaView consume(CustomerId customer, MeterKey meter, String quantity, String eventId) {
        return billing.consumeQuota().consume(new ConsumeQuotaCommand(customer, meter.value(), qty(quantity), eventId, APP));
    }

    private QuotaView check(CustomerId customer, MeterKey meter, String quantity) {
        return billing.checkQuota().check(new CheckQuotaQuery(customer, meter.value(), qty(quantity)));
    }

    private static void assertLine(InvoiceLineView line, String kind, String description, String billable, String amount) {
        assertThat(line.kind()).isEqualTo(kind);
        assertThat(line.description()).isEqualTo(description);
        if (billable != null) {
            assertThat(line.quantity()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo(billable));
        }
        assertThat(line.amount()).isEqualTo(usd(amount));
    }
}
