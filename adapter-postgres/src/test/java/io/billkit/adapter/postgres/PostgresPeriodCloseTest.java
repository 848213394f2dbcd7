package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.RecordUsageResult;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageEventStatus;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.service.ClosePeriodService;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS;
import static io.billkit.domain.catalog.seed.SeedCatalogs.DATA_TRANSFER_GB;
import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoicing end to end on one PostgreSQL: 20 apex Growth customers subscribe, record usage and have their
 * month closed by {@link BillingServices} on the PostgreSQL stores; the close runs twice in a row, from two
 * threads at once, and from two service instances (two adapters, two connection pools) at once. Each time
 * every subscription gets exactly one invoice for the month, the numbers are INV-2026-000001..000020 with no
 * gap or duplicate, the usage lines are the recorded usage priced to the cent, the 14-day trial discounts
 * the base fee exactly once, and every ended trial is activated exactly once.
 */
class PostgresPeriodCloseTest {
    private static final int CUSTOMERS = 20;
    private static final Actor ACTOR = Actor.of("period-close-test");
    private static final PlanCode GROWTH = PlanCode.of("growth");
    /**
     * Growth's 14-day trial on a 31-day month subscribed at its first instant (UTC): 336 h of 744 h free,
     * 499.00 x 336 / 744 = 167,664 / 744 = 225.3548 -> 225.35 (HALF_UP, once). January, March and May all
     * have 31 days.
     */
    private static final String TRIAL_DISCOUNT = "-225.35";

    /**
     * Four usage patterns for apex Growth (10M impressions, 1M API calls, 500 GB included; USD 0.50 per
     * started 1,000 impressions, USD 0.10 per started 1,000 calls, USD 0.05 per GB) with the overage lines
     * they must produce. Customer i records pattern i % 4.
     */
    private static final List<UsageProfile> PROFILES = List.of(
            // 12.5M impressions -> 2,500 packages -> 1,250.00; 1.2M calls -> 200 -> 20.00; 10 GB -> 0.50
            new UsageProfile(List.of(usage(IMPRESSIONS, "7500000", 9), usage(IMPRESSIONS, "5000000", -1),
                    usage(API_CALLS, "1200000", 14), usage(DATA_TRANSFER_GB, "510", 19)),
                    Map.of(IMPRESSIONS, "1250.00", API_CALLS, "20.00", DATA_TRANSFER_GB, "0.50")),
            // everything within the allowance: the base fee only
            new UsageProfile(List.of(usage(IMPRESSIONS, "9999999", 3), usage(API_CALLS, "1000000", 4),
                    usage(DATA_TRANSFER_GB, "500", -1)), Map.of()),
            // one unit over starts a whole package; 0.25 GB * 0.05 = 0.0125 rounds to 0.01
            new UsageProfile(List.of(usage(IMPRESSIONS, "10000001", 5), usage(API_CALLS, "600000", 6),
                    usage(API_CALLS, "400999", -1), usage(DATA_TRANSFER_GB, "500.25", 7)),
                    Map.of(IMPRESSIONS, "0.50", API_CALLS, "0.10", DATA_TRANSFER_GB, "0.01")),
            // 15,000 packages -> 7,500.00; 2,456,789 calls -> 2,457 packages -> 245.70; 734.5 GB -> 36.725 -> 36.73
            new UsageProfile(List.of(usage(IMPRESSIONS, "20000000", 1), usage(IMPRESSIONS, "5000000", -1),
                    usage(API_CALLS, "3456789", 2), usage(DATA_TRANSFER_GB, "1234.5", 27)),
                    Map.of(IMPRESSIONS, "7500.00", API_CALLS, "245.70", DATA_TRANSFER_GB, "36.73")));

    private final PostgresAdapter postgres = TestDatabase.adapter();
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    /** One provider account for every service instance, as in production (one Stripe account). */
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    @Test
    void closing_a_month_twice_in_a_row_issues_one_invoice_per_subscription_with_gapless_numbers() {
        BillingServices billing = services(postgres, BillingSettings.defaults());
        Month january = subscribeAndRecordUsage(billing, "seq", LocalDate.of(2026, 1, 1));

        ClosePeriodResult first = billing.closePeriod().close(new ClosePeriodCommand(ACTOR));
        ClosePeriodResult second = billing.closePeriod().close(new ClosePeriodCommand(ACTOR));

        assertThat(first.failures()).isEmpty();
        assertThat(first.created()).hasSize(CUSTOMERS).doesNotHaveDuplicates();
        assertThat(second.failures()).isEmpty();
        assertThat(second.created()).isEmpty();
        assertOneInvoicePerSubscriptionAndPeriod(january);
    }

    @Test
    void two_threads_closing_the_same_month_at_once_issue_one_invoice_per_subscription() throws Exception {
        BillingServices billing = services(postgres, smallBatches());
        Month march = subscribeAndRecordUsage(billing, "threads", LocalDate.of(2026, 3, 1));

        List<ClosePeriodResult> runs = ConcurrentRunner.runConcurrently(2,
                () -> billing.closePeriod().close(new ClosePeriodCommand(ACTOR)));

        assertRunsCreatedEachInvoiceOnce(runs);
        assertOneInvoicePerSubscriptionAndPeriod(march);
    }

    @Test
    void two_service_instances_with_their_own_pools_closing_at_once_issue_one_invoice_per_subscription()
            throws Exception {
        Month may = subscribeAndRecordUsage(services(postgres, BillingSettings.defaults()), "instances",
                LocalDate.of(2026, 5, 1));
        try (PostgresDatabase secondPool = PostgresDatabase.start(
                PostgresConfig.external(TestDatabase.sameDatabaseUrl()).withMaxPoolSize(4))) {
            List<BillingServices> instances = List.of(services(new PostgresAdapter(TestDatabase.database()), smallBatches()),
                    services(new PostgresAdapter(secondPool), smallBatches()));
            List<Integer> next = new ArrayList<>(List.of(0, 1));

            List<ClosePeriodResult> runs = ConcurrentRunner.runConcurrently(2, () -> {
                int instance;
                synchronized (next) {
                    instance = next.remove(0);
                }
                return instances.get(instance).closePeriod().close(new ClosePeriodCommand(ACTOR));
            });

            assertRunsCreatedEachInvoiceOnce(runs);
            assertOneInvoicePerSubscriptionAndPeriod(may);
            ClosePeriodResult again = instances.get(1).closePeriod().close(new ClosePeriodCommand(ACTOR));
            assertThat(again.created()).isEmpty();
            assertThat(again.failures()).isEmpty();
        }
        assertThat(TestDatabase.count("invoices")).isEqualTo(CUSTOMERS);
    }

    @Test
    void two_service_instances_retrying_waiting_pushes_at_once_push_each_invoice_once() throws Exception {
        BillingServices first = services(postgres, BillingSettings.defaults());
        Month july = subscribeAndRecordUsage(first, "pushes", LocalDate.of(2026, 7, 1));
        assertThat(first.closePeriod().close(new ClosePeriodCommand(ACTOR)).failures()).isEmpty();
        // as after a provider outage: all 20 finalized invoices wait for their push again
        TestDatabase.owner().useHandle(h -> {
            h.execute("UPDATE invoices SET pushed_at = NULL, push_leased_until = NULL"); // failed pushes release their claim
            h.execute("DELETE FROM provider_references WHERE kind = 'invoice'");
        });
        int callsBefore = provider.calls().size();
        try (PostgresDatabase secondPool = PostgresDatabase.start(
                PostgresConfig.external(TestDatabase.sameDatabaseUrl()).withMaxPoolSize(4))) {
            List<BillingServices> instances = List.of(services(new PostgresAdapter(TestDatabase.database()), smallBatches()),
                    services(new PostgresAdapter(secondPool), smallBatches()));
            List<Integer> next = new ArrayList<>(List.of(0, 1));

            List<ClosePeriodResult> runs = ConcurrentRunner.runConcurrently(2, () -> {
                int instance;
                synchronized (next) {
                    instance = next.remove(0);
                }
                return instances.get(instance).closePeriod().close(new ClosePeriodCommand(ACTOR));
            });

            assertThat(runs).allSatisfy(run -> assertThat(run.failures()).isEmpty());
        }
        List<String> pushedKeys = provider.calls().subList(callsBefore, provider.calls().size()).stream()
                .filter(call -> call.method().equals("createInvoice")).map(MockPaymentProvider.Call::idempotencyKey)
                .toList();
        assertThat(pushedKeys).as("each waiting invoice pushed by one instance, once").hasSize(CUSTOMERS)
                .doesNotHaveDuplicates();
        long pushedRows = TestDatabase.owner().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM invoices WHERE pushed_at IS NOT NULL").mapTo(Long.class).one());
        assertThat(pushedRows).isEqualTo(CUSTOMERS);
        assertOneInvoicePerSubscriptionAndPeriod(july);
    }

    @Test
    void usage_for_a_closed_period_is_refused_per_event_while_the_next_period_accepts_usage() {
        BillingServices billing = services(postgres, BillingSettings.defaults());
        Month january = subscribeAndRecordUsage(billing, "late", LocalDate.of(2026, 1, 1));
        billing.closePeriod().close(new ClosePeriodCommand(ACTOR));
        CustomerId customer = january.customers().get(0);
        Invoice before = onlyInvoiceOf(customer);

        clock.advance(Duration.ofMinutes(30));
        RecordUsageResult result = billing.recordUsage().record(new RecordUsageCommand(List.of(
                input("late-jan", customer, IMPRESSIONS, "3000000", january.end().minusSeconds(60)),
                input("early-feb", customer, IMPRESSIONS, "1000", january.end().plusSeconds(60)),
                input(eventId(customer, 0), customer, IMPRESSIONS, "7500000", january.day(9))), ACTOR));

        assertThat(result.outcomes()).extracting(UsageEventOutcome::status).containsExactly(
                UsageEventStatus.REJECTED, UsageEventStatus.ACCEPTED, UsageEventStatus.DUPLICATE);
        assertThat(result.outcomes().get(0).errorCode()).contains(ErrorCode.PERIOD_CLOSED);
        assertThat(onlyInvoiceOf(customer).lines()).isEqualTo(before.lines());
        assertThat(postgres.usageEvents().contains(customer, "late-jan")).isFalse();
        assertThat(postgres.usageEvents().contains(customer, "early-feb")).isTrue();
    }

    @Test
    void months_are_closed_at_each_customers_local_midnight_across_a_daylight_saving_change() {
        BillingServices billing = services(postgres, BillingSettings.defaults());
        ZoneId berlin = ZoneId.of("Europe/Berlin");         // CET -> CEST on March 29
        ZoneId losAngeles = ZoneId.of("America/Los_Angeles"); // PST -> PDT on March 8
        CustomerId inBerlin = subscribeAtLocalMidnight(billing, "cus_berlin", berlin);
        CustomerId inLosAngeles = subscribeAtLocalMidnight(billing, "cus_la", losAngeles);
        Instant berlinMarchEnd = Instant.parse("2026-03-31T22:00:00Z");     // April 1, 00:00 CEST
        Instant losAngelesMarchEnd = Instant.parse("2026-04-01T07:00:00Z"); // April 1, 00:00 PDT

        clock.set(berlinMarchEnd.plus(Duration.ofMinutes(45)));
        assertAllAccepted(billing.recordUsage().record(new RecordUsageCommand(List.of(
                input("b-march", inBerlin, IMPRESSIONS, "12500000", berlinMarchEnd.minus(Duration.ofMinutes(30))),
                input("b-april", inBerlin, IMPRESSIONS, "4000000", berlinMarchEnd.plus(Duration.ofMinutes(30))),
                input("la-march", inLosAngeles, IMPRESSIONS, "7500000", berlinMarchEnd.plus(Duration.ofMinutes(40)))),
                ACTOR)));
        clock.set(berlinMarchEnd.plus(Duration.ofHours(1)).plusSeconds(1));
        ClosePeriodResult berlinClose = billing.closePeriod().close(new ClosePeriodCommand(ACTOR));

        clock.set(losAngelesMarchEnd.minus(Duration.ofMinutes(20)));
        assertAllAccepted(billing.recordUsage().record(new RecordUsageCommand(List.of(
                input("la-march-late", inLosAngeles, IMPRESSIONS, "5000000", losAngelesMarchEnd.minus(Duration.ofMinutes(30)))),
                ACTOR)));
        clock.set(losAngelesMarchEnd.plus(Duration.ofHours(1)).plusSeconds(1));
        ClosePeriodResult losAngelesClose = billing.closePeriod().close(new ClosePeriodCommand(ACTOR));

        assertThat(berlinClose.created()).hasSize(1);
        assertThat(losAngelesClose.created()).hasSize(1);
        // Both Marches are 743 h long (one DST hour lost). The trial runs from local midnight on March 1 to
        // local midnight on March 15: Berlin switches on March 29, after the trial, so 14 x 24 = 336 h and
        // 499.00 x 336 / 743 = 225.6581 -> 225.66; Los Angeles switches on March 8, inside the trial, so
        // 336 - 1 = 335 h and 499.00 x 335 / 743 = 224.9865 -> 224.99.
        Map<CustomerId, String> trialDiscount = Map.of(inBerlin, "-225.66", inLosAngeles, "-224.99");
        for (CustomerId customer : List.of(inBerlin, inLosAngeles)) {
            Invoice march = onlyInvoiceOf(customer);
            assertThat(march.periodStart()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(march.periodEndExclusive()).isEqualTo(LocalDate.of(2026, 4, 1));
            assertThat(march.lines()).extracting(line -> line.amount().amount().toPlainString())
                    .as("March of " + customer).containsExactly("499.00", trialDiscount.get(customer), "1250.00");
            assertThat(march.lines().get(1).description()).isEqualTo("Free trial until 15 Mar 2026");
        }
        assertThat(onlyInvoiceOf(inBerlin).number().map(InvoiceNumber::toString)).contains("INV-2026-000001");
        assertThat(onlyInvoiceOf(inLosAngeles).number().map(InvoiceNumber::toString)).contains("INV-2026-000002");
        assertThat(postgres.usageEvents().aggregate(inBerlin, SeedCatalogs.apex().requireMeter(IMPRESSIONS),
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1))).isEqualByComparingTo("4000000");
    }

    private CustomerId subscribeAtLocalMidnight(BillingServices billing, String id, ZoneId zone) {
        CustomerId customer = CustomerId.of(id);
        clock.set(LocalDate.of(2026, 3, 1).atStartOfDay(zone).toInstant());
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(customer, id, id + "@example.com").withTimeZone(zone), ACTOR));
        billing.subscribe().subscribe(new SubscribeCommand(customer, GROWTH, ACTOR));
        return customer;
    }

    // --- scenario

    private BillingServices services(PostgresAdapter adapter, BillingSettings settings) {
        return new BillingServices(adapter.billingPorts(provider, new PlainTextInvoiceRenderer(),
                new RecordingWebhookSender()), SeedCatalogs.apex(),
                clock, settings);
    }

    /** Batches of 7 subscriptions, so concurrent runs interleave over several rounds. */
    private static BillingSettings smallBatches() {
        return BillingSettings.defaults().withPeriodClose(
                new ClosePeriodService.Settings(ClosePeriodService.Settings.DEFAULT_GRACE, 7));
    }

    /**
     * 20 customers subscribe to Growth at the start of the month; usage of the first days is recorded during
     * the month, usage of the last day during the grace hour after it; then the clock stands after the grace.
     */
    private Month subscribeAndRecordUsage(BillingServices billing, String prefix, LocalDate start) {
        Month month = new Month(start, new ArrayList<>());
        clock.set(month.start());
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerId id = CustomerId.of("cus_" + prefix + "_" + String.format("%02d", i));
            billing.upsertCustomer().upsert(new UpsertCustomerCommand(
                    Customer.of(id, "Customer " + i, prefix + i + "@example.com"), ACTOR));
            billing.subscribe().subscribe(new SubscribeCommand(id, GROWTH, ACTOR));
            month.customers().add(id);
        }
        List<UsageEventInput> during = new ArrayList<>();
        List<UsageEventInput> lastDay = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerId id = month.customers().get(i);
            List<Usage> events = PROFILES.get(i % PROFILES.size()).events();
            for (int e = 0; e < events.size(); e++) {
                Usage u = events.get(e);
                Instant at = u.dayOfMonth() < 0 ? month.end().minus(Duration.ofMinutes(10)) : month.day(u.dayOfMonth());
                (u.dayOfMonth() < 0 ? lastDay : during).add(input(eventId(id, e), id, u.meter(), u.quantity(), at));
            }
        }
        clock.set(month.day(28));
        assertAllAccepted(billing.recordUsage().record(new RecordUsageCommand(during, ACTOR)));
        clock.set(month.end().plus(Duration.ofMinutes(30)));
        assertAllAccepted(billing.recordUsage().record(new RecordUsageCommand(lastDay, ACTOR)));
        clock.set(month.end().plus(ClosePeriodService.Settings.DEFAULT_GRACE).plusSeconds(1));
        return month;
    }

    // --- checks

    private static void assertAllAccepted(RecordUsageResult result) {
        assertThat(result.outcomes()).allSatisfy(outcome ->
                assertThat(outcome.status()).as(outcome.eventId() + ": " + outcome.reason())
                        .isEqualTo(UsageEventStatus.ACCEPTED));
    }

    private static void assertRunsCreatedEachInvoiceOnce(List<ClosePeriodResult> runs) {
        assertThat(runs).allSatisfy(run -> assertThat(run.failures()).isEmpty());
        List<InvoiceId> created = runs.stream().flatMap(run -> run.created().stream()).toList();
        assertThat(created).hasSize(CUSTOMERS).doesNotHaveDuplicates();
    }

    /**
     * Every customer has exactly one OPEN invoice, for the month, with the base fee and its profile's
     * overage lines (quantities = the recorded usage); the 20 numbers are exactly INV-2026-000001..000020;
     * the provider got each invoice once.
     */
    private void assertOneInvoicePerSubscriptionAndPeriod(Month month) {
        assertThat(TestDatabase.count("invoices")).isEqualTo(CUSTOMERS);
        List<String> numbers = new ArrayList<>();
        Set<String> subscriptions = new HashSet<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            CustomerId customer = month.customers().get(i);
            UsageProfile profile = PROFILES.get(i % PROFILES.size());
            Invoice invoice = onlyInvoiceOf(customer);
            assertThat(invoice.status()).isEqualTo(InvoiceStatus.OPEN);
            assertThat(invoice.periodStart()).isEqualTo(month.first());
            assertThat(invoice.periodEndExclusive()).isEqualTo(month.first().plusMonths(1));
            assertLinesMatchUsage(invoice, profile);
            numbers.add(invoice.number().map(InvoiceNumber::toString).orElseThrow());
            subscriptions.add(invoice.subscriptionId().value());
            assertThat(postgres.providerReferences().providerId("invoice", invoice.id().value())).isPresent();
        }
        assertThat(subscriptions).hasSize(CUSTOMERS);
        assertThat(numbers).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, CUSTOMERS)
                .mapToObj(n -> String.format("INV-2026-%06d", n)).toList());
        assertThat(provider.invoices()).hasSize(CUSTOMERS);
        for (CustomerId customer : month.customers()) {
            assertThat(postgres.subscriptions().findLive(customer).orElseThrow().status())
                    .isEqualTo(SubscriptionStatus.ACTIVE);
        }
        assertThat(activations("billing_audit", "action")).as("ended trials activated once").isEqualTo(CUSTOMERS);
        assertThat(activations("events", "type")).isEqualTo(CUSTOMERS);
    }

    private static long activations(String table, String column) {
        return TestDatabase.owner().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table + " WHERE "
                + column + " = 'subscription.activated'").mapTo(Long.class).one());
    }

    private static void assertLinesMatchUsage(Invoice invoice, UsageProfile profile) {
        List<InvoiceLine> lines = invoice.lines();
        assertThat(lines.get(0)).isInstanceOf(InvoiceLine.BaseFeeLine.class);
        assertThat(lines.get(0).amount().amount()).isEqualByComparingTo("499.00");
        assertThat(lines.get(1)).as(invoice.customerId() + " trial").isInstanceOfSatisfying(InvoiceLine.AdjustmentLine.class,
                line -> assertThat(line.amount().amount()).isEqualByComparingTo(TRIAL_DISCOUNT));
        List<MeterKey> billedMeters = List.of(IMPRESSIONS, API_CALLS, DATA_TRANSFER_GB).stream()
                .filter(profile.overage()::containsKey).toList();
        assertThat(lines).hasSize(2 + billedMeters.size());
        // no tax (the customers' rate is 0): base fee less the trial plus the overage lines
        BigDecimal expectedTotal = new BigDecimal("499.00").add(new BigDecimal(TRIAL_DISCOUNT));
        for (int m = 0; m < billedMeters.size(); m++) {
            MeterKey meter = billedMeters.get(m);
            BigDecimal amount = new BigDecimal(profile.overage().get(meter));
            expectedTotal = expectedTotal.add(amount);
            assertThat(lines.get(m + 2)).as(invoice.customerId() + " " + meter)
                    .isInstanceOfSatisfying(InvoiceLine.UsageLine.class, line -> {
                        assertThat(line.meter()).isEqualTo(meter);
                        assertThat(line.quantity()).isEqualByComparingTo(profile.recorded(meter));
                        assertThat(line.amount().amount()).isEqualByComparingTo(amount);
                        assertThat(line.amount().amount().scale()).isEqualTo(2);
                    });
        }
        assertThat(invoice.totals().total().amount()).as(invoice.customerId() + " total")
                .isEqualByComparingTo(expectedTotal);
    }

    private Invoice onlyInvoiceOf(CustomerId customer) {
        List<Invoice> invoices = postgres.invoices().list(customer, InvoiceStore.Filter.none(), 0, 10).items();
        assertThat(invoices).as("invoices of " + customer).hasSize(1);
        return invoices.get(0);
    }

    // --- test data

    private static String eventId(CustomerId customer, int index) {
        return customer.value() + "-evt-" + index;
    }

    private static UsageEventInput input(String eventId, CustomerId customer, MeterKey meter, String quantity, Instant at) {
        return new UsageEventInput(eventId, customer, meter.value(), new BigDecimal(quantity), at, Map.of());
    }

    /** {@code dayOfMonth} days after the month's first midnight (UTC), or -1: ten minutes before its end. */
    private static Usage usage(MeterKey meter, String quantity, int dayOfMonth) {
        return new Usage(meter, quantity, dayOfMonth);
    }

    private record Usage(MeterKey meter, String quantity, int dayOfMonth) {
    }

    private record UsageProfile(List<Usage> events, Map<MeterKey, String> overage) {
        BigDecimal recorded(MeterKey meter) {
            return events.stream().filter(u -> u.meter().equals(meter)).map(u -> new BigDecimal(u.quantity()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /** A calendar month in UTC (the customers' zone) and the customers subscribed at its start. */
    private record Month(LocalDate first, List<CustomerId> customers) {
        Instant start() {
            return first.atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant end() {
            return first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }

        Instant day(int daysAfterStart) {
            return start().plus(Duration.ofDays(daysAfterStart)).plus(Duration.ofHours(12));
        }
    }
}
