package io.billkit.application.service;

import io.billkit.application.port.in.reconciliation.ReconcileCommand;
import io.billkit.application.port.in.reconciliation.ReconcileUseCase;
import io.billkit.application.port.in.reconciliation.ReconciliationRunView;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.IdempotencyStore.StoredResult;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.application.port.out.ReconciliationRunStore.StoredRun;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.provider.ProviderUsage;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.reconciliation.MeterReconciliation;
import io.billkit.domain.reconciliation.ReconciliationOutcome;
import io.billkit.domain.reconciliation.ReconciliationPolicy;
import io.billkit.domain.reconciliation.ReconciliationReport;
import io.billkit.domain.reconciliation.Reconciler;
import io.billkit.domain.reconciliation.UsageComparison;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.TimeWindow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Reconciles BillKit's metered usage with the payment provider's, per live subscription (optionally of
 * one customer) and plan meter, over each subscription's current period: internal quantities from the
 * {@link UsageEventStore}, provider quantities from {@link ProviderUsage#usage}, compared by the domain
 * {@link Reconciler}. The run is stored and its id kept under the idempotency key for 24 h: the same key
 * and scope replays the stored run ({@code replayed = true}); the same key with another scope is
 * IDEMPOTENCY_KEY_REUSED. Every MISMATCH gets an audit entry, the run one more; a run whose money at stake
 * exceeds the policy's threshold writes {@code reconciliation.alert} to the outbox. An unknown customer
 * in the scope is NOT_FOUND. Subscriptions whose
 * customer has no provider customer cannot be compared and are skipped (logged).
 */
public final class ReconcileService implements ReconcileUseCase {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileService.class);
    /** How long a run replays under its idempotency key. */
    public static final Duration RETENTION = Duration.ofHours(24);

    private final Catalog catalog;
    private final SubscriptionStore subscriptions;
    private final ProviderReferenceStore references;
    private final ProviderUsage provider;
    private final ReconciliationRunStore runs;
    private final IdempotencyStore idempotency;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final Reconciler reconciler;
    private final PeriodUsage periodUsage;
    private final CustomerStore customers;

    public ReconcileService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                            UsageEventStore usage, ProviderReferenceStore references, ProviderUsage provider,
                            ReconciliationRunStore runs, IdempotencyStore idempotency, Outbox outbox, Transactions tx,
                            AuditTrail audit, Clock clock, ReconciliationPolicy policy) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.runs = Objects.requireNonNull(runs, "runs");
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reconciler = new Reconciler(Objects.requireNonNull(policy, "policy"));
        this.periodUsage = new PeriodUsage(Objects.requireNonNull(usage, "usage"), catalog);
    }

    /** With {@link ReconciliationPolicy#defaults()} (0.5 % tolerance, alert above USD 1,000). */
    public ReconcileService(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                            UsageEventStore usage, ProviderReferenceStore references, ProviderUsage provider,
                            ReconciliationRunStore runs, IdempotencyStore idempotency, Outbox outbox, Transactions tx,
                            AuditTrail audit, Clock clock) {
        this(catalog, customers, subscriptions, usage, references, provider, runs, idempotency, outbox, tx, audit,
                clock, ReconciliationPolicy.defaults());
    }

    @Override
    public ReconciliationRunView reconcile(ReconcileCommand command) {
        Objects.requireNonNull(command, "command");
        Instant now = clock.instant();
        String requestHash = requestHash(command.customer());
        Optional<ReconciliationRunView> replay = replay(command.idempotencyKey(), requestHash, now);
        if (replay.isPresent()) {
            return replay.get();
        }
        command.customer().ifPresent(id -> Customers.require(customers, id));
        ReconciliationReport report = reconciler.run(comparisons(command.customer()));
        StoredRun run = new StoredRun("rec_" + UUID.randomUUID(), command.idempotencyKey(), now, report);
        boolean stored = tx.inTransaction(() -> {
            if (!idempotency.saveIfAbsent(command.idempotencyKey(),
                    new StoredResult(requestHash, run.runId(), now.plus(RETENTION)), now)) {
                return false;
            }
            runs.save(run);
            recordAudit(command, run);
            if (report.alerts()) {
                outbox.append(new OutboxEvent(UUID.randomUUID().toString(), "reconciliation.alert", run.runId(),
                        command.customer().map(CustomerId::value).orElse(""), summary(run), now));
            }
            return true;
        });
        if (!stored) {
            return replay(command.idempotencyKey(), requestHash, now).orElseThrow(() -> new BillingException(
                    ErrorCode.CONFLICT, "reconciliation with key " + command.idempotencyKey() + " is in progress"));
        }
        return ReconciliationViews.view(run, false);
    }

    private Optional<ReconciliationRunView> replay(String key, String requestHash, Instant now) {
        Optional<StoredResult> earlier = idempotency.find(key, now);
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get().requestHash().equals(requestHash)) {
            throw new BillingException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "idempotency key " + key + " was used for another reconciliation scope");
        }
        StoredRun run = runs.find(earlier.get().result()).orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                "reconciliation run " + earlier.get().result() + " of key " + key + " not found"));
        return Optional.of(ReconciliationViews.view(run, true));
    }

    private List<UsageComparison> comparisons(Optional<CustomerId> customer) {
        List<Subscription> live = customer.map(id -> subscriptions.findLive(id).stream().toList())
                .orElseGet(subscriptions::live);
        List<UsageComparison> comparisons = new ArrayList<>();
        for (Subscription subscription : live) {
            Optional<String> providerCustomer = references.providerId(UpsertCustomerService.CUSTOMER_REF,
                    subscription.customer().value());
            if (providerCustomer.isEmpty()) {
                LOG.warn("reconciliation: customer {} has no provider customer; subscription {} skipped",
                        subscription.customer(), subscription.id());
                continue;
            }
            Plan plan = catalog.requirePlan(subscription.plan());
            BillingPeriod period = subscription.currentPeriod();
            TimeWindow window = period.window();
            for (MeterTerms terms : plan.meters()) {
                BigDecimal internal = periodUsage.total(subscription.customer(), terms.meter(), period.start(),
                        period.endExclusive());
                BigDecimal external = provider.usage(providerCustomer.get(), terms.meter(), window.start(), window.end());
                comparisons.add(UsageComparison.of(subscription.id(), subscription.customer(), terms, internal, external));
            }
        }
        return comparisons;
    }

    private void recordAudit(ReconcileCommand command, StoredRun run) {
        for (MeterReconciliation finding : run.report().mismatches()) {
            Map<String, String> data = new LinkedHashMap<>();
            data.put("run", run.runId());
            data.put("subscription", finding.subscriptionId().value());
            data.put("meter", finding.meter().value());
            data.put("internal", finding.internalQuantity().toPlainString());
            data.put("provider", finding.providerQuantity().toPlainString());
            data.put("unitDiscrepancy", finding.unitDiscrepancy().toPlainString());
            data.put("moneyDiscrepancy", finding.moneyDiscrepancy().toString());
            audit.record(command.actor(), "reconciliation.mismatch", finding.customerId(), data);
        }
        Map<String, String> summary = summary(run);
        command.customer().ifPresentOrElse(
                customer -> audit.record(command.actor(), "reconciliation.completed", customer, summary),
                () -> audit.recordSystemWide(command.actor(), "reconciliation.completed", summary));
    }

    private static Map<String, String> summary(StoredRun run) {
        ReconciliationReport report = run.report();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("run", run.runId());
        data.put("idempotencyKey", run.idempotencyKey());
        data.put("findings", Integer.toString(report.findings().size()));
        data.put("matched", Integer.toString(report.count(ReconciliationOutcome.MATCHED)));
        data.put("withinTolerance", Integer.toString(report.count(ReconciliationOutcome.WITHIN_TOLERANCE)));
        data.put("mismatch", Integer.toString(report.count(ReconciliationOutcome.MISMATCH)));
        data.put("totalDiscrepancy", report.totalMoneyDiscrepancy().toString());
        data.put("alert", report.alert().name());
        return data;
    }

    /** SHA-256 of the scope: {@code customer:<id>} or {@code all}. */
    static String requestHash(Optional<CustomerId> customer) {
        return Hashes.sha256Hex(customer.map(id -> "customer:" + id.value()).orElse("all"));
    }
}
