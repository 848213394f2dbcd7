-- Dunning (issue 19): the retries of an invoice whose payment failed, and the UNPAID subscription status.

-- UNPAID: dunning's final action MARK_UNPAID. A live status (still invoiced; HARD-limited usage refused), so the
-- "one live subscription per customer" index and the period-close queue include it.
ALTER TABLE subscriptions DROP CONSTRAINT subscriptions_status_check;
ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_status_check
    CHECK (status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID', 'CANCELLED', 'EXPIRED'));
DROP INDEX subscriptions_one_live_per_customer;
CREATE UNIQUE INDEX subscriptions_one_live_per_customer
    ON subscriptions (customer_id) WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID');
DROP INDEX subscriptions_live_period_end_idx;
CREATE INDEX subscriptions_live_period_end_idx
    ON subscriptions (period_end_at) WHERE status IN ('TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID');

-- One case per invoice. retry_days and final_action are the plan's schedule when the case started.
-- next_retry_at is set exactly while RETRYING (the retry job's queue: dunning_cases_due_idx holds only those rows).
CREATE TABLE dunning_cases (
    invoice_id      text        PRIMARY KEY,
    subscription_id text        NOT NULL,
    customer_id     text        NOT NULL,
    retry_days      integer[]   NOT NULL,
    final_action    text        NOT NULL CHECK (final_action IN ('CANCEL', 'MARK_UNPAID')),
    started_at      timestamptz NOT NULL,
    retries_made    integer     NOT NULL CHECK (retries_made >= 0),
    next_retry_at   timestamptz,
    status          text        NOT NULL CHECK (status IN ('RETRYING', 'RECOVERED', 'EXHAUSTED', 'STOPPED')),
    ended_at        timestamptz,
    version         bigint      NOT NULL CHECK (version >= 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK ((status = 'RETRYING') = (next_retry_at IS NOT NULL)),
    CHECK ((status = 'RETRYING') = (ended_at IS NULL))
);
CREATE INDEX dunning_cases_due_idx ON dunning_cases (next_retry_at, invoice_id) WHERE status = 'RETRYING';
CREATE INDEX dunning_cases_customer_idx ON dunning_cases (customer_id, started_at DESC);
CREATE INDEX dunning_cases_unresolved_idx ON dunning_cases (subscription_id) WHERE status IN ('RETRYING', 'EXHAUSTED');

-- Each retry once per (invoice, number): a replayed attempt records nothing.
CREATE TABLE dunning_attempts (
    invoice_id   text        NOT NULL REFERENCES dunning_cases (invoice_id),
    number       integer     NOT NULL CHECK (number >= 1),
    customer_id  text        NOT NULL,
    attempted_at timestamptz NOT NULL,
    outcome      text        NOT NULL CHECK (outcome IN ('SUCCEEDED', 'FAILED')),
    detail       text        NOT NULL,
    PRIMARY KEY (invoice_id, number)
);

ALTER TABLE dunning_cases ENABLE ROW LEVEL SECURITY;
ALTER TABLE dunning_cases FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON dunning_cases USING (billkit_row_visible(customer_id));
ALTER TABLE dunning_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE dunning_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON dunning_attempts USING (billkit_row_visible(customer_id));
