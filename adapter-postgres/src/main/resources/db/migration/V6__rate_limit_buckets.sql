-- Rate-limit buckets shared by every replica: Bucket4j's PostgreSQL backend (bucket4j_jdk17-postgresql,
-- select-for-update strategy) reads and writes this table; the schema is the one its documentation gives,
-- with a text key ("<limit name>:<caller key>"). One row per caller key and limit; state is Bucket4j's
-- serialised bucket.
CREATE TABLE rate_limit_buckets (
    id         TEXT   PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
