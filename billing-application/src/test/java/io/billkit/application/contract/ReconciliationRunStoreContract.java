package io.billkit.application.contract;

import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.application.port.out.ReconciliationRunStore.StoredRun;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.money.UnitPrice;
import io.billkit.domain.reconciliation.ReconciliationAlert;
import io.billkit.domain.reconciliation.ReconciliationOutcome;
import io.billkit.domain.reconciliation.ReconciliationPolicy;
import io.billkit.domain.reconciliation.ReconciliationReport;
import io.billkit.domain.reconciliation.Reconciler;
import io.billkit.domain.reconciliation.UsageComparison;
import io.billkit.domain.subscription.SubscriptionId;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ReconciliationRunStore} must do. Port API only, fresh run ids, customers and
 * subscriptions per test, so it runs unchanged against a shared database.
 */
public abstract class ReconciliationRunStoreContract {

    protected abstract ReconciliationRunStore runs();

    /** Far in the future and increasing, so this suite's runs are the newest in a shared store. */
    private static final AtomicLong CLOCK = new AtomicLong(Instant.parse("2999-01-01T00:00:00Z").getEpochSecond());

    @Test
    void a_run_round_trips_with_its_findings_counts_total_and_alert() {
        String suffix = suffix();
        ReconciliationReport report = Reconciler.withDefaults().run(List.of(
                comparison("sub_a_" + suffix, "cus_a_" + suffix, "impressions", "12500000", "12500000", "0.0005"),
                comparison("sub_b_" + suffix, "cus_b_" + suffix, "api_calls", "1000000", "1003000", "0.0001"),
                comparison("sub_c_" + suffix, "cus_c_" + suffix, "impressions", "50000000", "52500000", "0.0005")));
        StoredRun run = new StoredRun("run_" + suffix, "key-" + suffix, Instant.parse("2026-03-01T10:15:30.123456Z"),
                report);
        runs().save(run);

        StoredRun read = runs().find(run.runId()).orElseThrow();
        assertThat(read.runId()).isEqualTo(run.runId());
        assertThat(read.idempotencyKey()).isEqualTo(run.idempotencyKey());
        assertThat(read.ranAt()).isEqualTo(run.ranAt());
        assertThat(read.report().alert()).isEqualTo(ReconciliationAlert.THRESHOLD_EXCEEDED);
        assertThat(read.report().count(ReconciliationOutcome.MATCHED)).isEqualTo(1);
        assertThat(read.report().count(ReconciliationOutcome.WITHIN_TOLERANCE)).isEqualTo(1);
        assertThat(read.report().count(ReconciliationOutcome.MISMATCH)).isEqualTo(1);
        assertThat(read.report().totalMoneyDiscrepancy()).isEqualTo(report.totalMoneyDiscrepancy());
        InvoiceStoreContract.assertThatSame(read.report(), report);
    }

    @Test
    void an_empty_run_round_trips() {
        String suffix = suffix();
        ReconciliationReport empty = ReconciliationReport.of(List.of(), ReconciliationPolicy.defaults());
        runs().save(new StoredRun("run_" + suffix, "key-" + suffix, nextInstant(), empty));
        StoredRun read = runs().find("run_" + suffix).orElseThrow();
        assertThat(read.report().findings()).isEmpty();
        assertThat(read.report().alert()).isEqualTo(ReconciliationAlert.NONE);
        assertThat(read.report().totalMoneyDiscrepancy().isZero()).isTrue();
        assertThat(read.report().totalMoneyDiscrepancy().currency()).isEqualTo(empty.totalMoneyDiscrepancy().currency());
    }

    @Test
    void an_unknown_run_is_empty() {
        assertThat(runs().find("run_unknown_" + suffix())).isEmpty();
    }

    @Test
    void recent_lists_newest_first_up_to_the_limit() {
        String suffix = suffix();
        ReconciliationReport empty = ReconciliationReport.of(List.of(), ReconciliationPolicy.defaults());
        Instant older = nextInstant();
        Instant middle = nextInstant();
        Instant newest = nextInstant();
        runs().save(new StoredRun("run_m_" + suffix, "key-m-" + suffix, middle, empty));
        runs().save(new StoredRun("run_n_" + suffix, "key-n-" + suffix, newest, empty));
        runs().save(new StoredRun("run_o_" + suffix, "key-o-" + suffix, older, empty));

        List<String> mine = runs().recent(1000).stream().map(StoredRun::runId)
                .filter(id -> id.endsWith(suffix)).toList();
        assertThat(mine).containsExactly("run_n_" + suffix, "run_m_" + suffix, "run_o_" + suffix);
        List<StoredRun> top = runs().recent(2);
        assertThat(top).hasSize(2);
        assertThat(top.get(0).ranAt()).isAfterOrEqualTo(top.get(1).ranAt());
        assertThat(top.get(0).ranAt()).isAfterOrEqualTo(newest);
    }

    private static Instant nextInstant() {
        return Instant.ofEpochSecond(CLOCK.addAndGet(60));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 13);
    }

    private static UsageComparison comparison(String subscription, String customer, String meter, String internal,
                                              String provider, String unitPrice) {
        return new UsageComparison(SubscriptionId.of(subscription), CustomerId.of(customer), MeterKey.of(meter),
                new BigDecimal(internal), new BigDecimal(provider), UnitPrice.of(unitPrice, "USD"));
    }
}
