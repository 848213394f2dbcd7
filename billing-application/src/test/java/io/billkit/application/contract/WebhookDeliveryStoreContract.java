package io.billkit.application.contract;

import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.domain.customer.CustomerId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link WebhookDeliveryStore} must do. Deliveries reference endpoints, so the contract saves its
 * endpoints in the matching {@link WebhookEndpointStore} first. Ids are unique per test run.
 */
public abstract class WebhookDeliveryStoreContract {

    protected abstract WebhookDeliveryStore store();

    protected abstract WebhookEndpointStore endpoints();

    protected abstract Transactions transactions();

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String customer = "acme-" + run;
    private final String endpointA = "we_a-" + run;
    private final String endpointB = "we_b-" + run;

    @BeforeEach
    void saveEndpoints() {
        for (String id : List.of(endpointA, endpointB)) {
            endpoints().save(new WebhookEndpoint(id, Optional.of(CustomerId.of(customer)), "https://hooks.example.com/" + id,
                    "whsec_" + id, List.of(), true, T));
        }
    }

    private WebhookDelivery delivery(String id, String endpoint, String event, Instant due) {
        return WebhookDelivery.pending(id + "-" + run, endpoint, event + "-" + run, "invoice.created", customer,
                "{\"id\":\"" + event + "\",\"data\":{\"note\":\"caf\u00e9 \\\"quoted\\\"\"}}", due);
    }

    @Test
    void enqueue_adds_one_delivery_per_endpoint_and_event() {
        WebhookDelivery first = delivery("whd_1", endpointA, "evt_1", T);
        assertThat(store().enqueue(first)).isTrue();
        assertThat(store().enqueue(delivery("whd_1_again", endpointA, "evt_1", T.plusSeconds(5)))).isFalse();
        assertThat(store().enqueue(delivery("whd_2", endpointB, "evt_1", T))).isTrue();

        assertThat(store().find(first.id())).contains(first);
        assertThat(store().forEvent(first.eventId())).extracting(WebhookDelivery::endpointId)
                .containsExactlyInAnyOrder(endpointA, endpointB);
    }

    @Test
    void the_delivery_log_lists_an_endpoints_attempts_newest_first_as_logged() {
        WebhookDelivery d = delivery("whd_log", endpointA, "evt_log", T);
        WebhookDelivery other = delivery("whd_log_b", endpointB, "evt_log", T);
        store().enqueue(d);
        store().enqueue(other);
        WebhookDeliveryAttempt first = new WebhookDeliveryAttempt("wha_1-" + run, d.id(), endpointA, d.eventId(),
                d.eventType(), customer, 1, T, 12, WebhookDeliveryStatus.PENDING, Optional.of(500),
                Optional.of("HTTP 500"));
        WebhookDeliveryAttempt second = new WebhookDeliveryAttempt("wha_2-" + run, d.id(), endpointA, d.eventId(),
                d.eventType(), customer, 2, T.plusSeconds(60), 0, WebhookDeliveryStatus.DEAD, Optional.empty(),
                Optional.of("ConnectException: refused \"x\""));
        WebhookDeliveryAttempt third = new WebhookDeliveryAttempt("wha_3-" + run, d.id(), endpointA, d.eventId(),
                d.eventType(), customer, 1, T.plusSeconds(180), 7, WebhookDeliveryStatus.DELIVERED, Optional.of(204),
                Optional.empty());
        WebhookDeliveryAttempt elsewhere = new WebhookDeliveryAttempt("wha_b-" + run, other.id(), endpointB,
                other.eventId(), other.eventType(), customer, 1, T.plusSeconds(500), 3,
                WebhookDeliveryStatus.DELIVERED, Optional.of(200), Optional.empty());
        transactions().inTransaction(() -> {
            store().logAttempt(second);
            store().logAttempt(first);
            store().logAttempt(third);
            store().logAttempt(elsewhere);
            return null;
        });

        assertThat(store().attempts(endpointA, 10)).containsExactly(third, second, first);
        assertThat(store().attempts(endpointA, 2)).containsExactly(third, second);
        assertThat(store().attempts(endpointB, 10)).containsExactly(elsewhere);
        assertThat(store().attempts("we_none-" + run, 10)).isEmpty();
        assertThat(third.succeeded()).isTrue();
        assertThat(second.succeeded()).isFalse();
    }

    @Test
    void tally_counts_each_endpoints_deliveries_by_status_with_the_last_delivery_and_open_error() {
        WebhookDelivery ok = delivery("whd_t_ok", endpointA, "evt_t1", T);
        WebhookDelivery failing = delivery("whd_t_fail", endpointA, "evt_t2", T.plusSeconds(10));
        WebhookDelivery fresh = delivery("whd_t_new", endpointA, "evt_t3", T.plusSeconds(20));
        store().enqueue(ok);
        store().enqueue(failing);
        store().enqueue(fresh);
        store().recordAttempt(ok.failed(Optional.of(500), "HTTP 500 from the endpoint", T.plusSeconds(1))
                .delivered(200, T.plusSeconds(90)));
        WebhookDelivery dead = failing;
        for (int i = 0; i < WebhookDelivery.MAX_ATTEMPTS; i++) {
            dead = dead.failed(Optional.empty(), "connection refused #" + i, T.plusSeconds(100 + i));
        }
        store().recordAttempt(dead);
        String unused = "we_unused-" + run;

        var tally = store().tally(List.of(endpointA, endpointB, unused));

        assertThat(tally).containsOnlyKeys(endpointA, endpointB, unused);
        var a = tally.get(endpointA);
        assertThat(List.of(a.pending(), a.delivered(), a.dead())).containsExactly(1L, 1L, 1L);
        assertThat(a.lastDelivered()).contains(T.plusSeconds(90));
        assertThat(a.lastError()).contains("connection refused #" + (WebhookDelivery.MAX_ATTEMPTS - 1));
        assertThat(tally.get(endpointB)).isEqualTo(io.billkit.application.port.out.WebhookDeliveryTally.NONE);
        assertThat(tally.get(unused)).isEqualTo(io.billkit.application.port.out.WebhookDeliveryTally.NONE);
    }

    @Test
    void a_duplicate_enqueue_inside_a_transaction_does_not_spoil_it() {
        store().enqueue(delivery("whd_1", endpointA, "evt_1", T));
        boolean added = transactions().inTransaction(() -> {
            boolean duplicate = store().enqueue(delivery("whd_dup", endpointA, "evt_1", T));
            store().enqueue(delivery("whd_2", endpointB, "evt_1", T));
            return duplicate;
        });
        assertThat(added).isFalse();
        assertThat(store().forEvent("evt_1-" + run)).hasSize(2);
    }

    @Test
    void claim_takes_due_pending_deliveries_oldest_due_first_and_leases_them() {
        store().enqueue(delivery("whd_late", endpointA, "evt_late", T.plusSeconds(120)));
        store().enqueue(delivery("whd_second", endpointA, "evt_2", T.plusSeconds(30)));
        store().enqueue(delivery("whd_first", endpointA, "evt_1", T));
        Instant now = T.plusSeconds(60);
        Instant lease = now.plus(Duration.ofMinutes(5));

        List<WebhookDelivery> claimed = transactions().inTransaction(() -> store().claimDue(now, lease, 10));

        assertThat(claimed).extracting(WebhookDelivery::id).containsExactly("whd_first-" + run, "whd_second-" + run);
        assertThat(store().find("whd_first-" + run).orElseThrow().nextAttemptAt()).contains(lease);
        assertThat(transactions().inTransaction(() -> store().claimDue(now, lease, 10))).isEmpty();
        assertThat(transactions().inTransaction(() -> store().claimDue(lease, lease.plusSeconds(300), 10)))
                .extracting(WebhookDelivery::id)
                .containsExactly("whd_late-" + run, "whd_first-" + run, "whd_second-" + run);
    }

    @Test
    void claim_respects_the_limit() {
        store().enqueue(delivery("whd_1", endpointA, "evt_1", T));
        store().enqueue(delivery("whd_2", endpointA, "evt_2", T.plusSeconds(1)));
        List<WebhookDelivery> claimed = transactions().inTransaction(() ->
                store().claimDue(T.plusSeconds(10), T.plusSeconds(600), 1));
        assertThat(claimed).extracting(WebhookDelivery::id).containsExactly("whd_1-" + run);
    }

    @Test
    void recorded_attempts_are_stored_and_only_pending_ones_come_due_again() {
        WebhookDelivery failing = delivery("whd_fail", endpointA, "evt_1", T);
        WebhookDelivery succeeding = delivery("whd_ok", endpointB, "evt_1", T);
        store().enqueue(failing);
        store().enqueue(succeeding);
        transactions().inTransaction(() -> store().claimDue(T, T.plusSeconds(300), 10));

        WebhookDelivery retry = failing.failed(Optional.of(500), "HTTP 500", T.plusSeconds(1));
        WebhookDelivery delivered = succeeding.delivered(204, T.plusSeconds(1));
        store().recordAttempt(retry);
        store().recordAttempt(delivered);

        assertThat(store().find(retry.id())).contains(retry);
        assertThat(store().find(delivered.id())).contains(delivered);
        assertThat(retry.status()).isEqualTo(WebhookDeliveryStatus.PENDING);
        assertThat(retry.nextAttemptAt()).contains(T.plusSeconds(61));
        assertThat(transactions().inTransaction(() -> store().claimDue(T.plusSeconds(60), T.plusSeconds(999), 10)))
                .isEmpty();
        assertThat(transactions().inTransaction(() -> store().claimDue(T.plusSeconds(61), T.plusSeconds(999), 10)))
                .extracting(WebhookDelivery::id).containsExactly(retry.id());
    }

    @Test
    void a_dead_delivery_is_never_claimed() {
        WebhookDelivery d = delivery("whd_dead", endpointA, "evt_1", T);
        store().enqueue(d);
        WebhookDelivery dead = d;
        for (int i = 0; i < WebhookDelivery.MAX_ATTEMPTS; i++) {
            dead = dead.failed(Optional.empty(), "ConnectException", T.plusSeconds(i));
        }
        store().recordAttempt(dead);
        assertThat(store().find(d.id()).orElseThrow().status()).isEqualTo(WebhookDeliveryStatus.DEAD);
        assertThat(store().find(d.id()).orElseThrow().attempts()).isEqualTo(8);
        assertThat(transactions().inTransaction(() -> store().claimDue(T.plus(Duration.ofDays(30)),
                T.plus(Duration.ofDays(31)), 10))).isEmpty();
    }

    @Test
    void claim_next_hands_out_an_endpoints_deliveries_one_at_a_time_in_enqueue_order() {
        // enqueue order, not due time, is the order
        WebhookDelivery first = delivery("whd_o1", endpointA, "evt_o1", T.plusSeconds(5));
        WebhookDelivery second = delivery("whd_o2", endpointA, "evt_o2", T);
        WebhookDelivery third = delivery("whd_o3", endpointA, "evt_o3", T);
        WebhookDelivery otherLane = delivery("whd_ob", endpointB, "evt_o1", T);
        List.of(first, second, third, otherLane).forEach(store()::enqueue);
        Instant now = T.plusSeconds(10);

        assertThat(claimNext(endpointA, T)).as("its oldest is not due yet; later ones wait").isEmpty();
        assertThat(claimNext(endpointA, now)).map(WebhookDelivery::id).contains(first.id());
        assertThat(claimNext(endpointA, now)).as("the oldest is leased: nothing else of the endpoint").isEmpty();
        assertThat(claimNext(endpointB, now)).map(WebhookDelivery::id).contains(otherLane.id());

        store().recordAttempt(first.delivered(204, now));
        assertThat(claimNext(endpointA, now)).map(WebhookDelivery::id).contains(second.id());
        WebhookDelivery retry = second.failed(Optional.of(500), "HTTP 500", now);
        store().recordAttempt(retry);
        assertThat(claimNext(endpointA, now)).as("a failed delivery waiting for its retry holds back later ones")
                .isEmpty();
        assertThat(claimNext(endpointA, retry.nextAttemptAt().orElseThrow())).map(WebhookDelivery::id)
                .contains(second.id());
        assertThat(claimNext(endpointA, retry.nextAttemptAt().orElseThrow().plusSeconds(301))).as("an expired lease hands the same one out again")
                .map(WebhookDelivery::id).contains(second.id());
        assertThat(claimNext("we_none-" + run, now)).isEmpty();
    }

    @Test
    void due_endpoints_are_those_whose_oldest_pending_delivery_is_due() {
        store().enqueue(delivery("whd_d1", endpointA, "evt_d1", T.plusSeconds(100)));
        store().enqueue(delivery("whd_d2", endpointA, "evt_d2", T));
        store().enqueue(delivery("whd_d3", endpointB, "evt_d1", T));

        List<String> due = transactions().inTransaction(() -> store().dueEndpoints(T.plusSeconds(10), 1000));
        assertThat(due).contains(endpointB).doesNotContain(endpointA).doesNotHaveDuplicates();
        assertThat(transactions().inTransaction(() -> store().dueEndpoints(T.plusSeconds(100), 1000)))
                .contains(endpointA, endpointB);
    }

    @Test
    void pruning_deletes_only_log_entries_older_than_the_cutoff() {
        Instant old = T.minus(Duration.ofDays(400));
        WebhookDelivery d = delivery("whd_prune", endpointA, "evt_prune", old);
        store().enqueue(d);
        WebhookDeliveryAttempt ancient = new WebhookDeliveryAttempt("wha_old-" + run, d.id(), endpointA, d.eventId(),
                d.eventType(), customer, 1, old, 5, WebhookDeliveryStatus.PENDING, Optional.of(500),
                Optional.of("HTTP 500"));
        WebhookDeliveryAttempt recent = new WebhookDeliveryAttempt("wha_new-" + run, d.id(), endpointA, d.eventId(),
                d.eventType(), customer, 2, T.minus(Duration.ofDays(10)), 5, WebhookDeliveryStatus.DELIVERED,
                Optional.of(200), Optional.empty());
        transactions().inTransaction(() -> {
            store().logAttempt(ancient);
            store().logAttempt(recent);
            return null;
        });

        int pruned = transactions().inTransaction(() -> store().pruneAttempts(T.minus(Duration.ofDays(30))));

        assertThat(pruned).isGreaterThanOrEqualTo(1);
        assertThat(store().attempts(endpointA, 10)).containsExactly(recent);
        assertThat(store().find(d.id())).as("the delivery itself stays").isPresent();
    }

    private Optional<WebhookDelivery> claimNext(String endpoint, Instant now) {
        return transactions().inTransaction(() -> store().claimNext(endpoint, now, now.plusSeconds(300)));
    }
}
