package io.billkit.application.port.in.credit;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The result of a credit debit.
 *
 * @param replayed true when this request id had been debited before and nothing changed now
 */
public record CreditConsumptionView(String requestId, String creditEvent, BigDecimal quantity, BigDecimal creditsDebited, boolean replayed, CreditBalanceView balance) {
    public CreditConsumptionView {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(creditEvent, "creditEvent");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(creditsDebited, "creditsDebited");
        Objects.requireNonNull(balance, "balance");
    }
}
