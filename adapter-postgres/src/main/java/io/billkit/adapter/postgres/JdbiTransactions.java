package io.billkit.adapter.postgres;

import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Transactions} on Jdbi: {@link #inTransaction} opens a Handle in a transaction and binds it to
 * the current thread; store calls on that thread use it (and so commit or roll back with it); store
 * calls outside one run in their own short transaction. Nested calls join the outer transaction; an
 * exception escaping the outermost call rolls everything back and is rethrown. A transaction belongs to
 * one thread: work must not hand it to other threads.
 */
final class JdbiTransactions implements Transactions {
    private final Jdbi jdbi;
    private final ThreadLocal<Handle> bound = new ThreadLocal<>();
    /** The row scope last set on the bound transaction ({@code set_config(.., true)} lasts until its end). */
    private final ThreadLocal<RowScope> applied = new ThreadLocal<>();

    JdbiTransactions(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        if (bound.get() != null) {
            return work.get();
        }
        return jdbi.inTransaction(handle -> {
            bound.set(handle);
            try {
                return work.get();
            } finally {
                bound.remove();
                applied.remove();
            }
        });
    }

    /** Whether the current thread is inside {@link #inTransaction}. */
    boolean active() {
        return bound.get() != null;
    }

    /**
     * Runs a store's statements with {@code scope} set: on the thread's transaction when there is one,
     * otherwise in a transaction of their own. Inside a transaction the scope is set (one round trip) only
     * when it differs from the one the transaction already has, so a use case whose store calls share a
     * scope pays for it once; the settings are transaction-local, so nothing outlives the transaction. Constraint violations become {@link BillingException}s
     * (unique: CONFLICT; not-null/check: INVALID_ARGUMENT; row security: FORBIDDEN). After one, the
     * surrounding PostgreSQL transaction is aborted: let it propagate rather than continue the work.
     */
    <T> T withHandle(RowScope scope, HandleCallback<T, RuntimeException> statements) {
        Handle handle = bound.get();
        if (handle != null) {
            try {
                if (!scope.equals(applied.get())) {
                    applied.remove();
                    scope.applyTo(handle);
                    applied.set(scope);
                }
                return statements.withHandle(handle);
            } catch (UnableToExecuteStatementException e) {
                throw translate(e);
            }
        }
        return jdbi.inTransaction(h -> run(h, scope, statements));
    }

    /** {@link #withHandle} for statements that return nothing. */
    void useHandle(RowScope scope, java.util.function.Consumer<Handle> statements) {
        withHandle(scope, h -> {
            statements.accept(h);
            return null;
        });
    }

    private static <T> T run(Handle handle, RowScope scope, HandleCallback<T, RuntimeException> statements) {
        try {
            scope.applyTo(handle);
            return statements.withHandle(handle);
        } catch (UnableToExecuteStatementException e) {
            throw translate(e);
        }
    }

    private static RuntimeException translate(UnableToExecuteStatementException e) {
        if (!(e.getCause() instanceof SQLException sql) || sql.getSQLState() == null) {
            return e;
        }
        String detail = sql.getMessage() == null ? "" : sql.getMessage().lines().findFirst().orElse("");
        return switch (sql.getSQLState()) {
            case "23505" -> new BillingException(ErrorCode.CONFLICT, "already exists: " + detail, e);
            case "23502", "23514", "22003" -> new BillingException(ErrorCode.INVALID_ARGUMENT, "rejected by the database: " + detail, e);
            case "42501" -> new BillingException(ErrorCode.FORBIDDEN, "not allowed for this customer scope: " + detail, e);
            default -> e;
        };
    }
}
