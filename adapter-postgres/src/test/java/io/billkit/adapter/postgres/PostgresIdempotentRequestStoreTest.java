package io.billkit.adapter.postgres;

import io.billkit.application.contract.IdempotentRequestStoreContract;
import io.billkit.application.port.out.IdempotentRequestStore;

/** The shared contract against {@code http_idempotency_keys} (keys are unique per test, no truncation needed). */
class PostgresIdempotentRequestStoreTest extends IdempotentRequestStoreContract {
    private final PostgresAdapter postgres = TestDatabase.adapter();

    @Override
    protected IdempotentRequestStore store() {
        return postgres.idempotentRequests();
    }
}
