package io.billkit.application.assembly;

import io.billkit.application.service.ClosePeriodService;
import io.billkit.application.service.DeliverWebhooksService;
import io.billkit.application.service.SellerProfile;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.reconciliation.ReconciliationPolicy;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The knobs of the use cases: who issues invoices, the period-close grace and batch size, and the
 * reconciliation tolerance and alert threshold, the default dunning schedule, and the hosts exempt from the webhook SSRF guard (none by default).
 */
public record BillingSettings(SellerProfile seller, ClosePeriodService.Settings periodClose,
                              ReconciliationPolicy reconciliation, Set<String> webhookPrivateHosts,
                              DeliverWebhooksService.Settings webhookDelivery, DunningPolicy defaultDunning) {
    public BillingSettings {
        Objects.requireNonNull(webhookDelivery, "webhookDelivery");
        Objects.requireNonNull(defaultDunning, "defaultDunning");
        webhookPrivateHosts = Set.copyOf(Objects.requireNonNull(webhookPrivateHosts, "webhookPrivateHosts"));
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(periodClose, "periodClose");
        Objects.requireNonNull(reconciliation, "reconciliation");
    }

    /** Settings with the standard dunning schedule ({@link DunningPolicy#standard()}: day 3, 5, 7, then cancel). */
    public BillingSettings(SellerProfile seller, ClosePeriodService.Settings periodClose,
                           ReconciliationPolicy reconciliation, Set<String> webhookPrivateHosts,
                           DeliverWebhooksService.Settings webhookDelivery) {
        this(seller, periodClose, reconciliation, webhookPrivateHosts, webhookDelivery, DunningPolicy.standard());
    }

    /** Settings with the default webhook relay settings and the standard dunning schedule. */
    public BillingSettings(SellerProfile seller, ClosePeriodService.Settings periodClose,
                           ReconciliationPolicy reconciliation, Set<String> webhookPrivateHosts) {
        this(seller, periodClose, reconciliation, webhookPrivateHosts, DeliverWebhooksService.Settings.defaults());
    }

    /** The dunning schedule of plans that have none of their own. */
    public BillingSettings withDefaultDunning(DunningPolicy policy) {
        return new BillingSettings(seller, periodClose, reconciliation, webhookPrivateHosts, webhookDelivery, policy);
    }

    /** A demo seller, 1 h grace, batches of 100, 0.5 % tolerance and a USD 1,000 alert threshold. */
    public static BillingSettings defaults() {
        return new BillingSettings(SellerProfile.of("BillKit Demo Inc.", List.of("100 Market Street", "San Francisco, CA 94105"),
                "billing@billkit.example"), ClosePeriodService.Settings.defaults(), ReconciliationPolicy.defaults(), Set.of(),
                DeliverWebhooksService.Settings.defaults(), DunningPolicy.standard());
    }

    public BillingSettings withSeller(SellerProfile newSeller) {
        return new BillingSettings(newSeller, periodClose, reconciliation, webhookPrivateHosts, webhookDelivery,
                defaultDunning);
    }

    /**
     * Hosts exempt from the webhook SSRF guard (exact names or literals, e.g. {@code localhost}, {@code 127.0.0.1});
     * for local development and tests only ({@code WEBHOOK_ALLOW_PRIVATE_HOSTS}).
     */
    public BillingSettings withWebhookPrivateHosts(Set<String> hosts) {
        return new BillingSettings(seller, periodClose, reconciliation, hosts, webhookDelivery, defaultDunning);
    }

    /** The outbound webhook relay's batches, lease and pool size ({@code WEBHOOK_DELIVERY_CONCURRENCY}). */
    public BillingSettings withWebhookDelivery(DeliverWebhooksService.Settings settings) {
        return new BillingSettings(seller, periodClose, reconciliation, webhookPrivateHosts, settings, defaultDunning);
    }

    public BillingSettings withPeriodClose(ClosePeriodService.Settings settings) {
        return new BillingSettings(seller, settings, reconciliation, webhookPrivateHosts, webhookDelivery, defaultDunning);
    }
}
