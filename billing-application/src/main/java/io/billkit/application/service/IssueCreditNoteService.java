package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.creditnote.CreditNoteView;
import io.billkit.application.port.in.creditnote.IssueCreditNoteCommand;
import io.billkit.application.port.in.creditnote.IssueCreditNoteUseCase;
import io.billkit.application.port.in.creditnote.RetryCreditNoteRefundUseCase;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.CustomerBalanceStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderRefund;
import io.billkit.application.port.out.provider.ProviderRefunds;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteNumber;
import io.billkit.domain.creditnote.CreditNoteOrigin;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.creditnote.Creditable;
import io.billkit.domain.creditnote.RefundState;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues credit notes (and retries their refunds).
 *
 * <p>One transaction issues the note: the invoice's notes are read with the invoice locked
 * ({@link CreditNoteStore#lockInvoice}), {@link Creditable} computes the amounts (never more than is left), the next
 * number of the note's own series is taken, the note is stored, a balance settlement credits the customer's money
 * balance, and {@code credit_note.issued} goes to the audit log and the outbox. A refund settlement then calls the
 * payment provider outside that transaction (idempotency key {@code refund-<note id>}, so a retry refunds once),
 * and a second transaction records the outcome ({@code credit_note.refunded} or {@code credit_note.refund_failed}).
 * A failed refund leaves the note issued with refund state FAILED: it is answered, not thrown (the note exists), and
 * {@link #retryRefund} tries again.
 */
public final class IssueCreditNoteService implements IssueCreditNoteUseCase, RetryCreditNoteRefundUseCase {
    /** Metadata key naming the credit note on a provider refund (so its webhook is known as BillKit's own). */
    public static final String CREDIT_NOTE_METADATA = "billkit_credit_note_id";

    private final InvoiceStore invoices;
    private final CreditNoteStore notes;
    private final CustomerBalanceStore balances;
    private final CustomerStore customers;
    private final ProviderReferenceStore references;
    private final ProviderRefunds refunds;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final CreditNoteViews views;

    public IssueCreditNoteService(InvoiceStore invoices, CreditNoteStore notes, CustomerBalanceStore balances,
                                  CustomerStore customers, ProviderReferenceStore references, ProviderRefunds refunds,
                                  Outbox outbox, Transactions tx, AuditTrail audit, Clock clock) {
        this.invoices = Objects.requireNonNull(invoices, "invoices");
        this.notes = Objects.requireNonNull(notes, "notes");
        this.balances = Objects.requireNonNull(balances, "balances");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.references = Objects.requireNonNull(references, "references");
        this.refunds = Objects.requireNonNull(refunds, "refunds");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.views = new CreditNoteViews(notes, invoices);
    }

    @Override
    public CreditNoteView issue(IssueCreditNoteCommand command) {
        Objects.requireNonNull(command, "command");
        Optional<String> providerInvoice = Optional.empty();
        if (command.settlement() == CreditNoteSettlement.REFUND) {
            Invoice invoice = InvoiceViews.load(invoices, command.invoice(), Optional.empty());
            if (invoice.status() != InvoiceStatus.PAID) {
                throw new BillingException(ErrorCode.ILLEGAL_TRANSITION, "invoice " + invoice.id() + " is "
                        + invoice.status() + ": only a paid invoice can be refunded (credit it to the customer's balance)");
            }
            providerInvoice = Optional.of(references.providerId(InvoiceViews.INVOICE_REF, invoice.id().value())
                    .orElseThrow(() -> new BillingException(ErrorCode.CONFLICT, "invoice " + invoice.id()
                            + " was not paid through the payment provider: credit it to the customer's balance")));
        }
        Instant now = clock.instant();
        CreditNote issued = tx.inTransaction(() -> {
            Invoice invoice = InvoiceViews.load(invoices, command.invoice(), Optional.empty());
            Creditable creditable = Creditable.of(invoice, notes.lockInvoice(invoice.id()));
            Creditable.Amounts amounts;
            if (command.lines().isEmpty()) {
                amounts = creditable.whole();
            } else {
                Map<Integer, Optional<Money>> requested = new LinkedHashMap<>();
                command.lines().forEach(line -> requested.put(line.line(), line.amount()));
                amounts = creditable.credit(requested);
            }
            CreditNote note = newNote(invoice, amounts, command, now);
            notes.insert(note);
            if (note.settlement() == CreditNoteSettlement.CUSTOMER_BALANCE) {
                balances.credit(note.customerId(), note.total(), note.id().value(), now);
            }
            announce(command.actor(), "credit_note.issued", note, now);
            return note;
        });
        if (issued.settlement() == CreditNoteSettlement.REFUND) {
            issued = refund(issued, providerInvoice.orElseThrow(), command.actor());
        }
        return views.view(issued);
    }

    @Override
    public CreditNoteView retryRefund(CreditNoteId id, Actor actor) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        CreditNote note = views.load(id, Optional.empty());
        BillingException.require(note.settlement() == CreditNoteSettlement.REFUND,
                "credit note " + note.number() + " is credited to the balance, not refunded");
        if (note.refundState() == RefundState.SUCCEEDED) {
            return views.view(note);
        }
        String providerInvoice = references.providerId(InvoiceViews.INVOICE_REF, note.invoiceId().value())
                .orElseThrow(() -> new BillingException(ErrorCode.CONFLICT, "invoice " + note.invoiceId()
                        + " has no provider invoice"));
        return views.view(refund(note, providerInvoice, actor));
    }

    private CreditNote refund(CreditNote note, String providerInvoice, Actor actor) {
        Map<String, String> metadata = Map.of(CREDIT_NOTE_METADATA, note.id().value(),
                "billkit_credit_note_number", note.number().toString(), "billkit_invoice_id", note.invoiceId().value());
        ProviderRefund refund;
        try {
            refund = refunds.refundInvoicePayment(providerInvoice, note.total(), metadata, "refund-" + note.id().value());
        } catch (BillingException e) {
            return tx.inTransaction(() -> {
                CreditNote failed = current(note).withRefund(RefundState.FAILED, Optional.empty());
                notes.update(failed);
                Map<String, String> data = data(failed);
                data.put("error", e.code().name());
                data.put("message", String.valueOf(e.getMessage()));
                audit.record(actor, "credit_note.refund_failed", failed.customerId(), data);
                OutboxEvents.append(outbox, "credit_note.refund_failed", failed.id().value(), failed.customerId(), data,
                        clock.instant());
                return failed;
            });
        }
        RefundState state = switch (refund.status()) {
            case SUCCEEDED -> RefundState.SUCCEEDED;
            case PENDING -> RefundState.PENDING;
            case FAILED -> RefundState.FAILED;
        };
        return tx.inTransaction(() -> {
            CreditNote done = current(note).withRefund(state, Optional.of(refund.id()));
            notes.update(done);
            String action = state == RefundState.FAILED ? "credit_note.refund_failed" : "credit_note.refunded";
            announce(actor, action, done, clock.instant());
            return done;
        });
    }

    private CreditNote current(CreditNote note) {
        return notes.find(note.id()).orElse(note);
    }

    private CreditNote newNote(Invoice invoice, Creditable.Amounts amounts, IssueCreditNoteCommand command, Instant now) {
        Customer customer = Customers.require(customers, invoice.customerId());
        CreditNoteNumber number = notes.nextNumber(LocalDate.ofInstant(now, customer.timeZone()).getYear());
        RefundState refundState = command.settlement() == CreditNoteSettlement.REFUND ? RefundState.PENDING
                : RefundState.NOT_REFUNDED;
        return new CreditNote(CreditNoteId.of("cn_" + UUID.randomUUID().toString().replace("-", "")), number,
                invoice.id(), invoice.number().orElseThrow(), invoice.customerId(), invoice.currency(), command.reason(),
                command.memo(), command.settlement(), CreditNoteOrigin.BILLKIT, amounts.lines(), amounts.subtotal(),
                amounts.tax(), amounts.total(), invoice.taxRate(), now, refundState, Optional.empty());
    }

    private void announce(Actor actor, String action, CreditNote note, Instant now) {
        Map<String, String> data = data(note);
        audit.record(actor, action, note.customerId(), data);
        OutboxEvents.append(outbox, action, note.id().value(), note.customerId(), data, now);
    }

    /** The audit and webhook payload of a note: ids, number, amounts as plain strings. */
    static Map<String, String> data(CreditNote note) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("creditNote", note.id().value());
        data.put("number", note.number().toString());
        data.put("invoice", note.invoiceId().value());
        data.put("invoiceNumber", note.invoiceNumber().toString());
        data.put("reason", note.reason().wireName());
        data.put("settlement", note.settlement().wireName());
        data.put("origin", note.origin().name().toLowerCase(java.util.Locale.ROOT));
        data.put("subtotal", note.subtotal().amount().toPlainString());
        data.put("tax", note.tax().amount().toPlainString());
        data.put("total", note.total().amount().toPlainString());
        data.put("currency", note.currency().getCurrencyCode());
        data.put("lines", String.join(",", note.lines().stream()
                .map(line -> line.invoiceLine() + ":" + line.amount().amount().toPlainString()).toList()));
        data.put("refundState", note.refundState().wireName());
        data.put("providerRefund", note.providerRefund().orElse(""));
        return data;
    }
}
