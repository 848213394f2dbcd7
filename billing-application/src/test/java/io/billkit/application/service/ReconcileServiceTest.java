package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.reconciliation.ReconcileCommand;
import io.billkit.application.port.in.reconciliation.ReconciliationFindingView;
import io.billkit.application.port.in.reconciliation.ReconciliationRunView;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.Money;
import io.billkit.domain.reconciliation.ReconciliationOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static io.billkit.domain.catalog.seed.SeedCatalogs.IMPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReconcileServiceTest {
    private static final String KEY = "reconcile-2026-01-20-nightly";

    private final InvoiceTestBed bed = new InvoiceTestBed(SeedCatalogs.apex());
    private ReconcileService service;
    private GetReconciliationHistoryService history;

    @BeforeEach
    void threeSubscriptionsAndTheProvidersView() {
        service = new ReconcileService(bed.catalog, bed.customers, bed.subscriptions, bed.usage, bed.references,
                bed.provider, bed.runs, bed.idempotency, bed.outbox, bed.tx, bed.audit, bed.clock);
        history = new GetReconciliationHistoryService(bed.runs);
        meter("cus_exact", "12500000", "12500000");
        meter("cus_close", "10000000", "10030000");
        meter("cus_off", "50000000", "52500000");
        bed.clock.set(Instant.parse("2026-01-20T12:00:00Z"));
    }

    private void meter(String customerId, String internal, String provider) {
        Customer customer = bed.customer(customerId, "0.20");
        bed.subscribe(customer, "growth", Instant.parse("2026-01-01T00:00:00Z"));
        bed.usage.add(customer.id(), IMPRESSIONS, LocalDate.of(2026, 1, 10), internal);
        bed.provider.recordUsage(bed.providerCustomer(customer), IMPRESSIONS, new BigDecimal(provider),
                Instant.parse("2026-01-10T08:00:00Z"), "usage-" + customerId);
    }

    private static ReconciliationFindingView impressionsOf(ReconciliationRunView run, String customer) {
        return run.findings().stream()
                .filter(f -> f.customer().equals(CustomerId.of(customer)) && f.meter().equals(IMPRESSIONS))
                .findFirst().orElseThrow();
    }

    @Test
    void exact_close_and_far_off_usage_are_matched_within_tolerance_and_mismatched_with_an_alert() {
        ReconciliationRunView run = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));

        assertThat(run.replayed()).isFalse();
        assertThat(run.ranAt()).isEqualTo(Instant.parse("2026-01-20T12:00:00Z"));
        assertThat(run.findings()).hasSize(9);
        assertThat(impressionsOf(run, "cus_exact").outcome()).isEqualTo(ReconciliationOutcome.MATCHED);
        ReconciliationFindingView close = impressionsOf(run, "cus_close");
        assertThat(close.outcome()).isEqualTo(ReconciliationOutcome.WITHIN_TOLERANCE);
        assertThat(close.unitDiscrepancy()).isEqualByComparingTo("30000");
        assertThat(close.moneyDiscrepancy()).isEqualTo(Money.of("15.00", "USD"));
        ReconciliationFindingView off = impressionsOf(run, "cus_off");
        assertThat(off.outcome()).isEqualTo(ReconciliationOutcome.MISMATCH);
        assertThat(off.moneyDiscrepancy()).isEqualTo(Money.of("1250.00", "USD"));
        assertThat(run.findings()).filteredOn(f -> !f.meter().equals(IMPRESSIONS))
                .allSatisfy(f -> assertThat(f.outcome()).isEqualTo(ReconciliationOutcome.MATCHED));
        assertThat(run.totalDiscrepancy()).isEqualTo(Money.of("1265.00", "USD"));
        assertThat(run.alertRaised()).isTrue();
    }

    @Test
    void each_mismatch_and_the_run_are_audited_and_the_alert_goes_to_the_outbox() {
        ReconciliationRunView run = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));

        assertThat(bed.audit("reconciliation.mismatch")).singleElement().satisfies(entry -> {
            assertThat(entry.customer()).contains(CustomerId.of("cus_off"));
            assertThat(entry.actor()).isEqualTo("ops");
            assertThat(entry.data()).containsEntry("meter", "impressions").containsEntry("run", run.runId());
        });
        assertThat(bed.audit("reconciliation.completed")).singleElement().satisfies(entry -> {
            assertThat(entry.customer()).isEmpty();
            assertThat(entry.data()).containsEntry("alert", "THRESHOLD_EXCEEDED").containsEntry("mismatch", "1")
                    .containsEntry("withinTolerance", "1").containsEntry("matched", "7");
        });
        assertThat(bed.outbox.unpublished(100)).filteredOn(e -> e.type().equals("reconciliation.alert"))
                .singleElement().satisfies(event -> assertThat(event.aggregate()).isEqualTo(run.runId()));
    }

    @Test
    void the_same_key_replays_the_stored_run_without_asking_the_provider_again() {
        ReconciliationRunView first = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));
        long usageCalls = bed.provider.callNames().stream().filter("usage"::equals).count();
        bed.clock.advance(Duration.ofHours(2));

        ReconciliationRunView replay = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));

        assertThat(replay.replayed()).isTrue();
        assertThat(replay.runId()).isEqualTo(first.runId());
        assertThat(replay.ranAt()).isEqualTo(first.ranAt());
        assertThat(replay.findings()).isEqualTo(first.findings());
        assertThat(bed.provider.callNames().stream().filter("usage"::equals).count()).isEqualTo(usageCalls);
        assertThat(bed.audit("reconciliation.completed")).hasSize(1);
        assertThat(history.history(10)).hasSize(1);
    }

    @Test
    void the_same_key_for_another_scope_is_refused() {
        service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));

        assertThatThrownBy(() -> service.reconcile(
                new ReconcileCommand(KEY, Optional.of(CustomerId.of("cus_off")), Actor.of("ops"))))
                .isInstanceOfSatisfying(BillingException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void a_key_runs_again_once_its_replay_window_has_passed() {
        ReconciliationRunView first = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));
        bed.clock.advance(Duration.ofHours(24));

        ReconciliationRunView second = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));

        assertThat(second.replayed()).isFalse();
        assertThat(second.runId()).isNotEqualTo(first.runId());
        assertThat(history.history(10)).extracting(ReconciliationRunView::runId)
                .containsExactly(second.runId(), first.runId());
    }

    @Test
    void one_customer_scope_compares_only_its_subscription() {
        ReconciliationRunView run = service.reconcile(
                new ReconcileCommand("reconcile-cus-close-0001", Optional.of(CustomerId.of("cus_close")), Actor.of("ops")));

        assertThat(run.findings()).hasSize(3)
                .allSatisfy(f -> assertThat(f.customer()).isEqualTo(CustomerId.of("cus_close")));
        assertThat(run.alertRaised()).isFalse();
        assertThat(bed.outbox.unpublished(100)).noneMatch(e -> e.type().equals("reconciliation.alert"));
        assertThat(bed.audit("reconciliation.completed")).singleElement()
                .satisfies(entry -> assertThat(entry.customer()).contains(CustomerId.of("cus_close")));
    }

    @Test
    void history_lists_runs_newest_first_and_checks_the_limit() {
        ReconciliationRunView older = service.reconcile(new ReconcileCommand(KEY, Optional.empty(), Actor.of("ops")));
        bed.clock.advance(Duration.ofMinutes(5));
        ReconciliationRunView newer = service.reconcile(
                new ReconcileCommand("reconcile-2026-01-20-manual", Optional.empty(), Actor.of("ops")));

        assertThat(history.history(1)).extracting(ReconciliationRunView::runId).containsExactly(newer.runId());
        assertThat(history.history(100)).extracting(ReconciliationRunView::runId)
                .containsExactly(newer.runId(), older.runId());
        assertThat(history.history(100)).allSatisfy(run -> assertThat(run.replayed()).isFalse());
        assertThatThrownBy(() -> history.history(101)).isInstanceOf(BillingException.class);
    }
}
