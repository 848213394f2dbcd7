-- BillKit system of record, version 1.
--
-- Conventions
--  * ids are text (BillKit's typed ids: cus_..., sub_..., inv_...); instants are timestamptz (UTC);
--    quantities are numeric(30,12); money amounts are numeric(30,12) plus a currency (ISO 4217).
--  * customer_id columns hold CustomerId values. There are no foreign keys to customers: usage and
--    audit rows may arrive before (or without) a customers row, as in embedded use.
--  * Customer-owned tables have row-level security (see the end of this file): the application role
--    billkit_app sees a row only when the transaction set billkit.customer_id to the row's customer,
--    or set billkit.scope to 'system'. Both are transaction-local settings (set_config(.., true)).
--  * Adding a table later: create it, and when it is customer-owned add ENABLE/FORCE ROW LEVEL SECURITY
--    and a policy USING (billkit_row_visible(customer_id)). Grants to billkit_app follow from the
--    default privileges set below.

-- Visible to the current transaction: rows of the customer in billkit.customer_id, or every row when
-- billkit.scope = 'system'. A plain SQL function, so the planner inlines it and indexes still apply.
CREATE FUNCTION billkit_row_visible(owner text) RETURNS boolean
    LANGUAGE sql STABLE
AS $$
    SELECT coalesce(current_setting('billkit.scope', true) = 'system', false)
        OR coalesce(owner = current_setting('billkit.customer_id', true), false)
$$;

-- Customers and links to the payment provider ----------------------------------------------------

CREATE TABLE customers (
    id                 text        PRIMARY KEY,
    name               text        NOT NULL CHECK (name <> ''),
    email              text        NOT NULL,
    time_zone          text        NOT NULL DEFAULT 'UTC',
    tax_rate           numeric     NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 1),
    payment_terms_days integer     NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
    address            text        NOT NULL DEFAULT '',
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_created_at_idx ON customers (created_at);

-- kind: customer | subscription | invoice | price | ...
CREATE TABLE provider_references (
    kind        text        NOT NULL,
    local_id    text        NOT NULL,
    provider_id text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, local_id),
    CONSTRAINT provider_references_provider_id_key UNIQUE (kind, provider_id)
);

-- Audit, idempotency, provider inbox, outbox -----------------------------------------------------

CREATE TABLE billing_audit (
    id          bigserial   PRIMARY KEY,
    created_at  timestamptz NOT NULL,
    actor       text        NOT NULL,
    action      text        NOT NULL,
    customer_id text,                                  -- NULL for system-wide actions
    data        jsonb       NOT NULL DEFAULT '{}'::jsonb,
    ip          text        NOT NULL DEFAULT '',       -- '' when unknown
    user_agent  text        NOT NULL DEFAULT ''
);
CREATE INDEX billing_audit_customer_idx ON billing_audit (customer_id, created_at DESC, id DESC);
CREATE INDEX billing_audit_created_at_idx ON billing_audit (created_at DESC, id DESC);

CREATE TABLE billing_idempotency (
    key          text        PRIMARY KEY,
    request_hash text        NOT NULL,
    result       text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL
);
CREATE INDEX billing_idempotency_expires_at_idx ON billing_idempotency (expires_at);

CREATE TABLE stripe_webhook_events (
    provider_event_id   text        PRIMARY KEY,
    type                text        NOT NULL,
    provider_created_at timestamptz NOT NULL,
    received_at         timestamptz NOT NULL,
    processed           boolean     NOT NULL DEFAULT false,
    processed_at        timestamptz
);
CREATE INDEX stripe_webhook_events_received_at_idx ON stripe_webhook_events (received_at);
CREATE INDEX stripe_webhook_events_unprocessed_idx ON stripe_webhook_events (received_at) WHERE NOT processed;

-- The transactional outbox. id is the event's id (a UUID string in production); seq orders events
-- appended at the same instant.
CREATE TABLE events (
    id           text        PRIMARY KEY,
    seq          bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    type         text        NOT NULL,
    aggregate    text        NOT NULL,
    customer_id  text        NOT NULL,
    payload      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL,
    published_at timestamptz
);
CREATE INDEX events_unpublished_idx ON events (created_at, seq) WHERE published_at IS NULL;
CREATE INDEX events_customer_idx ON events (customer_id, created_at);
CREATE INDEX events_type_idx ON events (type);

-- Quotas, API keys, alerts ------------------------------------------------------------------------

CREATE TABLE quota_counters (
    customer_id  text        NOT NULL,
    meter        text        NOT NULL,
    window_start timestamptz NOT NULL,
    used         numeric     NOT NULL CHECK (used >= 0),
    PRIMARY KEY (customer_id, meter, window_start)
);

CREATE TABLE api_keys (
    id          text        PRIMARY KEY,
    customer_id text,                                  -- NULL: a service key for every customer
    name        text        NOT NULL,
    key_hash    text        NOT NULL UNIQUE,           -- lowercase hex SHA-256 of the clear key
    created_at  timestamptz NOT NULL,
    revoked     boolean     NOT NULL DEFAULT false,
    revoked_at  timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_keys_customer_idx ON api_keys (customer_id);

-- One row per alert fired: a threshold fires once per customer, meter and window.
CREATE TABLE usage_alerts (
    customer_id       text          NOT NULL,
    meter             text          NOT NULL,
    window_start      timestamptz   NOT NULL,
    threshold_percent integer       NOT NULL CHECK (threshold_percent > 0),
    used              numeric(30,12) NOT NULL,
    included          numeric(30,12) NOT NULL,
    fired_at          timestamptz   NOT NULL,
    PRIMARY KEY (customer_id, meter, window_start, threshold_percent)
);
CREATE INDEX usage_alerts_fired_at_idx ON usage_alerts (customer_id, fired_at);

-- Usage --------------------------------------------------------------------------------------------

-- (customer_id, event_id) is the durable deduplication key, written with the event.
CREATE TABLE usage_events (
    customer_id text           NOT NULL,
    event_id    text           NOT NULL,
    meter       text           NOT NULL,
    quantity    numeric(30,12) NOT NULL CHECK (quantity >= 0),
    occurred_at timestamptz    NOT NULL,
    properties  jsonb          NOT NULL DEFAULT '{}'::jsonb,
    received_at timestamptz    NOT NULL,
    PRIMARY KEY (customer_id, event_id)
);
CREATE INDEX usage_events_customer_meter_occurred_idx ON usage_events (customer_id, meter, occurred_at);
CREATE INDEX usage_events_received_at_idx ON usage_events (received_at);

-- Per customer, meter and day (in the customer's time zone), kept in the transaction that writes the
-- events. value: the day's aggregate (sum, count or max per the meter); latest_at: newest event time.
CREATE TABLE usage_daily_rollups (
    customer_id text        NOT NULL,
    meter       text        NOT NULL,
    day         date        NOT NULL,
    value       numeric     NOT NULL,
    events      bigint      NOT NULL CHECK (events >= 0),
    latest_at   timestamptz NOT NULL,
    PRIMARY KEY (customer_id, meter, day)
);

-- Catalog --------------------------------------------------------------------------------------------

-- The catalog document as loaded (JSON), one row per distinct content.
CREATE TABLE catalog_snapshots (
    id         bigserial   PRIMARY KEY,
    checksum   text        NOT NULL UNIQUE,            -- SHA-256 of the document
    source     text        NOT NULL,                   -- file name or seed name
    document   jsonb       NOT NULL,
    loaded_at  timestamptz NOT NULL
);

CREATE TABLE plans (
    snapshot_id bigint         NOT NULL REFERENCES catalog_snapshots (id),
    code        text           NOT NULL,
    name        text           NOT NULL,
    currency    char(3)        NOT NULL,
    billing_interval text      NOT NULL CHECK (billing_interval IN ('MONTH', 'YEAR')),
    base_price  numeric(30,12) NOT NULL CHECK (base_price >= 0),
    definition  jsonb          NOT NULL,
    PRIMARY KEY (snapshot_id, code)
);
CREATE INDEX plans_code_idx ON plans (code);

-- Subscriptions and credits ---------------------------------------------------------------------------

CREATE TABLE subscriptions (
    id                   text        PRIMARY KEY,
    customer_id          text        NOT NULL,
    plan_code            text        NOT NULL,
    catalog_snapshot_id  bigint      REFERENCES catalog_snapshots (id),
    status               text        NOT NULL
        CHECK (status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELLED', 'EXPIRED')),
    currency             char(3)     NOT NULL,
    anchor_date          date        NOT NULL,         -- billing anchor in the customer's time zone
    current_period_start timestamptz NOT NULL,
    current_period_end   timestamptz NOT NULL,
    trial_end            timestamptz,
    cancel_at_period_end boolean     NOT NULL DEFAULT false,
    cancelled_at         timestamptz,
    pending_plan_code    text,                         -- downgrade applied at period end
    version              integer     NOT NULL DEFAULT 0, -- optimistic locking
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    CHECK (current_period_end > current_period_start)
);
CREATE INDEX subscriptions_customer_idx ON subscriptions (customer_id);
CREATE INDEX subscriptions_status_period_end_idx ON subscriptions (status, current_period_end);
CREATE INDEX subscriptions_created_at_idx ON subscriptions (created_at);

CREATE TABLE credit_grants (
    id          text           PRIMARY KEY,
    customer_id text           NOT NULL,
    kind        text           NOT NULL CHECK (kind IN ('PURCHASED', 'SUBSCRIPTION', 'PROMOTIONAL')),
    amount      numeric(30,12) NOT NULL CHECK (amount > 0),
    remaining   numeric(30,12) NOT NULL CHECK (remaining >= 0),
    priority    integer        NOT NULL DEFAULT 0,
    source      text           NOT NULL DEFAULT '',    -- product code, subscription id, campaign
    granted_at  timestamptz    NOT NULL,
    expires_at  timestamptz,                           -- NULL: never expires
    created_at  timestamptz    NOT NULL,
    CHECK (remaining <= amount),
    CHECK (expires_at IS NULL OR expires_at > granted_at)
);
CREATE INDEX credit_grants_customer_idx ON credit_grants (customer_id, granted_at);
CREATE INDEX credit_grants_open_idx ON credit_grants (customer_id, expires_at) WHERE remaining > 0;

-- The credit ledger: grants, debits, expiries, adjustments. amount > 0 adds, < 0 removes.
CREATE TABLE credit_transactions (
    id              bigserial      PRIMARY KEY,
    customer_id     text           NOT NULL,
    grant_id        text           REFERENCES credit_grants (id),
    kind            text           NOT NULL CHECK (kind IN ('GRANT', 'DEBIT', 'EXPIRY', 'ADJUSTMENT')),
    amount          numeric(30,12) NOT NULL,
    reason          text           NOT NULL DEFAULT '', -- credit event key, e.g. api_call_premium
    reference       text           NOT NULL DEFAULT '', -- request or event id
    occurred_at     timestamptz    NOT NULL,
    created_at      timestamptz    NOT NULL
);
CREATE INDEX credit_transactions_customer_idx ON credit_transactions (customer_id, occurred_at);
CREATE INDEX credit_transactions_grant_idx ON credit_transactions (grant_id);
CREATE INDEX credit_transactions_created_at_idx ON credit_transactions (created_at);

-- Invoices ----------------------------------------------------------------------------------------------

CREATE TABLE invoices (
    id              text           PRIMARY KEY,
    customer_id     text           NOT NULL,
    subscription_id text,
    number          text           UNIQUE,             -- assigned when finalized, e.g. INV-2026-000042
    status          text           NOT NULL
        CHECK (status IN ('DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE')),
    currency        char(3)        NOT NULL,
    period_start    timestamptz    NOT NULL,
    period_end      timestamptz    NOT NULL,
    tax_rate        numeric        NOT NULL DEFAULT 0 CHECK (tax_rate >= 0 AND tax_rate < 1),
    subtotal        numeric(30,12) NOT NULL DEFAULT 0,
    credits_applied numeric(30,12) NOT NULL DEFAULT 0 CHECK (credits_applied <= 0),
    tax             numeric(30,12) NOT NULL DEFAULT 0,
    total           numeric(30,12) NOT NULL DEFAULT 0,
    amount_due      numeric(30,12) NOT NULL DEFAULT 0,
    issued_at       timestamptz,
    due_date        date,
    paid_at         timestamptz,
    voided_at       timestamptz,
    version         integer        NOT NULL DEFAULT 0,
    created_at      timestamptz    NOT NULL,
    updated_at      timestamptz    NOT NULL,
    CONSTRAINT invoices_subscription_period_key UNIQUE (subscription_id, period_start),
    CHECK (period_end > period_start),
    CHECK (status = 'DRAFT' OR number IS NOT NULL)
);
CREATE INDEX invoices_customer_idx ON invoices (customer_id, period_start);
CREATE INDEX invoices_status_idx ON invoices (status);
CREATE INDEX invoices_created_at_idx ON invoices (created_at);

CREATE TABLE invoice_lines (
    invoice_id   text           NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    line_no      integer        NOT NULL CHECK (line_no >= 1),
    customer_id  text           NOT NULL,              -- copied from the invoice, for row-level security
    kind         text           NOT NULL
        CHECK (kind IN ('BASE_FEE', 'USAGE', 'OVERAGE', 'CREDIT_APPLIED', 'TAX', 'ADJUSTMENT')),
    description  text           NOT NULL,
    meter        text,
    quantity     numeric(30,12),
    unit_price   numeric(30,12),
    amount       numeric(30,12) NOT NULL,              -- rounded once to the currency's minor unit
    data         jsonb          NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (invoice_id, line_no)
);
CREATE INDEX invoice_lines_customer_idx ON invoice_lines (customer_id);

-- Gapless invoice numbers per year: UPDATE ... SET last_value = last_value + 1 RETURNING last_value.
CREATE TABLE invoice_number_sequences (
    year       integer PRIMARY KEY CHECK (year BETWEEN 2000 AND 9999),
    last_value bigint  NOT NULL DEFAULT 0 CHECK (last_value >= 0)
);

-- Reconciliation --------------------------------------------------------------------------------------

CREATE TABLE reconciliation_runs (
    id                  text           PRIMARY KEY,
    idempotency_key     text           UNIQUE,
    period_start        timestamptz    NOT NULL,
    period_end          timestamptz    NOT NULL,
    status              text           NOT NULL CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED')),
    currency            char(3),
    total_discrepancy   numeric(30,12),
    alerted             boolean        NOT NULL DEFAULT false,
    result              jsonb          NOT NULL DEFAULT '{}'::jsonb, -- per subscription and meter outcomes
    started_at          timestamptz    NOT NULL,
    finished_at         timestamptz,
    created_at          timestamptz    NOT NULL
);
CREATE INDEX reconciliation_runs_status_idx ON reconciliation_runs (status);
CREATE INDEX reconciliation_runs_created_at_idx ON reconciliation_runs (created_at);

-- Outbound webhooks --------------------------------------------------------------------------------------

CREATE TABLE webhook_endpoints (
    id          text        PRIMARY KEY,
    customer_id text,                                  -- NULL: receives every customer's events
    url         text        NOT NULL CHECK (url ~ '^https?://'),
    secret      text        NOT NULL,                  -- HMAC signing secret
    event_types text[]      NOT NULL DEFAULT '{}',     -- empty: every type
    active      boolean     NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_customer_idx ON webhook_endpoints (customer_id);

-- Claimed by workers with SELECT ... FOR UPDATE SKIP LOCKED on (status, next_attempt_at).
CREATE TABLE webhook_deliveries (
    id               text        PRIMARY KEY,
    endpoint_id      text        NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_id         text        NOT NULL,             -- events.id
    customer_id      text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'DEAD')),
    attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  timestamptz,
    last_status_code integer,
    last_error       text,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    CONSTRAINT webhook_deliveries_endpoint_event_key UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_customer_idx ON webhook_deliveries (customer_id, created_at);
CREATE INDEX webhook_deliveries_created_at_idx ON webhook_deliveries (created_at);

-- Row-level security on customer-owned tables ------------------------------------------------------------
-- FORCE makes the policies apply to the table owner too; superusers and BYPASSRLS roles still bypass
-- them, which is why the application runs as billkit_app.

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON customers USING (billkit_row_visible(id));

ALTER TABLE billing_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE billing_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON billing_audit USING (billkit_row_visible(customer_id));

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON events USING (billkit_row_visible(customer_id));

ALTER TABLE quota_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE quota_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON quota_counters USING (billkit_row_visible(customer_id));

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON api_keys USING (billkit_row_visible(customer_id));

ALTER TABLE usage_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_alerts USING (billkit_row_visible(customer_id));

ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_events FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_events USING (billkit_row_visible(customer_id));

ALTER TABLE usage_daily_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_daily_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_daily_rollups USING (billkit_row_visible(customer_id));

ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON subscriptions USING (billkit_row_visible(customer_id));

ALTER TABLE credit_grants ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_grants FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON credit_grants USING (billkit_row_visible(customer_id));

ALTER TABLE credit_transactions ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_transactions FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON credit_transactions USING (billkit_row_visible(customer_id));

ALTER TABLE invoices ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoices FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON invoices USING (billkit_row_visible(customer_id));

ALTER TABLE invoice_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON invoice_lines USING (billkit_row_visible(customer_id));

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON webhook_endpoints USING (billkit_row_visible(customer_id));

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON webhook_deliveries USING (billkit_row_visible(customer_id));

-- Privileges of the application role (created by PostgresDatabase before migrating) ------------------------

GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO billkit_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO billkit_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO billkit_app;
GRANT EXECUTE ON FUNCTION billkit_row_visible(text) TO billkit_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO billkit_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA ${flyway:defaultSchema} GRANT USAGE, SELECT ON SEQUENCES TO billkit_app;
-- The audit trail is append-only for the application; the migration history is not its business.
REVOKE UPDATE, DELETE ON billing_audit FROM billkit_app;
REVOKE ALL ON TABLE ${flyway:table} FROM billkit_app;
