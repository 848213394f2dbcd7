package io.billkit.application.service;

import io.billkit.application.port.in.dunning.RetryPaymentNowUseCase;
import io.billkit.application.port.in.dunning.StopDunningUseCase;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.dunning.DunningPolicy;

import java.time.Clock;
import java.util.Objects;

/**
 * Dunning's driving side, wired once: the retry job (add it to period close with
 * {@link ClosePeriodService#withJob}) and the admin use cases "retry now" and "stop".
 */
public final class DunningJobs {
    private final PeriodCloseJob retryJob;
    private final RetryPaymentNowUseCase retryNow;
    private final StopDunningUseCase stop;

    public DunningJobs(DunningStore store, SubscriptionStore subscriptions, InvoiceStore invoices, Catalog catalog,
                       DunningPolicy defaultPolicy, ProviderReferenceStore references, ProviderInvoices provider,
                       CancelSubscriptionUseCase cancel, Outbox outbox, AuditTrail audit, Transactions tx, Clock clock,
                       int maxItems) {
        Objects.requireNonNull(clock, "clock");
        DunningCases dunning = new DunningCases(store, subscriptions, invoices, catalog, defaultPolicy, outbox, audit);
        RetryFailedPaymentsJob job = new RetryFailedPaymentsJob(dunning, references, provider, cancel, tx, maxItems);
        this.retryJob = job;
        this.retryNow = new RetryPaymentNowService(dunning, job, tx, clock);
        this.stop = new StopDunningService(dunning, tx, clock);
    }

    /** The due-work job retrying failed payments. */
    public PeriodCloseJob retryJob() {
        return retryJob;
    }

    public RetryPaymentNowUseCase retryNow() {
        return retryNow;
    }

    public StopDunningUseCase stop() {
        return stop;
    }
}
