-- BillKit system of record, version 2: the tables of the usage, alert, subscription, credit, invoice,
-- pending charge, period close and reconciliation stores.
--
-- V1 created placeholders for most of them before their stores existed; no store wrote to them, so the
-- ones whose columns do not fit the domain are dropped and created again here (usage_alerts fits and is
-- kept). Quantities, credits, rates and money amounts are plain numeric (no typmod): PostgreSQL keeps
-- the scale a value was written with, so decimals read back as written (0.20 stays 0.20, 12 decimals
-- stay 12 decimals). Customer-owned tables get row-level security as in V1.

DROP TABLE usage_events;
DROP TABLE usage_daily_rollups;
DROP TABLE subscriptions;
DROP TABLE credit_transactions;
DROP TABLE credit_grants;
DROP TABLE invoice_lines;
DROP TABLE invoices;
DROP TABLE reconciliation_runs;

-- usage_alerts (V1) fits; its amounts keep their scale from now on.
ALTER TABLE usage_alerts ALTER COLUMN used TYPE numeric, ALTER COLUMN included TYPE numeric;

-- Usage ----------------------------------------------------------------------------------------------

-- (customer_id, event_id) is the durable deduplication key, written with the event. day: the event's
-- calendar day in the customer's time zone, computed by the caller (rollups and ranges read it).
CREATE TABLE usage_events (
    customer_id text        NOT NULL,
    event_id    text        NOT NULL,
    meter       text        NOT NULL,
    quantity    numeric     NOT NULL CHECK (quantity >= 0),
    occurred_at timestamptz NOT NULL,
    day         date        NOT NULL,
    properties  jsonb       NOT NULL DEFAULT '{}'::jsonb,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, event_id)
);
CREATE INDEX usage_events_customer_meter_day_idx ON usage_events (customer_id, meter, day);

-- Per customer, meter and local day, upserted in the transaction that inserts the events, for every
-- aggregation but UNIQUE_COUNT (distinct values cannot be added up across days). value: COUNT = number
-- of events, SUM = sum of quantities, MAX = largest quantity, LATEST = quantity of the event with the
-- greatest (occurred_at, event_id); latest_at/latest_event_id: that newest event.
CREATE TABLE usage_daily_rollups (
    customer_id     text        NOT NULL,
    meter           text        NOT NULL,
    day             date        NOT NULL,
    aggregation     text        NOT NULL CHECK (aggregation IN ('COUNT', 'SUM', 'MAX', 'LATEST')),
    value           numeric     NOT NULL CHECK (value >= 0),
    events          bigint      NOT NULL CHECK (events >= 1),
    latest_at       timestamptz NOT NULL,
    latest_event_id text        COLLATE "C" NOT NULL, -- byte order, as Java compares the ids
    PRIMARY KEY (customer_id, meter, day)
);

-- Usage for a billing period is accepted until the period is closed here (see PostgresPeriodCloseGuard:
-- advisory locks order usage writes against the close).
CREATE TABLE closed_periods (
    subscription_id text        NOT NULL,
    period_start    date        NOT NULL,
    closed_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (subscription_id, period_start)
);

-- Subscriptions -------------------------------------------------------------------------------------

-- The schedule is (anchor_date, billing_interval, time_zone); the current period is period_index of it.
-- period_start/period_end/period_end_at repeat that period for queries (period_end_at: its end instant).
CREATE TABLE subscriptions (
    id                   text        PRIMARY KEY,
    seq                  bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    customer_id          text        NOT NULL,
    plan_code            text        NOT NULL,
    status               text        NOT NULL
        CHECK (status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'CANCELLED', 'EXPIRED')),
    anchor_date          date        NOT NULL,
    billing_interval     text        NOT NULL CHECK (billing_interval IN ('MONTH', 'YEAR')),
    time_zone            text        NOT NULL,
    period_index         integer     NOT NULL CHECK (period_index >= 0),
    period_start         date        NOT NULL,
    period_end           date        NOT NULL,
    period_end_at        timestamptz NOT NULL,
    trial_end            timestamptz,
    cancel_at_period_end boolean     NOT NULL,
    pending_plan_code    text,
    cancelled_at         timestamptz,
    created_at           timestamptz NOT NULL,
    version              bigint      NOT NULL CHECK (version >= 0),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CHECK (period_end > period_start)
);
-- At most one live subscription per customer.
CREATE UNIQUE INDEX subscriptions_one_live_per_customer
    ON subscriptions (customer_id) WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE');
CREATE INDEX subscriptions_customer_idx ON subscriptions (customer_id, created_at DESC, seq DESC);
CREATE INDEX subscriptions_live_period_end_idx
    ON subscriptions (period_end_at) WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE');

-- Charges waiting for a subscription's next invoice. The line is stored like invoice_lines.
CREATE TABLE pending_charges (
    id                text        PRIMARY KEY,
    seq               bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    subscription_id   text        NOT NULL,
    customer_id       text        NOT NULL,            -- the subscription's customer, for row-level security
    kind              text        NOT NULL
        CHECK (kind IN ('BASE_FEE', 'USAGE', 'PRORATION', 'CREDIT_APPLIED', 'ADJUSTMENT')),
    description       text        NOT NULL,
    amount            numeric     NOT NULL,
    currency          text        NOT NULL,
    plan_code         text,
    meter             text,
    quantity          numeric,
    included_quantity numeric,
    billable_quantity numeric,
    price_description text,
    created_at        timestamptz NOT NULL
);
CREATE INDEX pending_charges_subscription_idx ON pending_charges (subscription_id, created_at, seq);

-- Credits -------------------------------------------------------------------------------------------

-- One row per customer ledger: locked (SELECT ... FOR UPDATE) by writers, version = number of
-- transactions the ledger produced (optimistic check on apply).
CREATE TABLE credit_ledgers (
    customer_id text        PRIMARY KEY,
    version     bigint      NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- position: the grant's place in the ledger (the order grants were added).
CREATE TABLE credit_grants (
    customer_id text        NOT NULL,
    id          text        NOT NULL,
    position    integer     NOT NULL CHECK (position >= 0),
    source      text        NOT NULL CHECK (source IN ('PURCHASED', 'SUBSCRIPTION', 'PROMOTIONAL')),
    amount      numeric     NOT NULL CHECK (amount > 0),
    remaining   numeric     NOT NULL CHECK (remaining >= 0),
    granted_at  timestamptz NOT NULL,
    expires_at  timestamptz,                           -- NULL: never expires
    priority    integer     NOT NULL,
    reference   text        NOT NULL DEFAULT '',
    PRIMARY KEY (customer_id, id),
    CHECK (remaining <= amount),
    CHECK (expires_at IS NULL OR expires_at > granted_at)
);
CREATE INDEX credit_grants_expiring_idx ON credit_grants (expires_at) WHERE remaining > 0 AND expires_at IS NOT NULL;

-- The append-only credit history. amount > 0 adds (GRANT, REVERSAL), < 0 removes (DEBIT, EXPIRY);
-- seq keeps the order they were written in.
CREATE TABLE credit_transactions (
    id          text        PRIMARY KEY,
    seq         bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    customer_id text        NOT NULL,
    type        text        NOT NULL CHECK (type IN ('GRANT', 'DEBIT', 'EXPIRY', 'REVERSAL')),
    amount      numeric     NOT NULL CHECK (amount <> 0),
    grant_id    text,
    reference   text        NOT NULL DEFAULT '',
    occurred_at timestamptz NOT NULL
);
CREATE INDEX credit_transactions_customer_idx ON credit_transactions (customer_id, seq DESC);
CREATE INDEX credit_transactions_reference_idx ON credit_transactions (customer_id, reference, seq);

-- Invoices ------------------------------------------------------------------------------------------

-- subtotal, credits, tax, total: the invoice's totals when written, for reports (the store reads the
-- lines back, not these).
CREATE TABLE invoices (
    id                   text        PRIMARY KEY,
    seq                  bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    customer_id          text        NOT NULL,
    subscription_id      text        NOT NULL,
    number               text        UNIQUE,           -- INV-2026-000042, set when finalized
    status               text        NOT NULL
        CHECK (status IN ('DRAFT', 'OPEN', 'PAID', 'VOID', 'UNCOLLECTIBLE')),
    currency             text        NOT NULL,
    period_start         date        NOT NULL,
    period_end           date        NOT NULL,         -- exclusive
    tax_rate             numeric     NOT NULL CHECK (tax_rate >= 0 AND tax_rate < 1),
    payment_terms_days   integer     NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
    finalized_at         timestamptz,
    due_date             date,
    paid_at              timestamptz,
    voided_at            timestamptz,
    uncollectible_at     timestamptz,
    subtotal             numeric     NOT NULL,
    credits              numeric     NOT NULL,
    tax                  numeric     NOT NULL,
    total                numeric     NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT invoices_subscription_period_key UNIQUE (subscription_id, period_start),
    CHECK (period_end > period_start),
    CHECK (status IN ('DRAFT', 'VOID') OR number IS NOT NULL)
);
CREATE INDEX invoices_customer_period_idx ON invoices (customer_id, period_start DESC);
CREATE INDEX invoices_drafts_idx ON invoices (created_at, seq) WHERE status = 'DRAFT';

-- One row per line; kind names the InvoiceLine record and decides which of the optional columns are set.
CREATE TABLE invoice_lines (
    invoice_id        text    NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    line_no           integer NOT NULL CHECK (line_no >= 1),
    customer_id       text    NOT NULL,                -- copied from the invoice, for row-level security
    kind              text    NOT NULL
        CHECK (kind IN ('BASE_FEE', 'USAGE', 'PRORATION', 'CREDIT_APPLIED', 'ADJUSTMENT')),
    description       text    NOT NULL,
    amount            numeric NOT NULL,                -- rounded to the currency's minor unit
    currency          text    NOT NULL,
    plan_code         text,                            -- BASE_FEE
    meter             text,                            -- USAGE
    quantity          numeric,                         -- USAGE
    included_quantity numeric,                         -- USAGE
    billable_quantity numeric,                         -- USAGE
    price_description text,                            -- USAGE
    PRIMARY KEY (invoice_id, line_no)
);
CREATE INDEX invoice_lines_customer_idx ON invoice_lines (customer_id);

-- InvoiceNumber allows the years 1000..9999.
ALTER TABLE invoice_number_sequences DROP CONSTRAINT invoice_number_sequences_year_check;
ALTER TABLE invoice_number_sequences ADD CONSTRAINT invoice_number_sequences_year_check
    CHECK (year BETWEEN 1000 AND 9999);

-- Reconciliation --------------------------------------------------------------------------------------

CREATE TABLE reconciliation_runs (
    id                     text        PRIMARY KEY,
    idempotency_key        text        NOT NULL,
    ran_at                 timestamptz NOT NULL,
    currency               text        NOT NULL,       -- of total_discrepancy
    total_discrepancy      numeric     NOT NULL,
    alert                  text        NOT NULL CHECK (alert IN ('NONE', 'THRESHOLD_EXCEEDED')),
    matched_count          integer     NOT NULL CHECK (matched_count >= 0),
    within_tolerance_count integer     NOT NULL CHECK (within_tolerance_count >= 0),
    mismatch_count         integer     NOT NULL CHECK (mismatch_count >= 0),
    created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reconciliation_runs_ran_at_idx ON reconciliation_runs (ran_at DESC, id);
CREATE INDEX reconciliation_runs_idempotency_key_idx ON reconciliation_runs (idempotency_key);

-- The findings of a run, in report order (position).
CREATE TABLE reconciliation_findings (
    run_id               text    NOT NULL REFERENCES reconciliation_runs (id) ON DELETE CASCADE,
    position             integer NOT NULL CHECK (position >= 0),
    subscription_id      text    NOT NULL,
    customer_id          text    NOT NULL,
    meter                text    NOT NULL,
    internal_quantity    numeric NOT NULL,
    provider_quantity    numeric NOT NULL,
    unit_discrepancy     numeric NOT NULL,
    relative_discrepancy numeric NOT NULL,
    money_discrepancy    numeric NOT NULL,
    money_currency       text    NOT NULL,
    outcome              text    NOT NULL CHECK (outcome IN ('MATCHED', 'WITHIN_TOLERANCE', 'MISMATCH')),
    PRIMARY KEY (run_id, position)
);
CREATE INDEX reconciliation_findings_customer_idx ON reconciliation_findings (customer_id);

-- Row-level security on the new customer-owned tables ------------------------------------------------------

ALTER TABLE usage_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_events FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_events USING (billkit_row_visible(customer_id));

ALTER TABLE usage_daily_rollups ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_daily_rollups FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_daily_rollups USING (billkit_row_visible(customer_id));

ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON subscriptions USING (billkit_row_visible(customer_id));

ALTER TABLE pending_charges ENABLE ROW LEVEL SECURITY;
ALTER TABLE pending_charges FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON pending_charges USING (billkit_row_visible(customer_id));

ALTER TABLE credit_ledgers ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_ledgers FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON credit_ledgers USING (billkit_row_visible(customer_id));

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

ALTER TABLE reconciliation_findings ENABLE ROW LEVEL SECURITY;
ALTER TABLE reconciliation_findings FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON reconciliation_findings USING (billkit_row_visible(customer_id));

-- New tables get the application role's privileges from V1's default privileges; sequences of identity
-- columns too. Nothing to grant here.
