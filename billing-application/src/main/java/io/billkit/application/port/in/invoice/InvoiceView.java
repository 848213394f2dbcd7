package io.billkit.application.port.in.invoice;

import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.invoice.TaxInclusion;
import io.billkit.domain.invoice.TaxLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An invoice as callers see it. Totals equal the sum of the lines. {@code taxLines} holds one entry per tax
 * rate with its taxable base (their amounts sum to {@code tax}); {@code pricesIncludeTax} says whether the
 * lines are gross ({@link TaxInclusion#INCLUSIVE}); {@code taxNotes} are the legal notes (e.g.
 * {@code Reverse charge}).
 */
public record InvoiceView(InvoiceId id, CustomerId customer, SubscriptionId subscription, Optional<String> number, InvoiceStatus status, LocalDate periodStart, LocalDate periodEnd, Currency currency, List<InvoiceLineView> lines, Money subtotal, Money credits, Money tax, Money total, Money amountPaid, Money amountDue, Optional<Instant> finalizedAt, Optional<LocalDate> dueDate, Optional<String> providerInvoiceId,
                          List<TaxLine> taxLines, boolean pricesIncludeTax, List<String> taxNotes, String kind) {
    public InvoiceView {
        Objects.requireNonNull(kind, "kind");
        taxLines = List.copyOf(Objects.requireNonNull(taxLines, "taxLines"));
        taxNotes = List.copyOf(Objects.requireNonNull(taxNotes, "taxNotes"));
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(currency, "currency");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(credits, "credits");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(amountPaid, "amountPaid");
        Objects.requireNonNull(amountDue, "amountDue");
        Objects.requireNonNull(finalizedAt, "finalizedAt");
        Objects.requireNonNull(dueDate, "dueDate");
        Objects.requireNonNull(providerInvoiceId, "providerInvoiceId");
    }
}
