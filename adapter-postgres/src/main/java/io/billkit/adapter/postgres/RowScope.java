package io.billkit.adapter.postgres;

import io.billkit.domain.customer.CustomerId;
import org.jdbi.v3.core.Handle;

import java.util.Objects;

/**
 * Which rows of the customer-owned tables the current transaction may see, enforced by PostgreSQL
 * row-level security: one customer's rows ({@code billkit.customer_id}) or every row for system work
 * ({@code billkit.scope = 'system'}). Both settings are transaction-local ({@code set_config(.., true)})
 * and every store call sets both, so a scope never leaks into the next call or transaction.
 */
record RowScope(String customerId, boolean allCustomers) {

    private static final RowScope SYSTEM = new RowScope("", true);

    RowScope {
        Objects.requireNonNull(customerId, "customerId");
    }

    static RowScope customer(CustomerId customer) {
        return new RowScope(customer.value(), false);
    }

    static RowScope customer(String customerId) {
        return new RowScope(customerId, false);
    }

    /** Every row: for cross-customer reads and system jobs (outbox relay, period close, key lookup). */
    static RowScope system() {
        return SYSTEM;
    }

    /** Sets this scope on the transaction of {@code handle}. */
    void applyTo(Handle handle) {
        handle.createQuery("SELECT set_config('billkit.customer_id', :customer, true)"
                        + " || set_config('billkit.scope', :scope, true)")
                .bind("customer", customerId)
                .bind("scope", allCustomers ? "system" : "")
                .mapTo(String.class)
                .one();
    }
}
