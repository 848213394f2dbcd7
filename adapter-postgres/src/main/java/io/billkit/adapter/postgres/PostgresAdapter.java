package io.billkit.adapter.postgres;

import io.billkit.application.assembly.AiGovernancePorts;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.CreditNotePorts;
import io.billkit.application.port.out.CreditNoteRenderer;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.AuditLog;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CouponRedemptionStore;
import io.billkit.application.port.out.CouponStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.IdempotencyStore;
import io.billkit.application.port.out.IdempotentRequestStore;
import io.billkit.application.port.out.InvoiceRenderer;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.PeriodCloseGuard;
import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.application.port.out.ProviderEventCursor;
import io.billkit.application.port.out.ProviderEventInbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.QuotaCounters;
import io.billkit.application.port.out.ReconciliationRunStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageAlertStore;
import io.billkit.application.port.out.UsageEventClaims;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.WebhookDeliveryStore;
import io.billkit.application.port.out.WebhookEndpointStore;
import io.billkit.application.port.out.WebhookSender;
import io.billkit.application.port.out.provider.PaymentProvider;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import java.util.Objects;

/**
 * The PostgreSQL adapter's port implementations, all sharing one {@link Transactions}: a store called
 * inside {@code transactions().inTransaction(...)} on the same thread joins that transaction. Wiring:
 * <pre>{@code
 * PostgresDatabase db = PostgresDatabase.start(PostgresConfig.fromEnvironment(System.getenv()));
 * PostgresAdapter postgres = new PostgresAdapter(db);
 * new SomeService(postgres.transactions(), postgres.customers(), postgres.auditLog(), clock);
 * // or every use case at once:
 * BillingServices billing = new BillingServices(postgres.billingPorts(stripe, pdfRenderer,
 *         new HttpWebhookSender()), catalog, clock,
 *         BillingSettings.defaults());
 * // on shutdown: db.close();
 * }</pre>
 * The stores are stateless; create one adapter per database.
 */
public final class PostgresAdapter {
    private final PostgresDatabase database;
    private final JdbiTransactions transactions;
    private final CustomerStore customers;
    private final ProviderReferenceStore providerReferences;
    private final AuditLog auditLog;
    private final IdempotencyStore idempotency;
    private final ProviderEventInbox providerEventInbox;
    private final ProviderEventCursor providerEventCursor;
    private final InvoicePaymentFailures invoicePaymentFailures;
    private final PostgresCreditNoteStore creditNotes;
    private final PostgresCustomerBalanceStore customerBalances;
    private final Outbox outbox;
    private final QuotaCounters quotaCounters;
    private final ApiKeyStore apiKeys;
    private final SubscriptionStore subscriptions;
    private final UsageEventStore usageEvents;
    private final UsageEventClaims usageEventClaims;
    private final UsageAlertStore usageAlerts;
    private final PeriodCloseGuard periodCloseGuard;
    private final CreditLedgerStore creditLedgers;
    private final InvoiceStore invoices;
    private final ReconciliationRunStore reconciliationRuns;
    private final PendingChargeStore pendingCharges;
    private final WebhookEndpointStore webhookEndpoints;
    private final WebhookDeliveryStore webhookDeliveries;
    private final IdempotentRequestStore idempotentRequests;
    private final CouponStore coupons;
    private final CouponRedemptionStore couponRedemptions;
    private final AiGovernancePorts aiGovernance;
    private final PostgresLowBalanceThresholdStore lowBalanceThresholds;
    private final PostgresDunningStore dunning;
    private final PostgresUsageThresholdStore usageThresholds;

    public PostgresAdapter(PostgresDatabase database) {
        this.database = Objects.requireNonNull(database, "database");
        this.transactions = new JdbiTransactions(database.jdbi());
        this.customers = new PostgresCustomerStore(transactions);
        this.providerReferences = new PostgresProviderReferenceStore(transactions);
        this.auditLog = new PostgresAuditLog(transactions);
        this.idempotency = new PostgresIdempotencyStore(transactions);
        this.providerEventInbox = new PostgresProviderEventInbox(transactions);
        this.providerEventCursor = new PostgresProviderEventCursor(transactions);
        this.invoicePaymentFailures = new PostgresInvoicePaymentFailures(transactions);
        this.creditNotes = new PostgresCreditNoteStore(transactions);
        this.customerBalances = new PostgresCustomerBalanceStore(transactions);
        this.outbox = new PostgresOutbox(transactions);
        this.quotaCounters = new PostgresQuotaCounters(transactions);
        this.apiKeys = new PostgresApiKeyStore(transactions);
        this.subscriptions = new PostgresSubscriptionStore(transactions);
        this.usageEvents = new PostgresUsageEventStore(transactions);
        this.usageEventClaims = new PostgresUsageEventClaims(transactions);
        this.usageAlerts = new PostgresUsageAlertStore(transactions);
        this.periodCloseGuard = new PostgresPeriodCloseGuard(transactions);
        this.creditLedgers = new PostgresCreditLedgerStore(transactions);
        this.invoices = new PostgresInvoiceStore(transactions);
        this.reconciliationRuns = new PostgresReconciliationRunStore(transactions);
        this.pendingCharges = new PostgresPendingChargeStore(transactions);
        this.webhookEndpoints = new PostgresWebhookEndpointStore(transactions);
        this.webhookDeliveries = new PostgresWebhookDeliveryStore(transactions);
        this.idempotentRequests = new PostgresIdempotentRequestStore(transactions);
        this.dunning = new PostgresDunningStore(transactions);
        this.coupons = new PostgresCouponStore(transactions);
        this.couponRedemptions = new PostgresCouponRedemptionStore(transactions);
        this.lowBalanceThresholds = new PostgresLowBalanceThresholdStore(transactions);
        this.usageThresholds = new PostgresUsageThresholdStore(transactions);
        this.aiGovernance = new AiGovernancePorts(new PostgresAiGovernanceStore(transactions),
                new PostgresAiReservationStore(transactions), PostgresUsageBreakdownStore.overEvents(transactions),
                new PostgresUsageSnapshotStore(transactions));
    }

    /**
     * Token buckets for rate limits that every replica on this database shares: Bucket4j's PostgreSQL backend
     * (select-for-update: each take locks its bucket's row of {@code rate_limit_buckets} for one short
     * transaction of its own, outside any billing transaction).
     */
    public ProxyManager<String> rateLimitBuckets() {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(database.dataSource())
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .build();
    }

    /** Coupons (the seller's) on {@link #transactions()}. */
    public CouponStore coupons() {
        return coupons;
    }

    /** Coupons redeemed for customers' subscriptions on {@link #transactions()}. */
    public CouponRedemptionStore couponRedemptions() {
        return couponRedemptions;
    }

    /** The unit of work every store of this adapter joins. */
    public Transactions transactions() {
        return transactions;
    }

    public CustomerStore customers() {
        return customers;
    }

    public ProviderReferenceStore providerReferences() {
        return providerReferences;
    }

    public AuditLog auditLog() {
        return auditLog;
    }

    /** Client {@code Idempotency-Key}s of HTTP requests and their stored answers ({@code http_idempotency_keys}). */
    public IdempotentRequestStore idempotentRequests() {
        return idempotentRequests;
    }

    public IdempotencyStore idempotency() {
        return idempotency;
    }

    public ProviderEventInbox providerEventInbox() {
        return providerEventInbox;
    }

    /** Per provider object, the creation time of the newest provider event applied (one atomic upsert). */
    public ProviderEventCursor providerEventCursor() {
        return providerEventCursor;
    }

    /** Dunning cases and their retry attempts ({@code dunning_cases}, {@code dunning_attempts}). */
    public io.billkit.application.port.out.DunningStore dunning() {
        return dunning;
    }

    public InvoicePaymentFailures invoicePaymentFailures() {
        return invoicePaymentFailures;
    }

    public Outbox outbox() {
        return outbox;
    }

    public QuotaCounters quotaCounters() {
        return quotaCounters;
    }

    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    /** Subscriptions with optimistic versions; one live subscription per customer. */
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Usage events deduplicated by (customer, event id) with daily rollups kept in the same transaction. */
    public UsageEventStore usageEvents() {
        return usageEvents;
    }

    /**
     * Event-id claims (with the claimed events until shipped) for an event log outside PostgreSQL
     * ({@code USAGE_STORE=clickhouse}); see {@code EventLogUsageStore}.
     */
    public UsageEventClaims usageEventClaims() {
        return usageEventClaims;
    }

    /** Usage alerts, each threshold once per customer, meter and window. */
    public UsageAlertStore usageAlerts() {
        return usageAlerts;
    }

    /** Orders usage writes against period close with advisory locks; call it inside a transaction. */
    public PeriodCloseGuard periodCloseGuard() {
        return periodCloseGuard;
    }

    /** Credit grants, transactions and the per-customer ledger version (locked on load in a transaction). */
    public CreditLedgerStore creditLedgers() {
        return creditLedgers;
    }

    /** Invoices with their lines, one per subscription and period, and the gapless per-year numbers. */
    public InvoiceStore invoices() {
        return invoices;
    }

    /** Stored reconciliation runs with their findings. */
    public ReconciliationRunStore reconciliationRuns() {
        return reconciliationRuns;
    }

    /** Charges (prorations, adjustments) waiting for a subscription's next invoice. */
    public PendingChargeStore pendingCharges() {
        return pendingCharges;
    }

    /** Outbound webhook endpoints (global ones have no customer). */
    public WebhookEndpointStore webhookEndpoints() {
        return webhookEndpoints;
    }

    /** Outbound webhook deliveries, claimed with FOR UPDATE SKIP LOCKED. */
    public WebhookDeliveryStore webhookDeliveries() {
        return webhookDeliveries;
    }

    /** AI cost governance (budgets, model policy) and reservations of admitted AI requests, on {@link #transactions()}. */
    public AiGovernancePorts aiGovernancePorts() {
        return aiGovernance;
    }

    /**
     * {@link #aiGovernancePorts()} for a service whose usage events live in another store (ClickHouse): the per-model
     * breakdown reads the event-id claims ({@link #usageEventClaims()}), which hold every accepted event with its
     * properties, instead of the (then empty) {@code usage_events}.
     */
    public AiGovernancePorts aiGovernancePortsOverClaims() {
        return new AiGovernancePorts(aiGovernance.governance(), aiGovernance.reservations(),
                PostgresUsageBreakdownStore.overClaims(transactions), aiGovernance.usageSnapshots());
    }

    /**
     * Every driven port of the use cases: all of this adapter's stores (sharing {@link #transactions()}),
     * with {@code provider}, {@code renderer} and {@code webhookSender} from other adapters (e.g. Stripe, PDF and
     * HTTP). Each call returns a new record holding the same store instances.
     */
    public BillingPorts billingPorts(PaymentProvider provider, InvoiceRenderer renderer, WebhookSender webhookSender) {
        Objects.requireNonNull(renderer, "renderer");
        CreditNoteRenderer creditNoteRenderer = renderer instanceof CreditNoteRenderer both ? both
                : new io.billkit.application.inmemory.PlainTextInvoiceRenderer();
        return billingPorts(provider, renderer, creditNoteRenderer, webhookSender);
    }

    /** {@link #billingPorts(PaymentProvider, InvoiceRenderer, WebhookSender)} with a credit note renderer of its own. */
    public BillingPorts billingPorts(PaymentProvider provider, InvoiceRenderer renderer, CreditNoteRenderer creditNoteRenderer,
                                     WebhookSender webhookSender) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(renderer, "renderer");
        Objects.requireNonNull(webhookSender, "webhookSender");
        return new BillingPorts(transactions, customers, subscriptions, usageEvents, quotaCounters, periodCloseGuard,
                usageAlerts, creditLedgers, pendingCharges, invoices, reconciliationRuns, idempotency, providerEventInbox,
                providerEventCursor, invoicePaymentFailures, providerReferences, outbox, auditLog, apiKeys, provider, renderer, webhookEndpoints,
                webhookDeliveries, webhookSender, coupons, couponRedemptions,
                io.billkit.application.port.out.WebhookDeliveryObserver.NONE, lowBalanceThresholds, dunning,
                new CreditNotePorts(creditNotes, customerBalances, creditNoteRenderer))
                .withUsageThresholds(usageThresholds);
    }

    /** Credit notes with their lines and their own gapless per-year numbers. */
    public CreditNoteStore creditNotes() {
        return creditNotes;
    }

    /** The customers' money balances (from credit notes), never below zero. */
    public CustomerBalanceStore customerBalances() {
        return customerBalances;
    }
}
