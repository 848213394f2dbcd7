/**
 * Credit notes: money given back against a finalized invoice ({@link io.billkit.domain.creditnote.CreditNote}),
 * numbered in their own gapless series ({@link io.billkit.domain.creditnote.CreditNoteNumber}), never more than
 * what is left of the invoice after earlier notes ({@link io.billkit.domain.creditnote.Creditable}), settled by
 * refund or on the customer's money balance ({@link io.billkit.domain.creditnote.CreditNoteSettlement}).
 */
package io.billkit.domain.creditnote;
