package io.billkit.application.contract;

import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link WebhookEndpointStore} must do. Ids are unique per test run. */
public abstract class WebhookEndpointStoreContract {

    protected abstract WebhookEndpointStore store();

    protected abstract Transactions transactions();

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CustomerId acme = CustomerId.of("acme-" + run);
    private final CustomerId globex = CustomerId.of("globex-" + run);

    private WebhookEndpoint endpoint(String id, Optional<CustomerId> customer, List<String> types, boolean active,
                                     int second) {
        return new WebhookEndpoint(id + "-" + run, customer, "https://hooks.example.com/" + id, "whsec_" + id, types,
                active, T.plusSeconds(second));
    }

    @Test
    void a_saved_endpoint_is_found_as_saved_and_save_replaces_it() {
        WebhookEndpoint e = endpoint("we_a", Optional.of(acme), List.of("invoice.created", "usage.alert"), true, 0);
        store().save(e);
        assertThat(store().find(e.id())).contains(e);

        WebhookEndpoint deactivated = new WebhookEndpoint(e.id(), e.customer(), e.url(), e.secret(), e.eventTypes(),
                false, e.createdAt());
        store().save(deactivated);
        assertThat(store().find(e.id())).contains(deactivated);
        assertThat(store().find("we_missing-" + run)).isEmpty();
    }

    @Test
    void consecutive_dead_deliveries_disable_an_endpoint_once_and_a_delivered_one_restarts_the_count() {
        WebhookEndpoint e = endpoint("we_dead", Optional.of(acme), List.of(), true, 0);
        WebhookEndpoint global = endpoint("we_dead_global", Optional.empty(), List.of(), true, 1);
        store().save(e);
        store().save(global);

        assertThat(store().recordDeadDelivery(e.id(), 3)).isFalse();
        assertThat(store().recordDeadDelivery(e.id(), 3)).isFalse();
        store().recordDelivered(e.id());
        assertThat(store().recordDeadDelivery(e.id(), 3)).isFalse();
        assertThat(store().recordDeadDelivery(e.id(), 3)).isFalse();
        assertThat(store().find(e.id()).orElseThrow().active()).isTrue();
        assertThat(store().recordDeadDelivery(e.id(), 3)).as("third in a row disables").isTrue();
        assertThat(store().find(e.id()).orElseThrow().active()).isFalse();
        assertThat(store().recordDeadDelivery(e.id(), 3)).as("already disabled").isFalse();
        assertThat(store().find(global.id()).orElseThrow().active()).isTrue();
        assertThat(store().recordDeadDelivery(global.id(), 1)).isTrue();
        assertThat(store().find(global.id()).orElseThrow().active()).isFalse();
        assertThat(store().recordDeadDelivery("we_missing-" + run, 1)).isFalse();
        store().recordDelivered("we_missing-" + run);
    }

    @Test
    void list_names_a_customers_own_endpoints_or_every_endpoint_oldest_first() {
        WebhookEndpoint global = endpoint("we_global", Optional.empty(), List.of(), true, 0);
        WebhookEndpoint acmeOne = endpoint("we_acme1", Optional.of(acme), List.of(), true, 1);
        WebhookEndpoint acmeTwo = endpoint("we_acme2", Optional.of(acme), List.of(), false, 2);
        WebhookEndpoint other = endpoint("we_globex", Optional.of(globex), List.of(), true, 3);
        store().save(acmeTwo);
        store().save(global);
        store().save(other);
        store().save(acmeOne);

        assertThat(store().list(Optional.of(acme))).containsExactly(acmeOne, acmeTwo);
        assertThat(store().list(Optional.empty())).containsSubsequence(global, acmeOne, acmeTwo, other);
    }

    @Test
    void matching_takes_active_customer_and_global_endpoints_whose_types_allow_the_event() {
        WebhookEndpoint globalAll = endpoint("we_g_all", Optional.empty(), List.of(), true, 0);
        WebhookEndpoint globalUsage = endpoint("we_g_usage", Optional.empty(), List.of("usage.alert"), true, 1);
        WebhookEndpoint acmeInvoices = endpoint("we_a_inv", Optional.of(acme),
                List.of("invoice.created", "invoice.paid"), true, 2);
        WebhookEndpoint acmeInactive = endpoint("we_a_off", Optional.of(acme), List.of(), false, 3);
        WebhookEndpoint globexAll = endpoint("we_x_all", Optional.of(globex), List.of(), true, 4);
        List.of(globalAll, globalUsage, acmeInvoices, acmeInactive, globexAll).forEach(store()::save);

        List<String> ids = store().matching(acme.value(), "invoice.created").stream().map(WebhookEndpoint::id).toList();
        assertThat(ids).contains(globalAll.id(), acmeInvoices.id())
                .doesNotContain(globalUsage.id(), acmeInactive.id(), globexAll.id());
        assertThat(ids.indexOf(globalAll.id())).isLessThan(ids.indexOf(acmeInvoices.id()));

        assertThat(store().matching(acme.value(), "usage.alert")).contains(globalAll, globalUsage)
                .doesNotContain(acmeInvoices, acmeInactive, globexAll);
        assertThat(store().matching(globex.value(), "subscription.created")).contains(globalAll, globexAll)
                .doesNotContain(globalUsage, acmeInvoices);
    }

    @Test
    void an_endpoint_saved_in_a_rolled_back_transaction_is_gone() {
        WebhookEndpoint e = endpoint("we_rb", Optional.of(acme), List.of(), true, 0);
        assertThatThrownBy(() -> transactions().run(() -> {
            store().save(e);
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store().find(e.id())).isEmpty();
    }
}
