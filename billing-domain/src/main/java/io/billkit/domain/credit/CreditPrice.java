package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditEvent;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What actions cost in credits, from the catalog's {@link CreditEvent}s: {@code occurrences} times the
 * event's credits (3 x {@code api_call_premium} at 5 = 15 credits). The result can be debited from a
 * {@link CreditLedger} as is.
 */
public final class CreditPrice {

    private CreditPrice() {
    }

    /** Credits for {@code occurrences} (> 0) of {@code event}. */
    public static BigDecimal of(CreditEvent event, long occurrences) {
        Objects.requireNonNull(event, "event");
        BillingException.require(occurrences > 0,
                "occurrences of " + event.name() + " must be positive but was " + occurrences);
        return of(event, BigDecimal.valueOf(occurrences));
    }

    /**
     * Credits for a quantity (> 0, e.g. 2.5 GB-months of storage) of {@code event}; the result must
     * fit the ledger's 6 decimals.
     */
    public static BigDecimal of(CreditEvent event, BigDecimal quantity) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(quantity, "quantity");
        return CreditAmounts.requirePositive(event.creditsFor(quantity), "credits for " + event.name());
    }

    /**
     * Credits for {@code occurrences} of the catalog's event {@code eventName}; an unknown name is
     * {@link io.billkit.domain.ErrorCode#UNKNOWN_CREDIT_EVENT}.
     */
    public static BigDecimal of(Catalog catalog, String eventName, long occurrences) {
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(eventName, "eventName");
        return of(catalog.requireCreditEvent(eventName), occurrences);
    }
}
