package io.billkit.application.assembly;

import io.billkit.application.port.in.audit.GetAuditTrailUseCase;
import io.billkit.application.port.in.credit.ConsumeCreditsUseCase;
import io.billkit.application.port.in.creditnote.GetCreditNoteUseCase;
import io.billkit.application.port.in.creditnote.GetCustomerBalanceUseCase;
import io.billkit.application.port.in.creditnote.IssueCreditNoteUseCase;
import io.billkit.application.port.in.creditnote.ListCreditNotesUseCase;
import io.billkit.application.port.in.creditnote.RenderCreditNotePdfUseCase;
import io.billkit.application.port.in.creditnote.RetryCreditNoteRefundUseCase;
import io.billkit.application.service.GetCreditNoteService;
import io.billkit.application.service.GetCustomerBalanceService;
import io.billkit.application.service.IssueCreditNoteService;
import io.billkit.application.service.ListCreditNotesService;
import io.billkit.application.service.RenderCreditNotePdfService;
import io.billkit.application.port.in.credit.GetCreditBalanceUseCase;
import io.billkit.application.port.in.credit.GrantCreditsUseCase;
import io.billkit.application.port.in.credit.PurchaseCreditsUseCase;
import io.billkit.application.port.in.customer.ListCustomersUseCase;
import io.billkit.application.port.in.customer.UpsertCustomerUseCase;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.port.in.invoice.GetInvoiceUseCase;
import io.billkit.application.port.in.invoice.ListInvoicesUseCase;
import io.billkit.application.port.in.invoice.RenderInvoicePdfUseCase;
import io.billkit.application.port.in.invoice.VoidInvoiceUseCase;
import io.billkit.application.port.in.provider.HandleProviderEventUseCase;
import io.billkit.application.port.in.quota.CheckQuotaUseCase;
import io.billkit.application.port.in.quota.ConsumeQuotaUseCase;
import io.billkit.application.port.in.reconciliation.GetReconciliationHistoryUseCase;
import io.billkit.application.port.in.reconciliation.ReconcileUseCase;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.in.subscription.ChangePlanUseCase;
import io.billkit.application.port.in.subscription.GetSubscriptionUseCase;
import io.billkit.application.port.in.subscription.OpenCustomerPortalUseCase;
import io.billkit.application.port.in.subscription.ResumeSubscriptionUseCase;
import io.billkit.application.port.in.subscription.StartCheckoutUseCase;
import io.billkit.application.port.in.subscription.SubscribeUseCase;
import io.billkit.application.port.in.summary.GetBillingSummaryUseCase;
import io.billkit.application.port.in.usage.EvaluateUsageAlertsUseCase;
import io.billkit.application.port.in.usage.GetCurrentUsageUseCase;
import io.billkit.application.port.in.usage.GetUsageHistoryUseCase;
import io.billkit.application.port.in.usage.RecordUsageUseCase;
import io.billkit.application.port.in.webhook.DeliverWebhooksUseCase;
import io.billkit.application.port.in.webhook.ListWebhookEndpointsUseCase;
import io.billkit.application.port.in.webhook.RegisterWebhookEndpointUseCase;
import io.billkit.application.service.AuditTrail;
import io.billkit.application.service.BillingContexts;
import io.billkit.application.service.CancelSubscriptionService;
import io.billkit.application.service.ChangePlanService;
import io.billkit.application.service.CheckQuotaService;
import io.billkit.application.service.ClosePeriodService;
import io.billkit.application.service.ConsumeCreditsService;
import io.billkit.application.service.ConsumeQuotaService;
import io.billkit.application.service.EvaluateUsageAlertsService;
import io.billkit.application.service.GetAuditTrailService;
import io.billkit.application.service.GetBillingSummaryService;
import io.billkit.application.service.GetCreditBalanceService;
import io.billkit.application.service.GetCurrentUsageService;
import io.billkit.application.service.GetInvoiceService;
import io.billkit.application.service.GetReconciliationHistoryService;
import io.billkit.application.service.GetSubscriptionService;
import io.billkit.application.service.GetUsageHistoryService;
import io.billkit.application.service.GrantCreditsService;
import io.billkit.application.service.HandleProviderEventService;
import io.billkit.application.service.ListCustomersService;
import io.billkit.application.service.ListInvoicesService;
import io.billkit.application.service.OpenCustomerPortalService;
import io.billkit.application.service.PurchaseCreditsService;
import io.billkit.application.service.RecordUsageService;
import io.billkit.application.service.ReconcileService;
import io.billkit.application.service.RenderInvoicePdfService;
import io.billkit.application.service.ResumeSubscriptionService;
import io.billkit.application.service.StartCheckoutService;
import io.billkit.application.service.SubscribeService;
import io.billkit.application.service.UpsertCustomerService;
import io.billkit.application.service.VoidInvoiceService;
import io.billkit.application.service.DeliverWebhooksService;
import io.billkit.application.service.ListWebhookEndpointsService;
import io.billkit.application.service.RegisterWebhookEndpointService;
import io.billkit.application.service.WebhookAddressGuard;
import io.billkit.domain.catalog.Catalog;

import java.time.Clock;
import java.util.Objects;

/**
 * Every BillKit use case, built once from the driven ports with plain constructor calls (no container).
 * This is what an embedding JVM service, the HTTP adapter and the tests use.
 */
public final class BillingServices {
    private final BillingPorts ports;
    private final Catalog catalog;
    private final Clock clock;

    private final UpsertCustomerService upsertCustomer;
    private final RecordUsageUseCase recordUsage;
    private final CheckQuotaUseCase checkQuota;
    private final ConsumeQuotaUseCase consumeQuota;
    private final GetCurrentUsageUseCase currentUsage;
    private final GetUsageHistoryUseCase usageHistory;
    private final EvaluateUsageAlertsUseCase usageAlerts;
    private final SubscribeUseCase subscribe;
    private final ChangePlanUseCase changePlan;
    private final CancelSubscriptionUseCase cancelSubscription;
    private final ResumeSubscriptionUseCase resumeSubscription;
    private final GetSubscriptionUseCase subscription;
    private final StartCheckoutUseCase startCheckout;
    private final OpenCustomerPortalUseCase openCustomerPortal;
    private final GrantCreditsUseCase grantCredits;
    private final PurchaseCreditsUseCase purchaseCredits;
    private final ConsumeCreditsUseCase consumeCredits;
    private final GetCreditBalanceUseCase creditBalance;
    private final ClosePeriodUseCase closePeriod;
    private final ListInvoicesUseCase listInvoices;
    private final GetInvoiceUseCase invoice;
    private final VoidInvoiceUseCase voidInvoice;
    private final RenderInvoicePdfUseCase renderInvoicePdf;
    private final HandleProviderEventUseCase handleProviderEvent;
    private final ReconcileUseCase reconcile;
    private final GetReconciliationHistoryUseCase reconciliationHistory;
    private final GetBillingSummaryUseCase billingSummary;
    private final GetAuditTrailUseCase auditTrail;
    private final RegisterWebhookEndpointUseCase registerWebhookEndpoint;
    private final ListWebhookEndpointsUseCase webhookEndpoints;
    private final io.billkit.application.port.in.webhook.ListWebhookDeliveriesUseCase webhookDeliveryLog;
    private final io.billkit.application.port.in.webhook.RedeliverWebhookUseCase redeliverWebhook;
    private final ListCustomersUseCase listCustomers;
    private final DeliverWebhooksUseCase deliverWebhooks;
    private final io.billkit.application.port.in.credit.SetLowBalanceThresholdUseCase setLowBalanceThreshold;
    private final io.billkit.application.port.in.credit.GetLowBalanceThresholdUseCase lowBalanceThreshold;
    private final io.billkit.application.port.in.webhook.EnableWebhookEndpointUseCase enableWebhookEndpoint;
    private final io.billkit.application.port.in.webhook.PruneWebhookDeliveryLogUseCase pruneWebhookDeliveryLog;
    private final io.billkit.application.service.DunningJobs dunningJobs;
    private final io.billkit.application.service.UsageThresholdsService usageThresholds;
    private final io.billkit.application.port.in.dunning.GetDunningUseCase dunning;
    private final IssueCreditNoteService issueCreditNote;
    private final ListCreditNotesUseCase creditNotes;
    private final GetCreditNoteUseCase creditNote;
    private final RenderCreditNotePdfUseCase renderCreditNotePdf;
    private final GetCustomerBalanceUseCase customerBalance;
    private final CouponUseCases coupons;

    /** The coupon use cases: create and list (admin), apply and remove (for a customer), the customer's discounts. */
    public record CouponUseCases(io.billkit.application.port.in.coupon.CreateCouponUseCase create,
                                 io.billkit.application.port.in.coupon.ListCouponsUseCase list,
                                 io.billkit.application.port.in.coupon.ApplyCouponUseCase apply,
                                 io.billkit.application.port.in.coupon.RemoveCouponUseCase remove,
                                 io.billkit.application.port.in.coupon.GetDiscountsUseCase discounts) {
        public CouponUseCases {
            Objects.requireNonNull(create, "create");
            Objects.requireNonNull(list, "list");
            Objects.requireNonNull(apply, "apply");
            Objects.requireNonNull(remove, "remove");
            Objects.requireNonNull(discounts, "discounts");
        }
    }

    public BillingServices(BillingPorts ports, Catalog catalog, Clock clock, BillingSettings settings) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        var p = ports;
        var tx = p.transactions();
        var audit = new AuditTrail(p.auditLog(), clock);
        var contexts = new BillingContexts(p.customers(), p.subscriptions(), catalog);

        upsertCustomer = new UpsertCustomerService(p.customers(), p.providerReferences(), p.paymentProvider(), tx, audit);
        recordUsage = new RecordUsageService(contexts, p.usageEvents(), p.quotaCounters(),
                p.periodCloseGuard(), tx, audit, clock);
        checkQuota = new CheckQuotaService(contexts, p.usageEvents(), p.quotaCounters(), clock);
        consumeQuota = new ConsumeQuotaService(contexts, p.usageEvents(), p.quotaCounters(), p.periodCloseGuard(), tx, audit, clock);
        currentUsage = new GetCurrentUsageService(contexts, p.usageEvents(), tx, clock);
        usageHistory = new GetUsageHistoryService(contexts, p.usageEvents());
        usageAlerts = new EvaluateUsageAlertsService(contexts, p.usageEvents(), p.usageAlerts(), p.outbox(), tx, audit, clock);
        subscribe = new SubscribeService(p.customers(), p.subscriptions(), p.creditLedgers(), p.providerReferences(),
                p.paymentProvider(), p.paymentProvider(), catalog, p.outbox(), tx, audit, clock);
        var cn = p.creditNotes();
        ClosePeriodService closePeriodService = ClosePeriodService.standard(catalog, p.customers(), p.subscriptions(), p.usageEvents(), p.pendingCharges(),
                p.periodCloseGuard(), p.invoices(), p.creditLedgers(), p.providerReferences(), p.paymentProvider(),
                p.outbox(), tx, audit, clock, settings.periodClose(), p.coupons(), p.couponRedemptions(), p.taxCalculator(),
                p.creditNotes().balances());
        changePlan = new ChangePlanService(contexts, p.subscriptions(), p.pendingCharges(), p.providerReferences(),
                p.paymentProvider(), p.outbox(), tx, audit, clock, closePeriodService.endedPeriods());
        cancelSubscription = new CancelSubscriptionService(p.customers(), p.subscriptions(), p.usageEvents(),
                p.pendingCharges(), p.periodCloseGuard(), p.invoices(), p.providerReferences(), p.paymentProvider(), p.paymentProvider(),
                catalog, p.outbox(), tx, audit, clock, p.coupons(), p.couponRedemptions(), closePeriodService.endedPeriods(),
                p.taxCalculator(), p.creditNotes().balances());
        resumeSubscription = new ResumeSubscriptionService(p.subscriptions(), p.providerReferences(), p.paymentProvider(),
                catalog, p.outbox(), tx, audit, clock);
        subscription = new GetSubscriptionService(p.subscriptions(), catalog);
        startCheckout = new StartCheckoutService(p.customers(), p.subscriptions(), p.providerReferences(),
                p.paymentProvider(), p.paymentProvider(), catalog, tx, audit, clock);
        openCustomerPortal = new OpenCustomerPortalService(p.customers(), p.providerReferences(), p.paymentProvider(), p.paymentProvider(), tx, audit);
        grantCredits = new GrantCreditsService(p.customers(), p.creditLedgers(), p.outbox(), tx, audit, clock);
        purchaseCredits = new PurchaseCreditsService(p.customers(), p.creditLedgers(), p.providerReferences(),
                p.paymentProvider(), p.paymentProvider(), catalog, p.outbox(), tx, audit, clock);
        consumeCredits = new ConsumeCreditsService(p.customers(), p.subscriptions(), p.creditLedgers(), catalog, tx,
                audit, clock, p.outbox(), p.lowBalanceThresholds(),
                java.math.BigDecimal.valueOf(ConsumeCreditsService.DEFAULT_LOW_BALANCE_THRESHOLD));
        setLowBalanceThreshold = new io.billkit.application.service.SetLowBalanceThresholdService(p.customers(),
                p.subscriptions(), catalog, p.lowBalanceThresholds(),
                java.math.BigDecimal.valueOf(ConsumeCreditsService.DEFAULT_LOW_BALANCE_THRESHOLD), tx, audit);
        lowBalanceThreshold = new io.billkit.application.service.GetLowBalanceThresholdService(p.customers(),
                p.subscriptions(), catalog, p.lowBalanceThresholds(),
                java.math.BigDecimal.valueOf(ConsumeCreditsService.DEFAULT_LOW_BALANCE_THRESHOLD));
        enableWebhookEndpoint = new io.billkit.application.service.EnableWebhookEndpointService(p.webhookEndpoints(),
                p.webhookDeliveries(), tx, audit);
        pruneWebhookDeliveryLog = new io.billkit.application.service.PruneWebhookDeliveryLogService(
                p.webhookDeliveries(), tx, clock);
        creditBalance = new GetCreditBalanceService(p.subscriptions(), p.creditLedgers(), catalog, tx, audit, clock);
        dunningJobs = new io.billkit.application.service.DunningJobs(p.dunning(), p.subscriptions(), p.invoices(),
                catalog, settings.defaultDunning(), p.providerReferences(), p.paymentProvider(), cancelSubscription,
                p.outbox(), audit, tx, clock, 1_000 * settings.periodClose().batchSize());
        closePeriod = closePeriodService.withJob(dunningJobs.retryJob())
                .withJob(io.billkit.application.service.ThresholdInvoicing.job(catalog, p.customers(), p.subscriptions(),
                        p.usageEvents(), p.pendingCharges(), p.invoices(), p.usageThresholds(), p.providerReferences(),
                        p.paymentProvider(), p.outbox(), tx, audit, p.taxCalculator(), p.creditNotes().balances(),
                        settings.periodClose().batchSize()));
        usageThresholds = new io.billkit.application.service.UsageThresholdsService(catalog, p.subscriptions(),
                p.usageThresholds(), tx, audit);
        dunning = new io.billkit.application.service.GetDunningService(p.customers(), p.subscriptions(), p.invoices(),
                p.dunning(), tx);
        coupons = new CouponUseCases(
                new io.billkit.application.service.CreateCouponService(p.coupons(), catalog, tx, audit, clock),
                new io.billkit.application.service.ListCouponsService(p.coupons()),
                new io.billkit.application.service.ApplyCouponService(p.coupons(), p.couponRedemptions(),
                        p.subscriptions(), catalog, tx, audit, clock),
                new io.billkit.application.service.RemoveCouponService(p.coupons(), p.couponRedemptions(), tx, audit,
                        clock),
                new io.billkit.application.service.GetDiscountsService(p.coupons(), p.couponRedemptions(), tx));
        listInvoices = new ListInvoicesService(p.invoices(), p.providerReferences(), tx, cn.balances());
        invoice = new GetInvoiceService(p.invoices(), p.providerReferences(), cn.balances());
        voidInvoice = new VoidInvoiceService(p.invoices(), p.providerReferences(), p.paymentProvider(), p.outbox(), tx, audit, clock,
                cn.balances());
        renderInvoicePdf = new RenderInvoicePdfService(p.invoices(), p.customers(), p.subscriptions(),
                p.invoiceRenderer(), settings.seller(), cn.balances());
        handleProviderEvent = new HandleProviderEventService(p.providerEventInbox(), p.providerEventCursor(), p.customers(),
                p.subscriptions(), p.invoices(), p.creditLedgers(), p.providerReferences(), p.invoicePaymentFailures(),
                catalog, p.outbox(), audit, tx, clock, p.dunning(), settings.defaultDunning(), cn.notes());
        reconcile = new ReconcileService(catalog, p.customers(), p.subscriptions(), p.usageEvents(), p.providerReferences(),
                p.paymentProvider(), p.reconciliationRuns(), p.idempotency(), p.outbox(), tx, audit, clock,
                settings.reconciliation());
        reconciliationHistory = new GetReconciliationHistoryService(p.reconciliationRuns());
        billingSummary = new GetBillingSummaryService(catalog, p.customers(), p.subscriptions(), p.usageEvents(),
                p.pendingCharges(), p.creditLedgers(), tx, audit, clock, p.coupons(), p.couponRedemptions());
        auditTrail = new GetAuditTrailService(p.auditLog());
        var webhookGuard = WebhookAddressGuard.jdk(settings.webhookPrivateHosts());
        registerWebhookEndpoint = new RegisterWebhookEndpointService(p.webhookEndpoints(), p.customers(), tx, audit, clock,
                webhookGuard);
        webhookEndpoints = new ListWebhookEndpointsService(p.webhookEndpoints(), p.webhookDeliveries());
        webhookDeliveryLog = new io.billkit.application.service.ListWebhookDeliveriesService(p.webhookEndpoints(),
                p.webhookDeliveries());
        redeliverWebhook = new io.billkit.application.service.RedeliverWebhookService(p.webhookEndpoints(),
                p.webhookDeliveries(), tx, audit, clock);
        listCustomers = new ListCustomersService(p.customers(), p.subscriptions(), tx, catalog);
        deliverWebhooks = new DeliverWebhooksService(p.outbox(), p.webhookEndpoints(), p.webhookDeliveries(),
                p.webhookSender(), tx, clock, settings.webhookDelivery(), webhookGuard, p.webhookObserver());
        issueCreditNote = new IssueCreditNoteService(p.invoices(), cn.notes(), cn.balances(), p.customers(),
                p.providerReferences(), p.paymentProvider(), p.outbox(), tx, audit, clock);
        creditNotes = new ListCreditNotesService(cn.notes(), p.invoices());
        creditNote = new GetCreditNoteService(cn.notes(), p.invoices());
        renderCreditNotePdf = new RenderCreditNotePdfService(cn.notes(), p.invoices(), p.customers(), cn.renderer(),
                settings.seller());
        customerBalance = new GetCustomerBalanceService(cn.balances(), p.customers());
    }

    public BillingPorts ports() { return ports; }
    public Catalog catalog() { return catalog; }
    public Clock clock() { return clock; }
    public UpsertCustomerUseCase upsertCustomer() { return upsertCustomer; }
    public RecordUsageUseCase recordUsage() { return recordUsage; }
    public CheckQuotaUseCase checkQuota() { return checkQuota; }
    public ConsumeQuotaUseCase consumeQuota() { return consumeQuota; }
    public GetCurrentUsageUseCase currentUsage() { return currentUsage; }
    public GetUsageHistoryUseCase usageHistory() { return usageHistory; }
    public EvaluateUsageAlertsUseCase usageAlerts() { return usageAlerts; }
    public SubscribeUseCase subscribe() { return subscribe; }
    public ChangePlanUseCase changePlan() { return changePlan; }
    public CancelSubscriptionUseCase cancelSubscription() { return cancelSubscription; }
    public ResumeSubscriptionUseCase resumeSubscription() { return resumeSubscription; }
    public GetSubscriptionUseCase subscription() { return subscription; }
    public StartCheckoutUseCase startCheckout() { return startCheckout; }
    public OpenCustomerPortalUseCase openCustomerPortal() { return openCustomerPortal; }
    public GrantCreditsUseCase grantCredits() { return grantCredits; }
    public PurchaseCreditsUseCase purchaseCredits() { return purchaseCredits; }
    public ConsumeCreditsUseCase consumeCredits() { return consumeCredits; }
    public GetCreditBalanceUseCase creditBalance() { return creditBalance; }
    public ClosePeriodUseCase closePeriod() { return closePeriod; }
    public ListInvoicesUseCase listInvoices() { return listInvoices; }
    public GetInvoiceUseCase invoice() { return invoice; }
    public VoidInvoiceUseCase voidInvoice() { return voidInvoice; }
    public RenderInvoicePdfUseCase renderInvoicePdf() { return renderInvoicePdf; }
    public HandleProviderEventUseCase handleProviderEvent() { return handleProviderEvent; }
    public ReconcileUseCase reconcile() { return reconcile; }
    public GetReconciliationHistoryUseCase reconciliationHistory() { return reconciliationHistory; }
    public GetBillingSummaryUseCase billingSummary() { return billingSummary; }
    public GetAuditTrailUseCase auditTrail() { return auditTrail; }
    public RegisterWebhookEndpointUseCase registerWebhookEndpoint() { return registerWebhookEndpoint; }
    public ListWebhookEndpointsUseCase webhookEndpoints() { return webhookEndpoints; }
    public io.billkit.application.port.in.webhook.ListWebhookDeliveriesUseCase webhookDeliveryLog() { return webhookDeliveryLog; }
    public io.billkit.application.port.in.webhook.RedeliverWebhookUseCase redeliverWebhook() { return redeliverWebhook; }
    public ListCustomersUseCase listCustomers() { return listCustomers; }
    public DeliverWebhooksUseCase deliverWebhooks() { return deliverWebhooks; }
    public io.billkit.application.port.in.credit.SetLowBalanceThresholdUseCase setLowBalanceThreshold() { return setLowBalanceThreshold; }
    public io.billkit.application.port.in.credit.GetLowBalanceThresholdUseCase lowBalanceThreshold() { return lowBalanceThreshold; }
    public io.billkit.application.port.in.webhook.EnableWebhookEndpointUseCase enableWebhookEndpoint() { return enableWebhookEndpoint; }
    public io.billkit.application.port.in.webhook.PruneWebhookDeliveryLogUseCase pruneWebhookDeliveryLog() { return pruneWebhookDeliveryLog; }
    /** Stops the webhook delivery pool (see {@link DeliverWebhooksService#close()}). */
    public void closeWebhookDelivery() { ((DeliverWebhooksService) deliverWebhooks).close(); }
    public io.billkit.application.port.in.dunning.GetDunningUseCase dunning() { return dunning; }
    /** Progressive billing: set a plan's or a subscription's usage thresholds. */
    public io.billkit.application.port.in.invoice.SetUsageThresholdsUseCase setUsageThresholds() { return usageThresholds; }
    /** Progressive billing: the usage thresholds in effect for a plan or a subscription. */
    public io.billkit.application.port.in.invoice.GetUsageThresholdsUseCase usageThresholds() { return usageThresholds; }
    public io.billkit.application.port.in.dunning.RetryPaymentNowUseCase retryPaymentNow() { return dunningJobs.retryNow(); }
    public io.billkit.application.port.in.dunning.StopDunningUseCase stopDunning() { return dunningJobs.stop(); }
    public IssueCreditNoteUseCase issueCreditNote() { return issueCreditNote; }
    public RetryCreditNoteRefundUseCase retryCreditNoteRefund() { return issueCreditNote; }
    public ListCreditNotesUseCase creditNotes() { return creditNotes; }
    public GetCreditNoteUseCase creditNote() { return creditNote; }
    public RenderCreditNotePdfUseCase renderCreditNotePdf() { return renderCreditNotePdf; }
    public GetCustomerBalanceUseCase customerBalance() { return customerBalance; }
    public CouponUseCases coupons() { return coupons; }
}
