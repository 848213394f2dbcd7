package io.billkit.application.port.in.invoice;

import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.money.Money;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * One printed invoice line.
 *
 * @param kind      base_fee, usage, proration, credit, discount, adjustment
 * @param quantity  billable quantity for usage lines
 * @param unitPrice price description for usage lines, e.g. {@code USD 0.50 per 1000}
 * @param coupon    the coupon code of a discount line
 * @param appliesTo what a discount line was taken off, e.g. {@code all charges}
 */
public record InvoiceLineView(String kind, String description, Optional<MeterKey> meter, Optional<BigDecimal> quantity,
                              Optional<String> unitPrice, Money amount, Optional<String> coupon,
                              Optional<String> appliesTo) {
    /** A line that is not a discount. */
    public InvoiceLineView(String kind, String description, Optional<MeterKey> meter, Optional<BigDecimal> quantity,
                           Optional<String> unitPrice, Money amount) {
        this(kind, description, meter, quantity, unitPrice, amount, Optional.empty(), Optional.empty());
    }

    public InvoiceLineView {
        Objects.requireNonNull(coupon, "coupon");
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(amount, "amount");
    }
}
