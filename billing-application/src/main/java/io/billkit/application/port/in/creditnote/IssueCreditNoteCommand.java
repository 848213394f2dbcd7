package io.billkit.application.port.in.creditnote;

import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.creditnote.CreditNote;
import io.billkit.domain.creditnote.CreditNoteReason;
import io.billkit.domain.creditnote.CreditNoteSettlement;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Issue a credit note against a finalized invoice (admin).
 *
 * @param lines      the invoice lines to credit (index and net amount; an empty amount credits all that is left of
 *                   the line); empty for the whole invoice (everything left)
 * @param memo       free text printed on the note, may be empty, at most 500 characters
 * @param settlement refund through the payment provider (the invoice must be paid there) or credit to the
 *                   customer's balance
 */
public record IssueCreditNoteCommand(InvoiceId invoice, List<LineCredit> lines, CreditNoteReason reason, String memo,
                                     CreditNoteSettlement settlement, Actor actor) {
    public IssueCreditNoteCommand {
        Objects.requireNonNull(invoice, "invoice");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(actor, "actor");
        BillingException.require(memo.length() <= CreditNote.MAX_MEMO, "memo must be at most " + CreditNote.MAX_MEMO
                + " characters");
        Set<Integer> seen = new HashSet<>();
        for (LineCredit line : lines) {
            BillingException.require(seen.add(line.line()), "line " + line.line() + " is named twice");
        }
    }

    /** One line to credit: its 0-based index on the invoice and the net amount (empty: all that is left). */
    public record LineCredit(int line, Optional<Money> amount) {
        public LineCredit {
            BillingException.require(line >= 0, "line must not be negative but was " + line);
            Objects.requireNonNull(amount, "amount");
        }
    }
}
