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
 * ours. Invoices with a zero total are not pushed: there is nothing to collect.
 */
final class InvoicePusher {
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
     * Pushes {@code invoice} if it {@link #needsPush needs it}; returns the provider's invoice id when it
     * pushed. Provider failures propagate ({@code PAYMENT_FAILED}, {@code PROVIDER_UNAVAILABLE}) and leave
     * the invoice unlinked, so the next period-close run tries again. An open invoice found linked already
     * is taken off {@link InvoiceStore#awaitingPush}.
     */
    Optional<String> push(Invoice invoice, Actor actor) {
        if (!needsPush(invoice)) {
            if (invoice.status() == InvoiceStatus.OPEN && invoice.totals().total().isPositive()) {
                tx.run(() -> invoices.markPushed(invoice.id())); // linked before: leave the queue
            }
            return Optional.empty();
        }
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
        return Optional.of(pushed.id());
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
