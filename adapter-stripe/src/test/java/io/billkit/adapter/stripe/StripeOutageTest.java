package io.billkit.adapter.stripe;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe unreachable in the middle of a billing flow: calls time out as PROVIDER_UNAVAILABLE, nothing is charged,
 * and the period's invoice is pushed by a later period-close run once Stripe answers again — exactly once.
 */
class StripeOutageTest {
    private static final Actor ADMIN = Actor.of("admin");
    private static final CustomerId ACME = CustomerId.of("acme");

    private FakeStripeApi fake;
    private SettableClock clock;
    private BillingServices billing;

    @BeforeEach
    void start() {
        fake = FakeStripeApi.start();
        clock = SettableClock.at("2026-03-01T08:00:00Z");
        StripeConfig config = StripeTestSupport.config(fake)
                .withNetwork(Duration.ofMillis(500), Duration.ofMillis(500), 1);
        StripePaymentProvider stripe = new StripePaymentProvider(config, clock, Duration.ofMillis(10));
        billing = new BillingServices(InMemoryBillingPorts.create(stripe), SeedCatalogs.apex(), clock,
                BillingSettings.defaults());
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void while_stripe_is_unreachable_a_call_is_provider_unavailable_and_leaves_nothing_behind() {
        fake.unreachable = true;

        ErrorCode code = StripeTestSupport.codeOf(() -> billing.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(ACME, "Acme", "ap@acme.example"), ADMIN)));

        assertThat(code).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(billing.ports().customers().find(ACME)).isEmpty();
        fake.unreachable = false;
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(ACME, "Acme", "ap@acme.example"), ADMIN));
        assertThat(fake.customers).hasSize(1);
    }

    @Test
    void an_invoice_closed_during_an_outage_is_pushed_once_by_a_later_run() {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(ACME, "Acme", "ap@acme.example"), ADMIN));
        billing.subscribe().subscribe(new SubscribeCommand(ACME, PlanCode.of("scale"), ADMIN));
        clock.advance(Duration.ofDays(32));

        fake.unreachable = true;
        ClosePeriodResult duringOutage = billing.closePeriod().close(new ClosePeriodCommand(ADMIN));
        assertThat(duringOutage.created()).hasSize(1);
        assertThat(duringOutage.failures()).anySatisfy(f -> assertThat(f).contains("provider push"));
        assertThat(fake.invoices).isEmpty();

        fake.unreachable = false;
        ClosePeriodResult afterOutage = billing.closePeriod().close(new ClosePeriodCommand(ADMIN));
        ClosePeriodResult again = billing.closePeriod().close(new ClosePeriodCommand(ADMIN));

        assertThat(afterOutage.failures()).isEmpty();
        assertThat(again.failures()).isEmpty();
        assertThat(fake.invoices).hasSize(1);
        Set<String> invoiceKeys = fake.requests("POST", "/v1/invoices").stream()
                .map(FakeStripeApi.Recorded::idempotencyKey).collect(Collectors.toSet());
        assertThat(invoiceKeys).hasSize(1);
        System.out.printf("stripe outage: close runs 3, invoices issued %d, provider invoices %d, "
                        + "invoice-create requests %d with %d idempotency key(s)%n", duringOutage.created().size(),
                fake.invoices.size(), fake.requests("POST", "/v1/invoices").size(), invoiceKeys.size());
    }
}
