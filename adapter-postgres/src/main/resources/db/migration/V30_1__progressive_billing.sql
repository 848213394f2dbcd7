-- Progressive billing (issue 19): usage thresholds per plan or per subscription, and threshold invoices.
-- An invoice's kind: PERIOD_END (at most one per subscription and period, as before) or THRESHOLD (issued
-- mid-period when accrued usage crossed a threshold; any number per period, each with an id derived from
-- (subscription, period start, its sequence in the period), so the primary key refuses a second insert).
-- Every invoice takes its number from the same gapless series (invoice_number_sequences).
ALTER TABLE invoices
    ADD COLUMN kind text NOT NULL DEFAULT 'PERIOD_END' CHECK (kind IN ('PERIOD_END', 'THRESHOLD'));
ALTER TABLE invoices DROP CONSTRAINT invoices_subscription_period_key;
CREATE UNIQUE INDEX invoices_subscription_period_end_key
    ON invoices (subscription_id, period_start) WHERE kind = 'PERIOD_END';
CREATE INDEX invoices_threshold_period_idx
    ON invoices (subscription_id, period_start, seq) WHERE kind = 'THRESHOLD';

-- What a period's earlier threshold invoices billed for a meter, deducted (negative): kind THRESHOLD_BILLED,
-- its meter in the meter column.
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check
    CHECK (kind IN ('BASE_FEE', 'USAGE', 'PRORATION', 'CREDIT_APPLIED', 'ADJUSTMENT', 'DISCOUNT', 'THRESHOLD_BILLED'));

-- Thresholds: one-off amounts (ascending) and an optional recurring step, in the plan's currency. A
-- subscription's own win over its plan's.
CREATE TABLE usage_thresholds_plan (
    plan_code       text      PRIMARY KEY,
    currency        text      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amounts         numeric[] NOT NULL,
    recurring_every numeric   CHECK (recurring_every > 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(amounts) > 0 OR recurring_every IS NOT NULL)
);

CREATE TABLE usage_thresholds_subscription (
    subscription_id text      PRIMARY KEY REFERENCES subscriptions (id) ON DELETE CASCADE,
    customer_id     text      NOT NULL,
    currency        text      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    amounts         numeric[] NOT NULL,
    recurring_every numeric   CHECK (recurring_every > 0),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (cardinality(amounts) > 0 OR recurring_every IS NOT NULL)
);
CREATE INDEX usage_thresholds_subscription_customer_idx ON usage_thresholds_subscription (customer_id);
ALTER TABLE usage_thresholds_subscription ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_thresholds_subscription FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_thresholds_subscription USING (billkit_row_visible(customer_id));
