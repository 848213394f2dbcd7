package io.billkit.domain.creditnote;

import io.billkit.domain.BillingException;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A credit note: money given back against a finalized invoice, numbered in its own gapless series. Immutable.
 *
 * <p>{@code subtotal} is the sum of the credited lines (net of tax); {@code tax} is the tax given back on it
 * (see {@link Creditable} for the rounding); {@code total = subtotal + tax} is what the customer gets back,
 * by refund or on their balance ({@link CreditNoteSettlement}). {@code taxRate} is the invoice's. {@code memo}
 * is free text (may be empty, at most 500 characters). {@code providerRefund} is the provider's refund id once
 * known (always present for a note of {@link CreditNoteOrigin#PROVIDER} origin).
 */
public record CreditNote(CreditNoteId id, CreditNoteNumber number, InvoiceId invoiceId, InvoiceNumber invoiceNumber,
                         CustomerId customerId, Currency currency, CreditNoteReason reason, String memo,
                         CreditNoteSettlement settlement, CreditNoteOrigin origin, List<CreditNoteLine> lines,
                         Money subtotal, Money tax, Money total, BigDecimal taxRate, Instant issuedAt,
                         RefundState refundState, Optional<String> providerRefund) {
    public static final int MAX_MEMO = 500;

    public CreditNote {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(invoiceNumber, "invoiceNumber");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(memo, "memo");
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(origin, "origin");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(taxRate, "taxRate");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(refundState, "refundState");
        Objects.requireNonNull(providerRefund, "providerRefund");
        BillingException.require(memo.length() <= MAX_MEMO, "memo must be at most " + MAX_MEMO + " characters");
        BillingException.require(!lines.isEmpty(), "a credit note needs at least one line");
        Money sum = Money.zero(currency);
        for (CreditNoteLine line : lines) {
            sum = sum.plus(line.amount());
        }
        BillingException.require(sum.isEqualTo(subtotal), "subtotal must be the sum of the lines");
        BillingException.require(!tax.isNegative(), "tax must not be negative");
        BillingException.require(total.isEqualTo(subtotal.plus(tax)), "total must be subtotal + tax");
        BillingException.require((settlement == CreditNoteSettlement.REFUND) == (refundState != RefundState.NOT_REFUNDED),
                "a refund state is kept exactly for notes settled by refund");
        BillingException.require(origin == CreditNoteOrigin.BILLKIT || providerRefund.isPresent(),
                "a note made by the provider names its refund");
    }

    /** This note with the refund's outcome. */
    public CreditNote withRefund(RefundState state, Optional<String> refundId) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(refundId, "refundId");
        BillingException.require(settlement == CreditNoteSettlement.REFUND, "credit note " + number + " is not refunded");
        return new CreditNote(id, number, invoiceId, invoiceNumber, customerId, currency, reason, memo, settlement, origin,
                lines, subtotal, tax, total, taxRate, issuedAt, state, refundId.or(() -> providerRefund));
    }
}
