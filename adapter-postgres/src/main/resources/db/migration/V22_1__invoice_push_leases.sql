-- Invoices waiting for their provider push are claimed (issue 11): FOR UPDATE SKIP LOCKED, then leased until
-- push_leased_until, because the push is a network call made outside the claiming transaction. Two replicas
-- never push the same invoice at once; a crashed pusher's invoices are claimable again when the lease ends.
-- The queue's partial index (invoices_awaiting_push_idx, V14) still holds only what waits.
ALTER TABLE invoices ADD COLUMN push_leased_until timestamptz;
