package io.billkit.application.port.out;

import java.util.function.Supplier;

/**
 * A unit of work: everything a use case writes inside {@link #inTransaction} commits together or,
 * when the work throws, rolls back together. Nested calls join the outer transaction.
 */
public interface Transactions {

    /** Runs {@code work} in a transaction and returns its result; rethrows what it throws after rollback. */
    <T> T inTransaction(Supplier<T> work);

    /** Runs {@code work} in a transaction. */
    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
