-- Token buckets of the HTTP rate limits, shared by every replica on this database (Bucket4j's PostgreSQL
-- backend, select-for-update flavour: one row per limit and caller, its state serialized by Bucket4j).
-- The table and column names are Bucket4j's contract, configured in PostgresAdapter.rateLimitBuckets().
CREATE TABLE rate_limit_buckets (
    id         text   PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
