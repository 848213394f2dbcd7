package io.billkit.application.service;

import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.CustomerOverview;
import io.billkit.application.port.in.customer.CustomerPage;
import io.billkit.application.port.in.customer.ListCustomersQuery;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListCustomersServiceTest {
    private static final Actor ADMIN = Actor.of("admin");
    private final SettableClock clock = SettableClock.at("2026-03-01T10:00:00Z");
    private BillingServices billing;

    @BeforeEach
    void setUp() {
        billing = new BillingServices(InMemoryBillingPorts.create(clock), SeedCatalogs.apex(), clock,
                BillingSettings.defaults());
        for (String id : List.of("globex", "acme", "initech")) {
            billing.upsertCustomer().upsert(new UpsertCustomerCommand(Customer.of(CustomerId.of(id), id.toUpperCase(),
                    id + "@example.com"), ADMIN));
        }
        billing.subscribe().subscribe(new SubscribeCommand(CustomerId.of("acme"), PlanCode.of("scale"), ADMIN));
        billing.subscribe().subscribe(new SubscribeCommand(CustomerId.of("globex"), PlanCode.of("growth"), ADMIN));
        billing.cancelSubscription().cancel(new CancelSubscriptionCommand(CustomerId.of("globex"), false, ADMIN));
    }

    @Test
    void customers_are_listed_by_id_with_their_plan_and_status_live_or_latest() {
        CustomerPage page = billing.listCustomers().list(new ListCustomersQuery(1, 10));

        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(o -> o.customer().id().value())
                .containsExactly("acme", "globex", "initech");
        CustomerOverview acme = page.items().get(0);
        assertThat(acme.subscription()).hasValueSatisfying(s -> {
            assertThat(s.plan().value()).isEqualTo("scale");
            assertThat(s.planName()).isEqualTo("Scale");
            assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        });
        assertThat(page.items().get(1).subscription()).hasValueSatisfying(s ->
                assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELLED));
        assertThat(page.items().get(2).subscription()).isEmpty();
    }

    @Test
    void pages_slice_the_ordered_list_and_past_the_end_is_empty() {
        CustomerPage second = billing.listCustomers().list(new ListCustomersQuery(2, 2));
        assertThat(second.items()).extracting(o -> o.customer().id().value()).containsExactly("initech");
        assertThat(second.total()).isEqualTo(3);
        assertThat(billing.listCustomers().list(new ListCustomersQuery(3, 2)).items()).isEmpty();
        assertThatThrownBy(() -> new ListCustomersQuery(0, 10)).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new ListCustomersQuery(1, 101)).isInstanceOf(BillingException.class);
    }
}
