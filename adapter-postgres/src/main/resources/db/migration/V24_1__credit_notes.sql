-- BillKit system of record, version 24.1: credit notes and the customers' money balances (issue 19).
--
-- credit_notes: one row per note, numbered in their own gapless per-year series (credit_note_number_sequences,
-- taken like invoice numbers: an upsert RETURNING last_value, rolled back with the transaction). A provider refund
-- gives at most one note (unique provider_refund). credit_note_lines: the credited invoice lines, net of tax.
-- customer_balances: money (not credits) per customer and currency, never below zero (CHECK), credited by notes
-- settled to the balance and applied to the amount due of later invoices; customer_balance_entries records each
-- movement (+ credit note, - invoice). Money amounts are plain numeric, like the invoices'. Every table that holds
-- a customer's rows has row-level security on customer_id (billkit_row_visible, see V1).
CREATE TABLE credit_note_number_sequences (
    year       integer PRIMARY KEY CHECK (year BETWEEN 1000 AND 9999),
    last_value bigint  NOT NULL CHECK (last_value >= 0)
);

CREATE TABLE credit_notes (
    id              text        PRIMARY KEY,
    number_year     integer     NOT NULL CHECK (number_year BETWEEN 1000 AND 9999),
    number_sequence bigint      NOT NULL CHECK (number_sequence >= 1),
    invoice_id      text        NOT NULL REFERENCES invoices (id),
    invoice_number  text        NOT NULL,
    customer_id     text        NOT NULL,
    currency        text        NOT NULL,
    reason          text        NOT NULL
        CHECK (reason IN ('DUPLICATE', 'FRAUDULENT', 'ORDER_CHANGE', 'PRODUCT_UNSATISFACTORY', 'OTHER')),
    memo            text        NOT NULL CHECK (length(memo) <= 500),
    settlement      text        NOT NULL CHECK (settlement IN ('REFUND', 'CUSTOMER_BALANCE')),
    origin          text        NOT NULL CHECK (origin IN ('BILLKIT', 'PROVIDER')),
    subtotal        numeric     NOT NULL CHECK (subtotal > 0),
    tax             numeric     NOT NULL CHECK (tax >= 0),
    total           numeric     NOT NULL CHECK (total = subtotal + tax),
    tax_rate        numeric     NOT NULL,
    issued_at       timestamptz NOT NULL,
    refund_state    text        NOT NULL CHECK (refund_state IN ('NOT_REFUNDED', 'PENDING', 'SUCCEEDED', 'FAILED')),
    provider_refund text        UNIQUE,
    UNIQUE (number_year, number_sequence)
);
CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id, number_year, number_sequence);
CREATE INDEX credit_notes_customer ON credit_notes (customer_id, issued_at DESC);

CREATE TABLE credit_note_lines (
    credit_note_id text    NOT NULL REFERENCES credit_notes (id) ON DELETE CASCADE,
    position       integer NOT NULL CHECK (position >= 0),
    customer_id    text    NOT NULL,
    invoice_line   integer NOT NULL CHECK (invoice_line >= 0),
    description    text    NOT NULL,
    amount         numeric NOT NULL CHECK (amount > 0),
    PRIMARY KEY (credit_note_id, position)
);

CREATE TABLE customer_balances (
    customer_id text    NOT NULL,
    currency    text    NOT NULL,
    amount      numeric NOT NULL CHECK (amount >= 0),
    PRIMARY KEY (customer_id, currency)
);

CREATE TABLE customer_balance_entries (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id text        NOT NULL,
    currency    text        NOT NULL,
    amount      numeric     NOT NULL CHECK (amount <> 0),
    reference   text        NOT NULL,
    at          timestamptz NOT NULL
);
CREATE INDEX customer_balance_entries_customer ON customer_balance_entries (customer_id, id DESC);
CREATE INDEX customer_balance_entries_applied ON customer_balance_entries (reference) WHERE amount < 0;

ALTER TABLE credit_notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_notes FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON credit_notes USING (billkit_row_visible(customer_id));
ALTER TABLE credit_note_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE credit_note_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON credit_note_lines USING (billkit_row_visible(customer_id));
ALTER TABLE customer_balances ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_balances FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON customer_balances USING (billkit_row_visible(customer_id));
ALTER TABLE customer_balance_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE customer_balance_entries FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON customer_balance_entries USING (billkit_row_visible(customer_id));
