package io.billkit.application.contract;

import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.dunning.DunningAttempt;
import io.billkit.domain.dunning.DunningAttemptOutcome;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.dunning.DunningFinalAction;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.dunning.DunningStatus;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link DunningStore} must do. Ids are unique per test run; claims use instants far in the past. */
public abstract class DunningStoreContract {

    protected abstract DunningStore store();

    protected abstract Transactions transactions();

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final CustomerId customer = CustomerId.of("cus_dun_" + run);
    private final SubscriptionId subscription = SubscriptionId.of("sub_dun_" + run);

    private DunningCase started(String invoice, Instant at, DunningPolicy policy) {
        return DunningCase.start(InvoiceId.of(invoice + "_" + run), subscription, customer, policy, at);
    }

    @Test
    void a_case_round_trips_once_per_invoice_and_updates_check_the_version() {
        DunningCase c = started("inv_a", Instant.parse("2001-01-01T10:00:00Z"),
                DunningPolicy.of(DunningFinalAction.MARK_UNPAID, 2, 4));
        assertThat(transactions().inTransaction(() -> store().insert(c))).isTrue();
        assertThat(transactions().inTransaction(() -> store().insert(c))).as("one case per invoice").isFalse();
        assertThat(store().find(c.invoice())).contains(c);

        DunningCase failed = c.retryFailed(Instant.parse("2001-01-03T10:00:01Z"));
        transactions().inTransaction(() -> {
            store().update(failed);
            return null;
        });
        assertThat(store().find(c.invoice())).contains(failed);
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            store().update(c.stop(Instant.parse("2001-01-04T00:00:00Z")));
            return null;
        })).isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        DunningCase exhausted = failed.retryFailed(Instant.parse("2001-01-05T10:00:01Z"));
        transactions().inTransaction(() -> {
            store().update(exhausted);
            return null;
        });
        assertThat(store().find(c.invoice())).contains(exhausted);
        assertThat(store().find(c.invoice()).orElseThrow().policy().finalAction()).isEqualTo(DunningFinalAction.MARK_UNPAID);
        assertThat(store().find(InvoiceId.of("inv_none_" + run))).isEmpty();
    }

    @Test
    void due_retries_are_claimed_soonest_first_skipping_the_given_ones_and_cases_no_longer_retrying() {
        DunningCase early = started("inv_early", Instant.parse("1990-01-01T00:00:00Z"), DunningPolicy.standard());
        DunningCase late = started("inv_late", Instant.parse("1990-01-02T00:00:00Z"), DunningPolicy.standard());
        DunningCase stopped = started("inv_stopped", Instant.parse("1989-12-01T00:00:00Z"), DunningPolicy.standard());
        transactions().inTransaction(() -> {
            store().insert(early);
            store().insert(late);
            store().insert(stopped);
            store().update(stopped.stop(Instant.parse("1989-12-02T00:00:00Z")));
            return null;
        });
        Instant now = Instant.parse("1990-01-05T00:00:00Z"); // early due 01-04, late due 01-05, both due
        List<DunningCase> due = transactions().inTransaction(() -> store().claimDue(now, 10, Set.of()));
        List<InvoiceId> mine = due.stream().map(DunningCase::invoice)
                .filter(i -> i.value().endsWith(run)).toList();
        assertThat(mine).containsExactly(early.invoice(), late.invoice());
        List<InvoiceId> skipping = transactions().inTransaction(() -> store().claimDue(now, 10, Set.of(early.invoice())))
                .stream().map(DunningCase::invoice).filter(i -> i.value().endsWith(run)).toList();
        assertThat(skipping).containsExactly(late.invoice());
        List<InvoiceId> notYet = transactions().inTransaction(() ->
                        store().claimDue(Instant.parse("1990-01-04T00:00:00Z").minusSeconds(1), 10, Set.of()))
                .stream().map(DunningCase::invoice).filter(i -> i.value().endsWith(run)).toList();
        assertThat(notYet).isEmpty();
    }

    @Test
    void a_pending_final_cancel_is_claimed_when_due_counts_as_unresolved_and_ends_exhausted() {
        DunningCase c = started("inv_cancel", Instant.parse("1991-01-01T00:00:00Z"),
                DunningPolicy.of(DunningFinalAction.CANCEL, 1));
        Instant failed = Instant.parse("1991-01-02T00:00:00Z");
        DunningCase cancelling = c.retryFailedBeforeCancel(failed, failed.plusSeconds(900));
        transactions().inTransaction(() -> {
            store().insert(c);
            store().update(cancelling);
            return null;
        });
        assertThat(store().find(c.invoice())).contains(cancelling);
        assertThat(store().unresolvedOf(subscription)).extracting(DunningCase::invoice).contains(c.invoice());
        java.util.function.Function<Instant, List<InvoiceId>> claimedAt = at -> transactions().inTransaction(() ->
                store().claimDue(at, 10, Set.of())).stream().map(DunningCase::invoice)
                .filter(i -> i.value().endsWith(run)).toList();
        assertThat(claimedAt.apply(failed.plusSeconds(899))).isEmpty();
        assertThat(claimedAt.apply(failed.plusSeconds(900))).containsExactly(c.invoice());

        DunningCase done = cancelling.cancelled(failed.plusSeconds(900));
        transactions().inTransaction(() -> {
            store().update(done);
            return null;
        });
        assertThat(store().find(c.invoice()).orElseThrow().status()).isEqualTo(DunningStatus.EXHAUSTED);
        assertThat(claimedAt.apply(failed.plusSeconds(3600))).isEmpty();
        assertThat(store().unresolvedOf(subscription)).extracting(DunningCase::invoice).contains(c.invoice());
    }

    @Test
    void attempts_are_recorded_once_per_number_and_cases_listed_per_customer_and_subscription() {
        DunningCase c = started("inv_att", Instant.parse("2002-02-01T00:00:00Z"), DunningPolicy.standard());
        DunningCase other = started("inv_att2", Instant.parse("2002-03-01T00:00:00Z"), DunningPolicy.standard());
        transactions().inTransaction(() -> {
            store().insert(c);
            store().insert(other);
            store().update(other.recovered(Instant.parse("2002-03-02T00:00:00Z")));
            return null;
        });
        DunningAttempt first = new DunningAttempt(c.invoice(), 1, Instant.parse("2002-02-04T00:00:00Z"),
                DunningAttemptOutcome.FAILED, "card declined");
        assertThat(transactions().inTransaction(() -> store().recordAttempt(first))).isTrue();
        assertThat(transactions().inTransaction(() -> store().recordAttempt(new DunningAttempt(c.invoice(), 1,
                Instant.parse("2002-02-04T00:00:05Z"), DunningAttemptOutcome.SUCCEEDED, "paid")))).isFalse();
        DunningAttempt second = new DunningAttempt(c.invoice(), 2, Instant.parse("2002-02-06T00:00:00Z"),
                DunningAttemptOutcome.SUCCEEDED, "paid");
        assertThat(transactions().inTransaction(() -> store().recordAttempt(second))).isTrue();
        assertThat(store().attempts(c.invoice())).containsExactly(first, second);

        assertThat(store().ofCustomer(customer)).extracting(DunningCase::invoice)
                .containsExactly(other.invoice(), c.invoice());
        assertThat(store().unresolvedOf(subscription)).extracting(DunningCase::invoice).containsExactly(c.invoice());
        assertThat(store().ofCustomer(customer).get(0).status()).isEqualTo(DunningStatus.RECOVERED);
    }
}
