package io.billkit.application.port.out.provider;

import io.billkit.domain.catalog.MeterKey;

import java.math.BigDecimal;
import java.time.Instant;

/** Usage as the payment provider meters it: what is reported to it, and what reconciliation reads back. */
public interface ProviderUsage {

    /** Reports usage to the provider; {@code identifier} (the BillKit event id) dedupes retries. */
    void recordUsage(String customerId, MeterKey meter, BigDecimal quantity, Instant at, String identifier);

    /** Total usage the provider has for the customer and meter in {@code [from, to)} (read by Reconcile). */
    BigDecimal usage(String customerId, MeterKey meter, Instant from, Instant to);
}
