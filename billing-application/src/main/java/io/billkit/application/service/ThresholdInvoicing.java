package io.billkit.application.service;

import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.PendingChargeStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.TaxCalculator;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.UsageEventStore;
import io.billkit.application.port.out.UsageThresholdStore;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.catalog.Catalog;

/** Builds progressive billing's {@link PeriodCloseJob} ({@link IssueThresholdInvoicesJob}) for a period-close run. */
public final class ThresholdInvoicing {
    private ThresholdInvoicing() {
    }

    /**
     * The job issuing threshold invoices, taxed with {@code taxCalculator}, paid first from the customer's money
     * {@code balances} (as every invoice is at finalization) and pushed to {@code provider}.
     */
    public static PeriodCloseJob job(Catalog catalog, CustomerStore customers, SubscriptionStore subscriptions,
                                     UsageEventStore usage, PendingChargeStore pendingCharges, InvoiceStore invoices,
                                     UsageThresholdStore thresholds, ProviderReferenceStore references,
                                     ProviderInvoices provider, Outbox outbox, Transactions tx, AuditTrail audit,
                                     TaxCalculator taxCalculator, CustomerBalanceStore balances, int batchSize) {
        PeriodInvoicer invoicer = new PeriodInvoicer(catalog, customers, usage, pendingCharges, invoices, outbox, audit,
                SubscriptionDiscounts.none(), taxCalculator, balances);
        PushInvoicesJob pushes = new PushInvoicesJob(invoices, new InvoicePusher(references, provider, invoices, tx, audit),
                tx, batchSize);
        return new IssueThresholdInvoicesJob(catalog, customers, subscriptions, thresholds, invoices,
                new PeriodUsage(usage, catalog), invoicer, pushes, audit, tx, 1_000 * batchSize);
    }
}
