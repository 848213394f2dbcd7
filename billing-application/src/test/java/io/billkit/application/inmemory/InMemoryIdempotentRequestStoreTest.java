package io.billkit.application.inmemory;

import io.billkit.application.contract.IdempotentRequestStoreContract;
import io.billkit.application.port.out.IdempotentRequestStore;

/** The in-memory store passes the same contract as the PostgreSQL one. */
class InMemoryIdempotentRequestStoreTest extends IdempotentRequestStoreContract {
    private final IdempotentRequestStore store = new InMemoryIdempotentRequestStore();

    @Override
    protected IdempotentRequestStore store() {
        return store;
    }
}
