package io.billkit.application.port.in.summary;

import io.billkit.application.port.in.invoice.InvoiceLineView;
import io.billkit.domain.money.Money;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the upcoming invoice would be if the period closed now.
 */
public record InvoicePreview(LocalDate periodStart, LocalDate periodEnd, List<InvoiceLineView> lines, Money subtotal, Money tax, Money total) {
    public InvoicePreview {
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        Objects.requireNonNull(subtotal, "subtotal");
        Objects.requireNonNull(tax, "tax");
        Objects.requireNonNull(total, "total");
    }
}
