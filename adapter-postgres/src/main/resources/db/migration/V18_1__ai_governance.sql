-- AI cost governance: per customer budgets and model policy, and reservations of admitted AI requests.
-- The governance row is also the lock that serialises one customer's checks and settlements (FOR UPDATE).

CREATE TABLE ai_governance (
    customer_id     text           PRIMARY KEY,
    daily_budget    numeric(30,12) CHECK (daily_budget IS NULL OR daily_budget > 0),
    monthly_budget  numeric(30,12) CHECK (monthly_budget IS NULL OR monthly_budget > 0),
    currency        text           CHECK (currency IS NULL OR currency ~ '^[A-Z]{3}$'),
    allowed_models  text[]         NOT NULL DEFAULT '{}',
    fallback_model  text,
    updated_at      timestamptz    NOT NULL,
    CHECK ((daily_budget IS NULL AND monthly_budget IS NULL) = (currency IS NULL))
);

CREATE TABLE ai_reservations (
    id              text           PRIMARY KEY,
    customer_id     text           NOT NULL,
    model           text           NOT NULL CHECK (model <> ''),
    tokens          numeric(30,12) NOT NULL CHECK (tokens >= 0),
    created_at      timestamptz    NOT NULL,
    expires_at      timestamptz    NOT NULL CHECK (expires_at > created_at),
    settled_at      timestamptz,
    actual_tokens   numeric(30,12) CHECK (actual_tokens IS NULL OR actual_tokens >= 0),
    CHECK ((settled_at IS NULL) = (actual_tokens IS NULL))
);

-- Open reservations of a customer by creation time (what a budget check sums).
CREATE INDEX ai_reservations_open ON ai_reservations (customer_id, created_at) WHERE settled_at IS NULL;

ALTER TABLE ai_governance ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_governance FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON ai_governance USING (billkit_row_visible(customer_id));

ALTER TABLE ai_reservations ENABLE ROW LEVEL SECURITY;
ALTER TABLE ai_reservations FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON ai_reservations USING (billkit_row_visible(customer_id));
