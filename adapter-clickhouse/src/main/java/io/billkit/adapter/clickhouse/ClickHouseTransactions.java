package io.billkit.adapter.clickhouse;

import io.billkit.application.port.out.Transactions;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A unit of work over ClickHouse, which has no transactions: rows are written tagged with the unit's id
 * and become visible to others only when the unit commits by inserting its id into {@code usage_commits}.
 * A unit that throws never writes its marker, so its rows stay invisible (a retry finds the ids free).
 * The per-customer locks a unit takes are held until it ends, so two concurrent units in this process
 * cannot both claim the same event id.
 */
public final class ClickHouseTransactions implements Transactions {
    private final ClickHouse clickHouse;
    private final ThreadLocal<Unit> current = new ThreadLocal<>();

    public ClickHouseTransactions(ClickHouse clickHouse) {
        this.clickHouse = clickHouse;
    }

    static final class Unit {
        final String id = UUID.randomUUID().toString();
        final List<ReentrantLock> locks = new ArrayList<>();
        boolean wrote;
    }

    Unit current() {
        return current.get();
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        Unit unit = new Unit();
        current.set(unit);
        try {
            T result = work.get();
            if (unit.wrote) {
                clickHouse.execute("INSERT INTO usage_commits (tx_id) VALUES (" + ClickHouse.quote(unit.id) + ")");
            }
            return result;
        } finally {
            current.remove();
            for (int i = unit.locks.size() - 1; i >= 0; i--) {
                unit.locks.get(i).unlock();
            }
        }
    }
}
