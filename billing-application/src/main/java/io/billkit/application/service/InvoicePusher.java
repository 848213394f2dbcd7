package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.InvoiceTotals;
import io.billkit.domain.money.Money;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Pushes a finalized invoice to the payment provider and links the provider's invoice id (reference kind
 * {@code invoice}). Runs after the invoice's transaction committed; the provider call's idempotency key is
 * the invoice id, so a retried push (after a timeout, or by another instance) creates one provider invoice.
 * The items are the invoice lines plus, when there is tax, one tax item, so the provider's total equals
 * ours. Invoices with a zero total are not pushed: there is nothing to collect. Every push is claimed first
 * ({@link InvoiceStore#claimPush}/{@link InvoiceStore#claimPushes}: a lease written under {@code FOR UPDATE SKIP
 * LOCKED}), so two replicas never push the same invoice at the same time.
 */
final class InvoicePusher {
    /**
     * How long a claimed push is held before another pusher may take it: far longer than a provider call with
     * its retries, short enough that a crashed replica's invoices are pushed by the next runs.
     */
    static final Duration LEASE = Duration.ofMinutes(10);

    private final ProviderReferenceStore references;
    private final ProviderInvoices provider;
    private final InvoiceStore invoices;
    private final Transactions tx;
    private final AuditTrail audit;

    private final CustomerBalanceStore balances;

    InvoicePusher(ProviderReferenceStore references, ProviderInvoices provider, InvoiceStore invoices, Transactions tx,
                  AuditTrail audit) {
        this(references, provider, invoices, tx, audit, CustomerBalanceStore.NONE);
    }

    /** @param balances what the customers' money balances paid of each invoice, pushed as a negative item */
    InvoicePusher(ProviderReferenceStore references, ProviderInvoices provider, InvoiceStore invoices, Transactions tx,
                  AuditTrail audit, CustomerBalanceStore balances) {
        this.balances = Objects.requireNonNull(balances, "balances");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Whether {@code invoice} still has to be pushed: OPEN, a positive total and no provider link yet. */
    boolean needsPush(Invoice invoice) {
        return invoice.status() == InvoiceStatus.OPEN && invoice.totals().total().isPositive()
                && references.providerId(InvoiceViews.INVOICE_REF, invoice.id().value()).isEmpty();
    }

    /**
     * Claims {@code invoice}'s push ({@link InvoiceStore#claimPush}, leased for {@link #LEASE}) and pushes it;
     * returns the provider's invoice id when it pushed. Nothing happens when the invoice needs no push or
     * another pusher (another replica) holds its claim.
     */
    Optional<String> push(Invoice invoice, Actor actor, Instant now) {
        if (!tx.inTransaction(() -> invoices.claimPush(invoice.id(), now, now.plus(LEASE)))) {
            return Optional.empty();
        }
        return pushClaimed(invoice, actor);
    }

    /**
     * Pushes an invoice this caller has claimed if it {@link #needsPush needs it}; returns the provider's
     * invoice id when it pushed. Provider failures propagate ({@code PAYMENT_FAILED}, {@code
     * PROVIDER_UNAVAILABLE}), release the claim and leave the invoice unlinked, so the next period-close run
     * tries again. An open invoice found linked already is taken off the push queue.
     */
    Optional<String> pushClaimed(Invoice invoice, Actor actor) {
        if (!needsPush(invoice)) {
            if (invoice.status() == InvoiceStatus.OPEN && invoice.totals().total().isPositive()) {
                tx.run(() -> invoices.markPushed(invoice.id())); // linked before: leave the queue
            }
            return Optional.empty();
        }
        try {
            return Optional.of(pushNow(invoice, actor));
        } catch (RuntimeException e) {
            try {
                tx.run(() -> invoices.releasePush(invoice.id()));
            } catch (RuntimeException release) {
                e.addSuppressed(release); // the lease then simply runs out
            }
            throw e;
        }
    }

    private String pushNow(Invoice invoice, Actor actor) {
        String providerCustomer = references.providerId(UpsertCustomerService.CUSTOMER_REF, invoice.customerId().value())
                .orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                        "customer " + invoice.customerId() + " has no payment provider customer"));
        String number = invoice.number().map(InvoiceNumber::toString).orElseThrow();
        ProviderInvoice pushed = provider.createInvoice(providerCustomer, items(invoice, balances.appliedTo(invoice.id(), invoice.currency())), invoice.dueDate().orElseThrow(),
                Map.of("billkit_invoice_id", invoice.id().value(), "billkit_invoice_number", number,
                        "billkit_customer_id", invoice.customerId().value(),
                        "billkit_subscription_id", invoice.subscriptionId().value()),
                invoice.id().value());
        tx.run(() -> {
            references.link(InvoiceViews.INVOICE_REF, invoice.id().value(), pushed.id());
            invoices.markPushed(invoice.id());
            audit.record(actor, "invoice.pushed", invoice.customerId(), Map.of("invoice", invoice.id().value(),
                    "number", number, "providerInvoice", pushed.id(), "total", invoice.totals().total().toString()));
        });
        return pushed.id();
    }

    static List<ProviderInvoiceItem> items(Invoice invoice) {
        return items(invoice, Money.zero(invoice.currency()));
    }

    /** The invoice's items, its tax, and (when positive) {@code fromBalance} as a negative "Customer balance applied". */
    static List<ProviderInvoiceItem> items(Invoice invoice, Money fromBalance) {
        List<ProviderInvoiceItem> items = new ArrayList<>();
        invoice.lines().forEach(line -> items.add(new ProviderInvoiceItem(line.description(), line.amount())));
        InvoiceTotals totals = invoice.totals();
        if (!totals.tax().isZero()) {
            items.add(new ProviderInvoiceItem(invoice.taxLine().description(), totals.tax()));
        }
        if (fromBalance.isPositive()) {
            items.add(new ProviderInvoiceItem(BALANCE_APPLIED, fromBalance.negate()));
        }
        return items;
    }

    /** The description of the item (and view) for what the customer's balance paid. */
    static final String BALANCE_APPLIED = "Customer balance applied";
}
