-- Client Idempotency-Key of state-changing HTTP requests (Stripe's model), per caller: the request's
-- fingerprint, and once it has answered, the answer replayed to retries for 24 h. status IS NULL while the
-- first request runs; its claim stops blocking the key at locked_until (a process that died mid-request).
CREATE TABLE http_idempotency_keys (
    caller        text        NOT NULL,
    key           text        NOT NULL,
    request_hash  text        NOT NULL,
    status        integer     CHECK (status BETWEEN 100 AND 599),
    content_type  text,
    body          bytea,
    locked_until  timestamptz NOT NULL,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX http_idempotency_keys_expires_at_idx ON http_idempotency_keys (expires_at);
