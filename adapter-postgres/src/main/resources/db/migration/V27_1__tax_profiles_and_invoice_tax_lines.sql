-- Issue 19 (tax): where a customer is taxed and the currency it is billed in; an invoice's tax as one
-- line per rate with its base (calculated tax), whether its prices include tax and its legal notes.
ALTER TABLE customers
    ADD COLUMN tax_country text CHECK (tax_country ~ '^[A-Z]{2}$'),
    ADD COLUMN tax_region  text CHECK (tax_region ~ '^[A-Z0-9-]{1,10}$'),
    ADD COLUMN tax_exempt  boolean NOT NULL DEFAULT false,
    ADD COLUMN currency    text CHECK (currency ~ '^[A-Z]{3}$');

-- tax_fixed false: the invoice's tax is its flat tax_rate on its lines (recomputed); true: the rows of
-- invoice_tax_lines are the tax a calculator computed for the lines.
ALTER TABLE invoices
    ADD COLUMN tax_inclusive boolean NOT NULL DEFAULT false,
    ADD COLUMN tax_fixed     boolean NOT NULL DEFAULT false,
    ADD COLUMN tax_notes     text    NOT NULL DEFAULT '';

CREATE TABLE invoice_tax_lines (
    invoice_id  text    NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
    line_no     integer NOT NULL CHECK (line_no >= 1),
    customer_id text    NOT NULL,                -- copied from the invoice, for row-level security
    description text    NOT NULL,
    rate        numeric NOT NULL CHECK (rate >= 0 AND rate < 1),
    taxable     numeric NOT NULL,
    amount      numeric NOT NULL CHECK (amount >= 0),
    treatment   text    NOT NULL CHECK (treatment IN ('STANDARD', 'REVERSE_CHARGE', 'EXEMPT')),
    PRIMARY KEY (invoice_id, line_no)
);
CREATE INDEX invoice_tax_lines_customer_idx ON invoice_tax_lines (customer_id);

ALTER TABLE invoice_tax_lines ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_tax_lines FORCE ROW LEVEL SECURITY;
CREATE POLICY customer_rows ON invoice_tax_lines USING (billkit_row_visible(customer_id));
