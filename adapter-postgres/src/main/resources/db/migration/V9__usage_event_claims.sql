-- Event-id claims for USAGE_STORE=clickhouse: PostgreSQL keeps the deduplication truth (one row per customer
-- and event id, written in the same transaction as the quota counters) and a copy of each claimed event until
-- the event log (ClickHouse) has acknowledged it (shipped_at set): an outbox. See EventLogUsageStore.
CREATE TABLE usage_event_claims (
    customer_id     text           NOT NULL,
    event_id        text           NOT NULL,
    meter           text           NOT NULL,
    meter_name      text           NOT NULL,
    meter_unit      text           NOT NULL,
    aggregation     text           NOT NULL CHECK (aggregation IN ('COUNT', 'SUM', 'MAX', 'UNIQUE_COUNT', 'LATEST')),
    unique_property text           NOT NULL DEFAULT '',
    quantity        numeric(30,12) NOT NULL CHECK (quantity >= 0),
    occurred_at     timestamptz    NOT NULL,
    day             date           NOT NULL,
    properties      jsonb          NOT NULL DEFAULT '{}'::jsonb,
    -- the claiming transaction: its own unit of work ships these rows, a read in it must not ship them early
    claimed_tx      xid8           NOT NULL DEFAULT pg_current_xact_id(),
    claimed_at      timestamptz    NOT NULL DEFAULT now(),
    shipped_at      timestamptz,
    PRIMARY KEY (customer_id, event_id)
);
CREATE INDEX usage_event_claims_unshipped_by_customer_idx ON usage_event_claims (customer_id, claimed_at)
    WHERE shipped_at IS NULL;
CREATE INDEX usage_event_claims_unshipped_idx ON usage_event_claims (claimed_at) WHERE shipped_at IS NULL;

ALTER TABLE usage_event_claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_event_claims FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_event_claims USING (billkit_row_visible(customer_id));
