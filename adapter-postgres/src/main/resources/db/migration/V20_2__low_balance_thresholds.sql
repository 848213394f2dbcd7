-- Low credit balance thresholds (credits.balance_low) per plan and per customer; the customer's wins, then the
-- plan's, then the service default (1,000 credits).
CREATE TABLE low_balance_thresholds_customer (
    customer_id text    PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    threshold   numeric NOT NULL CHECK (threshold >= 0),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE low_balance_thresholds_customer ENABLE ROW LEVEL SECURITY;
ALTER TABLE low_balance_thresholds_customer FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON low_balance_thresholds_customer USING (billkit_row_visible(customer_id));

CREATE TABLE low_balance_thresholds_plan (
    plan_code  text    PRIMARY KEY,
    threshold  numeric NOT NULL CHECK (threshold >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
