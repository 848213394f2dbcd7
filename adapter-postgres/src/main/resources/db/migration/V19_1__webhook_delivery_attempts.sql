-- The delivery log: one row per attempt to POST an outbound webhook (read per endpoint, newest first).
CREATE TABLE webhook_delivery_attempts (
    id             text        PRIMARY KEY,
    delivery_id    text        NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
    endpoint_id    text        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id       text        NOT NULL,
    event_type     text        NOT NULL,
    customer_id    text        NOT NULL,
    attempt        integer     NOT NULL CHECK (attempt >= 1),
    attempted_at   timestamptz NOT NULL,
    latency_millis bigint      NOT NULL CHECK (latency_millis >= 0),
    outcome        text        NOT NULL CHECK (outcome IN ('PENDING', 'DELIVERED', 'DEAD')),
    status_code    integer,
    error          text
);
CREATE INDEX webhook_delivery_attempts_endpoint_idx ON webhook_delivery_attempts (endpoint_id, attempted_at DESC, id DESC);
CREATE INDEX webhook_delivery_attempts_delivery_idx ON webhook_delivery_attempts (delivery_id);

ALTER TABLE webhook_delivery_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_delivery_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON webhook_delivery_attempts USING (billkit_row_visible(customer_id));
