package io.billkit.application.port.in.quota;

import io.billkit.domain.customer.CustomerId;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Would {@code quantity} more units of {@code meter} be admitted for {@code customer} now?
 */
public record CheckQuotaQuery(CustomerId customer, String meter, BigDecimal quantity) {
    public CheckQuotaQuery {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(quantity, "quantity");
    }
}
