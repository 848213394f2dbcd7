package io.billkit.application.scenario;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoicePage;
import io.billkit.application.port.in.invoice.ListInvoicesQuery;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's "Test a billing flow without a network" example, kept compiling and true. */
class ReadmeExampleTest {

    @Test
    void the_readme_example_bills_one_growth_month_with_its_impressions_overage() {
        SettableClock clock = SettableClock.at("2026-03-01T08:00:00Z");
        MockPaymentProvider stripe = new MockPaymentProvider(clock);
        BillingServices billing = new BillingServices(InMemoryBillingPorts.create(stripe),
                SeedCatalogs.apex(), clock, BillingSettings.defaults());

        Actor admin = Actor.of("admin");
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(CustomerId.of("acme"), "Acme", "ap@acme.example"), admin));
        billing.subscribe().subscribe(new SubscribeCommand(CustomerId.of("acme"), PlanCode.of("growth"), admin));
        billing.recordUsage().record(RecordUsageCommand.single(new UsageEventInput("evt-1", CustomerId.of("acme"),
                "impressions", new BigDecimal("12500000"), clock.instant(), Map.of()), admin));
        clock.advance(Duration.ofDays(32));
        ClosePeriodResult closed = billing.closePeriod().close(new ClosePeriodCommand(admin));

        assertThat(closed.created()).hasSize(1);
        InvoicePage page = billing.listInvoices().list(new ListInvoicesQuery(CustomerId.of("acme"), 1, 10,
                Optional.empty(), Optional.empty(), Optional.empty()));
        var invoice = page.items().get(0);
        assertThat(invoice.number()).contains("INV-2026-000001");
        // Growth: 10M impressions included, 2.5M over at USD 0.50 per 1,000 = USD 1,250.00
        assertThat(invoice.lines()).anySatisfy(line -> {
            assertThat(line.kind()).isEqualTo("usage");
            assertThat(line.amount()).isEqualTo(Money.of("1250.00", "USD"));
        });
        // The period starts at the local midnight of March 1 and the trial ends March 15 08:00, so the
        // trial waives 344 of the period's 744 hours of the USD 499.00 base fee: 499.00 x 344 / 744 = 230.72;
        // subtotal 499.00 - 230.72 + 1,250.00 = 1,518.28.
        assertThat(invoice.subtotal()).isEqualTo(Money.of("1518.28", "USD"));
        assertThat(stripe.calls()).anySatisfy(call -> assertThat(call.method()).isEqualTo("createInvoice"));
    }
}
