package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.SetUsageThresholdsCommand;
import io.billkit.application.port.in.invoice.UsageThresholdsView;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.billkit.application.scenario.ScenarioKit.APP;
import static io.billkit.application.scenario.ScenarioKit.BILLING_JOB;
import static io.billkit.application.scenario.ScenarioKit.audit;
import static io.billkit.application.scenario.ScenarioKit.calls;
import static io.billkit.application.scenario.ScenarioKit.event;
import static io.billkit.application.scenario.ScenarioKit.items;
import static io.billkit.application.scenario.ScenarioKit.record;
import static io.billkit.application.scenario.ScenarioKit.usd;
import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Progressive billing, numbers derived by hand. Customers (UTC, 10 % tax at their flat rate) are on apex Scale
 * (USD 1,999.00 a month; 5M API calls included, then USD 0.10 per started 1,000; 2,500 GB data transfer included,
 * then USD 0.05 per GB) from January 1, 2026.
 * <p>One threshold of USD 100.00, Acme beside Globex (same usage, no thresholds: the one invoice to compare with):
 * <ul>
 *   <li>January 12: 5,600,000 API calls (600 packages = 60.00) and 4,747 GB (2,247 GB over = 112.35): accrued
 *       172.35 reached 100.00. Threshold invoice INV-2026-000001: 60.00 + 112.35 = 172.35, tax 17.235 -> 17.24,
 *       total 189.59.</li>
 *   <li>January 20: +150,500 calls (5,750,500: 751 packages = 75.10) and +301 GB (5,048: 2,548 over = 127.40):
 *       accrued 202.50, still the 100.00 level: no second invoice.</li>
 *   <li>February 1, the period end: 1,999.00 + 75.10 + 127.40 - 60.00 - 112.35 = 2,029.15; tax of the whole
 *       period 2,201.50 x 10 % = 220.15, minus the 17.24 already charged = 202.91 (taxing 2,029.15 on its own would
 *       give 202.915 -> 202.92, one cent too many); total 2,232.06.</li>
 *   <li>189.59 + 2,232.06 = 2,421.65 = Globex's one invoice: 2,201.50 + 220.15.</li>
 * </ul>
 */
public class ProgressiveBillingScenarioTest {
    protected final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    protected final MockPaymentProvider provider = new MockPaymentProvider(clock);
    protected final BillingPorts ports = ports(provider);
    protected final BillingServices billing = new BillingServices(ports, SeedCatalogs.apex(), clock,
            BillingSettings.defaults());
    protected final CustomerId acme = CustomerId.of("cus_progressive_acme");
    protected final CustomerId globex = CustomerId.of("cus_progressive_globex");

    /** In memory here; the PostgreSQL subclass runs the same months on the real stores. */
    protected BillingPorts ports(MockPaymentProvider provider) {
        return InMemoryBillingPorts.create(provider);
    }

    @Test
    public void a_threshold_invoice_plus_the_period_end_invoice_sum_to_the_one_invoice_to_the_cent() {
        SubscriptionId acmeSubscription = customer(acme, "Acme");
        customer(globex, "Globex");
        UsageThresholdsView set = thresholds(acmeSubscription, List.of("100.00"), Optional.empty());
        assertThat(set.source()).isEqualTo("subscription");

        clock.set(Instant.parse("2026-01-12T10:00:00Z"));
        for (CustomerId customer : List.of(acme, globex)) {
            record(billing, List.of(event(customer.value() + "-api-1", customer, API_CALLS, "5600000", clock.instant()),
                    event(customer.value() + "-gb-1", customer, DATA_TRANSFER_GB, "4747", clock.instant())));
        }
        List<InvoiceView> issued = run("2026-01-12T10:05:00Z");
        assertThat(issued).singleElement().satisfies(threshold -> {
            assertThat(threshold.customer()).isEqualTo(acme);
            assertThat(threshold.kind()).isEqualTo("threshold");
            assertThat(threshold.number()).contains("INV-2026-000001");
            assertThat(threshold.periodStart()).isEqualTo(java.time.LocalDate.parse("2026-01-01"));
            assertThat(items(threshold)).containsExactly("API calls overage=USD 60.00", "Data transfer overage=USD 112.35");
            assertTotals(threshold, "172.35", "17.24", "189.59");
            assertThat(threshold.providerInvoiceId()).as("pushed to the provider like any invoice").isPresent();
        });
        InvoiceView threshold = issued.get(0);
        assertThat(outbox("invoice.created")).singleElement().satisfies(e -> {
            assertThat(e.payload()).containsEntry("kind", "threshold").containsEntry("thresholdLevel", "100.00")
                    .containsEntry("accruedUsage", "172.35").containsEntry("total", "189.59");
        });
        assertThat(audit(billing, acme, "invoice.threshold_reached")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("thresholdLevel", "100.00"));
        String document = new String(billing.renderInvoicePdf().render(new GetInvoiceQuery(threshold.id(),
                Optional.of(acme))).content(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(document).startsWith("THRESHOLD INVOICE INV-2026-000001");

        clock.set(Instant.parse("2026-01-20T09:00:00Z"));
        for (CustomerId customer : List.of(acme, globex)) {
            record(billing, List.of(event(customer.value() + "-api-2", customer, API_CALLS, "150500", clock.instant()),
                    event(customer.value() + "-gb-2", customer, DATA_TRANSFER_GB, "301", clock.instant())));
        }
        assertThat(run("2026-01-20T09:05:00Z")).as("202.50 accrued is still the 100.00 level").isEmpty();
        assertThat(run("2026-01-20T09:10:00Z")).as("and a second run issues nothing either").isEmpty();

        List<InvoiceView> periodEnd = run("2026-02-01T01:00:00Z");
        InvoiceView acmeEnd = of(periodEnd, acme);
        InvoiceView globexEnd = of(periodEnd, globex);
        assertThat(acmeEnd.kind()).isEqualTo("period_end");
        assertThat(items(acmeEnd)).containsExactly("Scale plan (monthly)=USD 1999.00", "API calls overage=USD 75.10",
                "Data transfer overage=USD 127.40", "API calls overage billed on INV-2026-000001=USD -60.00",
                "Data transfer overage billed on INV-2026-000001=USD -112.35");
        assertThat(acmeEnd.lines().get(3).kind()).isEqualTo("threshold_billed");
        assertTotals(acmeEnd, "2029.15", "202.91", "2232.06");
        assertThat(items(globexEnd)).containsExactly("Scale plan (monthly)=USD 1999.00", "API calls overage=USD 75.10",
                "Data transfer overage=USD 127.40");
        assertTotals(globexEnd, "2201.50", "220.15", "2421.65");
        assertThat(threshold.total().plus(acmeEnd.total())).isEqualTo(globexEnd.total());
        assertThat(threshold.subtotal().plus(acmeEnd.subtotal())).isEqualTo(globexEnd.subtotal());
        assertThat(threshold.tax().plus(acmeEnd.tax())).isEqualTo(globexEnd.tax());
        assertThat(List.of(acmeEnd.number().orElseThrow(), globexEnd.number().orElseThrow()))
                .as("one gapless series for both kinds")
                .containsExactlyInAnyOrder("INV-2026-000002", "INV-2026-000003");
        // the provider got every invoice, the threshold one with its own items
        assertThat(calls(provider, "createInvoice")).hasSize(3);
    }

    /**
     * Levels 100, then every 150 (250, 400, ...) on the plan; Acme alone.
     * <ul>
     *   <li>January 5: 6,000,000 calls: 1,000 packages = 100.00, the 100.00 level: INV-2026-000001 100.00, tax
     *       10.00, total 110.00.</li>
     *   <li>January 10: 7,600,000 calls = 260.00, the 250.00 level: INV-2026-000002 260.00 - 100.00 = 160.00, tax
     *       26.00 - 10.00 = 16.00, total 176.00.</li>
     *   <li>January 15: 7,700,000 calls = 270.00: still 250.00, nothing.</li>
     *   <li>January 20: 9,200,000 calls = 420.00, past two levels at once (400.00): one invoice, INV-2026-000003
     *       420.00 - 260.00 = 160.00, tax 16.00, total 176.00.</li>
     *   <li>February 1: 1,999.00 + 420.00 - 420.00 = 1,999.00, tax 241.90 - 42.00 = 199.90, total 2,198.90;
     *       110.00 + 176.00 + 176.00 + 2,198.90 = 2,660.90 = 2,419.00 + 241.90, the one invoice.</li>
     *   <li>February 3: 6,000,000 calls in February: the levels start again, INV-2026-000005 110.00.</li>
     * </ul>
     */
    @Test
    public void recurring_thresholds_crossed_twice_and_twice_at_once_issue_one_invoice_per_crossing() {
        customer(acme, "Acme");
        billing.setUsageThresholds().set(new SetUsageThresholdsCommand(Optional.of(PlanCode.of("scale")),
                Optional.empty(), Optional.of(new UsageThresholds(Money.currency("USD"), List.of(usd("100.00")),
                Optional.of(usd("150.00")))), APP));

        apiCalls("2026-01-05T08:00:00Z", "jan-1", "6000000");
        InvoiceView first = single(run("2026-01-05T08:05:00Z"));
        assertThat(first.number()).contains("INV-2026-000001");
        assertThat(items(first)).containsExactly("API calls overage=USD 100.00");
        assertTotals(first, "100.00", "10.00", "110.00");

        apiCalls("2026-01-10T08:00:00Z", "jan-2", "1600000");
        InvoiceView second = single(run("2026-01-10T08:05:00Z"));
        assertThat(second.number()).contains("INV-2026-000002");
        assertThat(items(second)).containsExactly("API calls overage=USD 260.00",
                "API calls overage billed on INV-2026-000001=USD -100.00");
        assertTotals(second, "160.00", "16.00", "176.00");

        apiCalls("2026-01-15T08:00:00Z", "jan-3", "100000");
        assertThat(run("2026-01-15T08:05:00Z")).isEmpty();

        apiCalls("2026-01-20T08:00:00Z", "jan-4", "1500000");
        InvoiceView third = single(run("2026-01-20T08:05:00Z"));
        assertThat(third.number()).contains("INV-2026-000003");
        assertThat(items(third)).containsExactly("API calls overage=USD 420.00",
                "API calls overage billed on INV-2026-000001, INV-2026-000002=USD -260.00");
        assertTotals(third, "160.00", "16.00", "176.00");

        InvoiceView end = single(run("2026-02-01T01:00:00Z"));
        assertThat(end.kind()).isEqualTo("period_end");
        assertThat(items(end)).containsExactly("Scale plan (monthly)=USD 1999.00", "API calls overage=USD 420.00",
                "API calls overage billed on INV-2026-000001, INV-2026-000002, INV-2026-000003=USD -420.00");
        assertTotals(end, "1999.00", "199.90", "2198.90");
        assertThat(first.total().plus(second.total()).plus(third.total()).plus(end.total())).isEqualTo(usd("2660.90"));

        apiCalls("2026-02-03T08:00:00Z", "feb-1", "6000000");
        InvoiceView february = single(run("2026-02-03T08:05:00Z"));
        assertThat(february.number()).contains("INV-2026-000005");
        assertThat(february.periodStart()).isEqualTo(java.time.LocalDate.parse("2026-02-01"));
        assertTotals(february, "100.00", "10.00", "110.00");
    }

    @Test
    public void thresholds_are_validated_and_a_subscription_falls_back_to_its_plans() {
        SubscriptionId subscription = customer(acme, "Acme");
        assertThat(billing.usageThresholds().forSubscription(subscription).source()).isEqualTo("none");
        assertThatThrownBy(() -> billing.setUsageThresholds().set(new SetUsageThresholdsCommand(
                Optional.of(PlanCode.of("scale")), Optional.empty(), Optional.of(new UsageThresholds(
                Money.currency("EUR"), List.of(Money.of("100.00", "EUR")), Optional.empty())), APP)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CURRENCY_MISMATCH));
        assertThatThrownBy(() -> new UsageThresholds(Money.currency("USD"), List.of(usd("200.00"), usd("100.00")),
                Optional.empty())).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> thresholds(SubscriptionId.of("sub_nope"), List.of("1.00"), Optional.empty()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        billing.setUsageThresholds().set(new SetUsageThresholdsCommand(Optional.of(PlanCode.of("scale")),
                Optional.empty(), Optional.of(new UsageThresholds(Money.currency("USD"), List.of(usd("500.00")),
                Optional.empty())), APP));
        UsageThresholdsView inherited = billing.usageThresholds().forSubscription(subscription);
        assertThat(inherited.source()).isEqualTo("plan");
        assertThat(inherited.thresholds().orElseThrow().amounts()).containsExactly(usd("500.00"));
        thresholds(subscription, List.of("50.00"), Optional.empty());
        assertThat(billing.usageThresholds().forSubscription(subscription).thresholds().orElseThrow().amounts())
                .containsExactly(usd("50.00"));
        billing.setUsageThresholds().set(new SetUsageThresholdsCommand(Optional.empty(), Optional.of(subscription),
                Optional.empty(), APP));
        assertThat(billing.usageThresholds().forSubscription(subscription).source()).isEqualTo("plan");
        assertThat(audit(billing, acme, "invoice.usage_thresholds_set")).hasSize(2);
    }

    protected SubscriptionId customer(CustomerId id, String name) {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(id, name, "billing@" + id.value()
                + ".example", ZoneOffset.UTC, new BigDecimal("0.10"), 30, "1 Main St"), APP));
        return billing.subscribe().subscribe(new SubscribeCommand(id, PlanCode.of("scale"), APP)).id();
    }

    protected UsageThresholdsView thresholds(SubscriptionId subscription, List<String> amounts, Optional<String> every) {
        return billing.setUsageThresholds().set(new SetUsageThresholdsCommand(Optional.empty(), Optional.of(subscription),
                Optional.of(new UsageThresholds(Money.currency("USD"), amounts.stream().map(ScenarioKit::usd).toList(),
                        every.map(ScenarioKit::usd))), APP));
    }

    private void apiCalls(String at, String id, String quantity) {
        clock.set(Instant.parse(at));
        record(billing, List.of(event(id, acme, API_CALLS, quantity, clock.instant())));
    }

    /** A period-close run at {@code at} (it runs the threshold job too): the invoices it issued. */
    protected List<InvoiceView> run(String at) {
        clock.set(Instant.parse(at));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(BILLING_JOB));
        assertThat(closed.failures()).isEmpty();
        return closed.created().stream().map(id -> billing.invoice().get(new GetInvoiceQuery(id, Optional.empty())))
                .toList();
    }

    private List<OutboxEvent> outbox(String type) {
        return ports.outbox().unpublished(1000).stream().filter(e -> e.type().equals(type)).toList();
    }

    private static InvoiceView single(List<InvoiceView> invoices) {
        assertThat(invoices).hasSize(1);
        return invoices.get(0);
    }

    private static InvoiceView of(List<InvoiceView> invoices, CustomerId customer) {
        return invoices.stream().filter(i -> i.customer().equals(customer)).findFirst().orElseThrow();
    }

    protected static void assertTotals(InvoiceView invoice, String subtotal, String tax, String total) {
        assertThat(invoice.subtotal()).as("subtotal").isEqualTo(usd(subtotal));
        assertThat(invoice.tax()).as("tax").isEqualTo(usd(tax));
        assertThat(invoice.total()).as("total").isEqualTo(usd(total));
    }
}
