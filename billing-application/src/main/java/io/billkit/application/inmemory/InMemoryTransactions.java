package io.billkit.application.inmemory;

import io.billkit.application.port.out.Transactions;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A real unit of work for the in-memory stores: transactions run one at a time (a fair global lock,
 * so the stores never see interleaved writes), and every store registers an undo action for each
 * write; when the work throws, the undo actions run newest first and the stores are as before.
 * Nested calls join the outer transaction.
 */
public final class InMemoryTransactions implements Transactions {
    private final ReentrantLock lock = new ReentrantLock(true);
    private final ThreadLocal<Deque<Runnable>> undoLog = new ThreadLocal<>();

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (undoLog.get() != null) {
            return work.get();
        }
        lock.lock();
        Deque<Runnable> undo = new ArrayDeque<>();
        undoLog.set(undo);
        try {
            return work.get();
        } catch (RuntimeException | Error e) {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
            throw e;
        } finally {
            undoLog.remove();
            lock.unlock();
        }
    }

    /**
     * Runs a store write. {@code writeAndUndo} performs the write and returns the action that undoes
     * it; inside a transaction the undo is kept for a rollback, outside one the write runs under the
     * lock as its own transaction.
     */
    <T> T write(Supplier<Undoable<T>> writeAndUndo) {
        Deque<Runnable> log = undoLog.get();
        if (log != null) {
            Undoable<T> done = writeAndUndo.get();
            log.push(done.undo());
            return done.result();
        }
        lock.lock();
        try {
            return writeAndUndo.get().result();
        } finally {
            lock.unlock();
        }
    }

    /** Puts {@code value} under {@code key}, undone by restoring the previous mapping. */
    <K, V> V put(java.util.Map<K, V> map, K key, V value) {
        return write(() -> {
            V previous = map.put(key, value);
            return new Undoable<>(previous, () -> {
                if (previous == null) {
                    map.remove(key);
                } else {
                    map.put(key, previous);
                }
            });
        });
    }

    /** Removes {@code key}, undone by restoring the removed mapping. */
    <K, V> V remove(java.util.Map<K, V> map, K key) {
        return write(() -> {
            V previous = map.remove(key);
            return new Undoable<>(previous, () -> {
                if (previous != null) {
                    map.put(key, previous);
                }
            });
        });
    }

    /** Appends to {@code list}, undone by removing the last element. */
    <E> void append(java.util.List<E> list, E element) {
        write(() -> {
            list.add(element);
            return new Undoable<Void>(null, () -> list.remove(list.size() - 1));
        });
    }

    /** A write's result and how to undo it. */
    record Undoable<T>(T result, Runnable undo) {
    }

    /** Runs a read under the lock unless already inside a transaction on this thread. */
    <T> T read(Supplier<T> read) {
        if (undoLog.get() != null) {
            return read.get();
        }
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the current thread is inside a transaction. */
    boolean active() {
        return undoLog.get() != null;
    }
}
