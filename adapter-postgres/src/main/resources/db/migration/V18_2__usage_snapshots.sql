-- Daily usage snapshots: per customer and finished local day, the day's quantity per meter and what it added to
-- the bill; rewritten by the scheduler while the day is within its look-back (late events), one row per day.

CREATE TABLE usage_snapshots (
    customer_id  text           NOT NULL,
    day          date           NOT NULL,
    quantities   jsonb          NOT NULL,
    cost         numeric(30,12) NOT NULL,
    currency     text           NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    taken_at     timestamptz    NOT NULL,
    PRIMARY KEY (customer_id, day)
);

ALTER TABLE usage_snapshots ENABLE ROW LEVEL SECURITY;
ALTER TABLE usage_snapshots FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON usage_snapshots USING (billkit_row_visible(customer_id));
