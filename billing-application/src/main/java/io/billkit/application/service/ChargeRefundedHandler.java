package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.ChargeRefunded;
import io.billkit.application.port.in.ProviderEvent.Refund;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteId;
import io.billkit.domain.creditnote.CreditNoteOrigin;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.creditnote.Creditable;
import io.billkit.domain.creditnote.RefundState;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.invoice.Invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ChargeRefunded}: a refund of a BillKit invoice's payment made at the provider (e.g. in Stripe's dashboard)
 * gets its credit note, once per refund id (origin PROVIDER, settlement refund, reason other, amounts from
 * {@link Creditable#forTotal}). A refund the event lists that BillKit made itself (it carries its credit note's id,
 * or a note already records its refund id) creates nothing: BillKit's own note is linked to the refund id if it was
 * not yet. A refund for more than is left on the invoice is recorded in the audit only (IGNORED), as is a charge
 * that names no BillKit invoice.
 */
final class ChargeRefundedHandler implements ProviderEventHandler<ChargeRefunded> {
    private final ProviderObjects objects;
    private final CreditNoteStore notes;
    private final Outbox outbox;

    ChargeRefundedHandler(ProviderObjects objects, CreditNoteStore notes, Outbox outbox) {
        this.objects = objects;
        this.notes = notes;
        this.outbox = outbox;
    }

    @Override
    public Outcome apply(ChargeRefunded event, Instant now) {
        Optional<Invoice> found = event.invoice().flatMap(objects::invoice);
        if (found.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "charge not linked to a BillKit invoice");
        }
        Invoice invoice = found.get();
        if (event.refunds().isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.of(invoice.customerId()), "event lists no refund");
        }
        List<String> created = new ArrayList<>();
        List<String> own = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (Refund refund : event.refunds()) {
            if (notes.findByProviderRefund(refund.id()).isPresent()) {
                own.add(refund.id());
                continue;
            }
            Optional<CreditNote> ours = refund.creditNote().flatMap(id -> notes.find(CreditNoteId.of(id)));
            if (ours.isPresent()) {
                CreditNote note = ours.get();
                if (note.providerRefund().isEmpty()) {
                    notes.update(note.withRefund(RefundState.SUCCEEDED, Optional.of(refund.id())));
                }
                own.add(refund.id());
                continue;
            }
            try {
                CreditNote note = noteFor(invoice, refund, now);
                notes.insert(note);
                Map<String, String> data = IssueCreditNoteService.data(note);
                OutboxEvents.append(outbox, "credit_note.issued", note.id().value(), note.customerId(), data, now);
                created.add(note.number().toString());
            } catch (BillingException e) {
                if (e.code() != ErrorCode.CREDIT_EXCEEDS_INVOICE) {
                    throw e;
                }
                refused.add(refund.id());
            }
        }
        ProviderEventResult result = created.isEmpty() ? ProviderEventResult.IGNORED : ProviderEventResult.APPLIED;
        Outcome outcome = new Outcome(result, Optional.of(invoice.customerId()), new java.util.HashMap<>());
        outcome.with("invoice", invoice.id().value());
        outcome.with("creditNotes", String.join(",", created));
        outcome.with("ownRefunds", String.join(",", own));
        outcome.with("note", refused.isEmpty() ? (created.isEmpty() ? "refunds already recorded" : "credit notes created")
                : "refunds exceed what is left on the invoice: " + String.join(",", refused));
        return outcome;
    }

    private CreditNote noteFor(Invoice invoice, Refund refund, Instant now) {
        Creditable.Amounts amounts = Creditable.of(invoice, notes.lockInvoice(invoice.id())).forTotal(refund.amount());
        Customer customer = Customers.require(objects.customers, invoice.customerId());
        return new CreditNote(CreditNoteId.of("cn_" + Hashes.sha256Hex("refund|" + refund.id()).substring(0, 32)),
                notes.nextNumber(LocalDate.ofInstant(now, customer.timeZone()).getYear()), invoice.id(),
                invoice.number().orElseThrow(), invoice.customerId(), invoice.currency(), CreditNoteReason.OTHER,
                "Refund " + refund.id() + " made at the payment provider", CreditNoteSettlement.REFUND,
                CreditNoteOrigin.PROVIDER, amounts.lines(), amounts.subtotal(), amounts.tax(), amounts.total(),
                invoice.taxRate(), now, RefundState.SUCCEEDED, Optional.of(refund.id()));
    }
}
