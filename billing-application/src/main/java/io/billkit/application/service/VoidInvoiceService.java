package io.billkit.application.service;

import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.domain.money.Money;

import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.invoice.VoidInvoiceCommand;
import io.billkit.application.port.in.invoice.VoidInvoiceUseCase;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.OutboxEvent;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Voids an invoice (admin): DRAFT, OPEN or UNCOLLECTIBLE become VOID; a PAID invoice is refused
 * ({@code ILLEGAL_TRANSITION}); voiding a VOID invoice again returns it unchanged. An invoice pushed to
 * the payment provider is voided there first (idempotency key {@code void-<invoice id>}), so a provider
 * failure leaves the local invoice as it was. Writes {@code invoice.voided} to the audit log and outbox. What the customer's money balance paid of it goes back
 * to the balance, in the same transaction ({@code balanceReturned} in the audit).
 */
public final class VoidInvoiceService implements VoidInvoiceUseCase {
    private final InvoiceStore invoices;
    private final ProviderReferenceStore references;
    private final ProviderInvoices provider;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final InvoiceViews views;
    private final CustomerBalanceStore balances;

    public VoidInvoiceService(InvoiceStore invoices, ProviderReferenceStore references, ProviderInvoices provider,
                              Outbox outbox, Transactions tx, AuditTrail audit, Clock clock) {
        this(invoices, references, provider, outbox, tx, audit, clock, CustomerBalanceStore.NONE);
    }

    /** A service that gives back to the customer's money balance ({@code balances}) what it paid of a voided invoice. */
    public VoidInvoiceService(InvoiceStore invoices, ProviderReferenceStore references, ProviderInvoices provider,
                              Outbox outbox, Transactions tx, AuditTrail audit, Clock clock, CustomerBalanceStore balances) {
        this.balances = Objects.requireNonNull(balances, "balances");
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.references = Objects.requireNonNull(references, "references");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.views = new InvoiceViews(invoices, references);
    }

    @Override
    public InvoiceView voidInvoice(VoidInvoiceCommand command) {
        Objects.requireNonNull(command, "command");
        Invoice invoice = views.load(command.id(), Optional.empty());
        if (invoice.status() == InvoiceStatus.VOID) {
            return views.view(invoice);
        }
        Instant now = clock.instant();
        invoice.voidInvoice(now);
        Optional<String> providerInvoice = references.providerId(InvoiceViews.INVOICE_REF, invoice.id().value());
        providerInvoice.ifPresent(id -> provider.voidInvoice(id, "void-" + invoice.id().value()));
        Invoice voided = tx.inTransaction(() -> {
            Invoice current = views.load(command.id(), Optional.empty());
            Invoice next = current.voidInvoice(now);
            invoices.update(next);
            Map<String, String> data = new LinkedHashMap<>();
            data.put("invoice", next.id().value());
            data.put("number", next.number().map(InvoiceNumber::toString).orElse(""));
            data.put("previousStatus", current.status().name());
            data.put("reason", command.reason());
            data.put("providerInvoice", providerInvoice.orElse(""));
            Money givenBack = balances.giveBack(next.customerId(), next.id(), next.currency(), now);
            if (givenBack.isPositive()) {
                data.put("balanceReturned", givenBack.amount().toPlainString());
            }
            audit.record(command.actor(), "invoice.voided", next.customerId(), data);
            outbox.append(new OutboxEvent(UUID.randomUUID().toString(), "invoice.voided", next.id().value(),
                    next.customerId().value(), data, now));
            return next;
        });
        return views.view(voided);
    }
}
