package io.billkit.application.service;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A provider outage while creating a customer saves it locally; the provider customer is created once, later. */
class UpsertCustomerProviderOutageTest {
    private final SettableClock clock = SettableClock.at("2026-03-01T08:00:00Z");
    private final MockPaymentProvider provider = new MockPaymentProvider(clock);
    private final BillingServices billing = new BillingServices(InMemoryBillingPorts.create(provider),
            SeedCatalogs.apex(), clock, BillingSettings.defaults());
    private final Actor admin = Actor.of("admin");
    private final CustomerId acme = CustomerId.of("acme");

    @Test
    void an_unreachable_provider_leaves_the_customer_saved_and_unlinked_then_the_first_need_creates_it_once() {
        provider.failNextCall(MockPaymentProvider.Failure.TIMEOUT);
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(acme, "Acme", "ap@acme.example"), admin));

        assertThat(billing.ports().customers().find(acme)).isPresent();
        assertThat(billing.ports().providerReferences().providerId(UpsertCustomerService.CUSTOMER_REF, "acme")).isEmpty();

        billing.subscribe().subscribe(new SubscribeCommand(acme, PlanCode.of("growth"), admin));

        assertThat(billing.ports().providerReferences().providerId(UpsertCustomerService.CUSTOMER_REF, "acme")).isPresent();
        var creates = provider.calls().stream().filter(c -> c.method().equals("createCustomer")).toList();
        assertThat(creates).hasSize(2).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo("customer-create-acme"));
        assertThat(creates.stream().map(MockPaymentProvider.Call::idempotencyKey).distinct()).hasSize(1);
    }

    @Test
    void an_update_of_a_linked_customer_during_an_outage_still_fails_with_provider_unavailable() {
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(acme, "Acme", "ap@acme.example"), admin));
        provider.failNextCall(MockPaymentProvider.Failure.TIMEOUT);

        assertThatThrownBy(() -> billing.upsertCustomer().upsert(
                new UpsertCustomerCommand(Customer.of(acme, "Acme Ltd", "ap@acme.example"), admin)))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE));
        assertThat(billing.ports().customers().find(acme).orElseThrow().name()).isEqualTo("Acme");
    }
}
