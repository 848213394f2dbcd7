package io.billkit.adapter.postgres;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.PlainTextInvoiceRenderer;
import io.billkit.application.inmemory.RecordingWebhookSender;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.GetInvoiceQuery;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.SetUsageThresholdsCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.scenario.ProgressiveBillingScenarioTest;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.UsageThresholds;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProgressiveBillingScenarioTest} (its assertions unchanged, to the cent) with every store on PostgreSQL, and
 * the threshold job run by two "replicas" (two service instances on one database) four times at once: every
 * crossing is invoiced exactly once, with gapless numbers.
 */
class ProgressiveBillingOnPostgresTest extends ProgressiveBillingScenarioTest {

    @Override
    protected BillingPorts ports(MockPaymentProvider provider) {
        TestDatabase.truncateAll();
        return TestDatabase.adapter().billingPorts(provider, new PlainTextInvoiceRenderer(), new RecordingWebhookSender());
    }

    @Test
    void concurrent_runs_on_two_replicas_issue_each_threshold_invoice_once() throws Exception {
        BillingServices replica = new BillingServices(TestDatabase.adapter().billingPorts(provider,
                new PlainTextInvoiceRenderer(), new RecordingWebhookSender()), SeedCatalogs.apex(), clock,
                BillingSettings.defaults());
        int customers = 6;
        List<CustomerId> ids = new ArrayList<>();
        for (int i = 0; i < customers; i++) {
            CustomerId id = CustomerId.of("cus_race_" + i);
            ids.add(id);
            customer(id, "Race " + i);
        }
        billing.setUsageThresholds().set(new SetUsageThresholdsCommand(Optional.of(PlanCode.of("scale")),
                Optional.empty(), Optional.of(new UsageThresholds(Money.currency("USD"), List.of(Money.of("100.00", "USD")),
                Optional.empty())), Actor.of("admin")));
        clock.set(Instant.parse("2026-01-12T10:00:00Z"));
        for (CustomerId id : ids) { // 6,000,000 calls: 1,000 packages = 100.00, the threshold
            billing.recordUsage().record(new RecordUsageCommand(List.of(new UsageEventInput(id.value() + "-1", id,
                    "api_calls", new BigDecimal("6000000"), clock.instant(), Map.of())), Actor.of("app")));
        }
        clock.set(Instant.parse("2026-01-12T10:05:00Z"));

        AtomicInteger next = new AtomicInteger();
        List<ClosePeriodResult> runs = ConcurrentRunner.runConcurrently(4, () ->
                (next.getAndIncrement() % 2 == 0 ? billing : replica).closePeriod()
                        .close(new ClosePeriodCommand(Actor.of("billing-job"))));

        assertThat(runs).allSatisfy(r -> assertThat(r.failures()).isEmpty());
        List<InvoiceId> created = runs.stream().flatMap(r -> r.created().stream()).toList();
        assertThat(created).as("one threshold invoice per customer over all runs").hasSize(customers).doesNotHaveDuplicates();
        List<InvoiceView> invoices = created.stream().map(id -> billing.invoice().get(new GetInvoiceQuery(id,
                Optional.empty()))).toList();
        assertThat(invoices).allSatisfy(i -> {
            assertThat(i.kind()).isEqualTo("threshold");
            assertThat(i.total()).isEqualTo(Money.of("110.00", "USD"));
        });
        assertThat(invoices.stream().map(i -> i.customer()).distinct()).hasSize(customers);
        assertThat(invoices.stream().map(i -> i.number().orElseThrow()).toList()).as("gapless")
                .containsExactlyInAnyOrder("INV-2026-000001", "INV-2026-000002", "INV-2026-000003",
                        "INV-2026-000004", "INV-2026-000005", "INV-2026-000006");

        // and the runs after them find nothing more to invoice
        assertThat(replica.closePeriod().close(new ClosePeriodCommand(Actor.of("billing-job"))).created()).isEmpty();
        assertThat(billing.closePeriod().close(new ClosePeriodCommand(Actor.of("billing-job"))).created()).isEmpty();
    }
}
