-- Coupons and discounts (issue 19).
-- A coupon is the seller's (no customer, no row-level security): a percentage or an amount off, for one period,
-- N periods or forever, optionally limited to plans and meters, with an optional redemption limit counted in
-- times_redeemed (a conditional UPDATE claims one: exact under concurrency) and an optional redeem-by instant.
CREATE TABLE coupons (
    code             text           PRIMARY KEY CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,63}$'),
    name             text           NOT NULL CHECK (name <> '' AND length(name) <= 100),
    percent_off      numeric(7,4)   CHECK (percent_off > 0 AND percent_off <= 100),
    amount_off       numeric(30,12) CHECK (amount_off > 0),
    currency         text           CHECK (currency ~ '^[A-Z]{3}$'),
    duration         text           NOT NULL CHECK (duration IN ('ONCE', 'REPEATING', 'FOREVER')),
    duration_periods integer        NOT NULL CHECK (duration_periods BETWEEN 0 AND 120),
    plans            text[]         NOT NULL DEFAULT '{}',
    meters           text[]         NOT NULL DEFAULT '{}',
    max_redemptions  integer        CHECK (max_redemptions >= 1),
    times_redeemed   integer        NOT NULL DEFAULT 0 CHECK (times_redeemed >= 0),
    redeem_by        timestamptz,
    created_at       timestamptz    NOT NULL,
    CONSTRAINT coupons_one_discount CHECK ((percent_off IS NULL) <> (amount_off IS NULL)),
    CONSTRAINT coupons_amount_has_currency CHECK ((amount_off IS NULL) = (currency IS NULL)),
    CONSTRAINT coupons_within_limit CHECK (max_redemptions IS NULL OR times_redeemed <= max_redemptions)
);
CREATE INDEX coupons_created_idx ON coupons (created_at, code);

-- A coupon redeemed for a customer's subscription; periods_applied counts the period invoices it applied to.
CREATE TABLE coupon_redemptions (
    id               text        PRIMARY KEY,
    coupon_code      text        NOT NULL REFERENCES coupons (code),
    customer_id      text        NOT NULL,
    subscription_id  text        NOT NULL,
    redeemed_at      timestamptz NOT NULL,
    periods_applied  integer     NOT NULL DEFAULT 0 CHECK (periods_applied >= 0),
    removed_at       timestamptz
);
CREATE INDEX coupon_redemptions_subscription_idx
    ON coupon_redemptions (customer_id, subscription_id, redeemed_at, id);

ALTER TABLE coupon_redemptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE coupon_redemptions FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON coupon_redemptions USING (billkit_row_visible(customer_id));

-- Discount lines: kind DISCOUNT with the coupon's code and what it was taken off (NULL for other kinds).
ALTER TABLE invoice_lines DROP CONSTRAINT invoice_lines_kind_check;
ALTER TABLE invoice_lines ADD CONSTRAINT invoice_lines_kind_check
    CHECK (kind IN ('BASE_FEE', 'USAGE', 'PRORATION', 'CREDIT_APPLIED', 'ADJUSTMENT', 'DISCOUNT'));
ALTER TABLE invoice_lines
    ADD COLUMN coupon_code text,
    ADD COLUMN applies_to  text;
ALTER TABLE pending_charges DROP CONSTRAINT pending_charges_kind_check;
ALTER TABLE pending_charges ADD CONSTRAINT pending_charges_kind_check
    CHECK (kind IN ('BASE_FEE', 'USAGE', 'PRORATION', 'CREDIT_APPLIED', 'ADJUSTMENT', 'DISCOUNT'));
ALTER TABLE pending_charges
    ADD COLUMN coupon_code text,
    ADD COLUMN applies_to  text;
