-- Invoices an accountant accepts (issue 18).
-- Customers keep a tax registration number (VAT id, GST number, JP qualified-invoice registration number),
-- printed on their invoices: the scheme and the number are set together or not at all.
ALTER TABLE customers
    ADD COLUMN tax_id_type text CHECK (tax_id_type IN ('VAT', 'GST', 'JP_REGISTRATION', 'OTHER')),
    ADD COLUMN tax_id      text,
    ADD CONSTRAINT customers_tax_id_set_together CHECK ((tax_id_type IS NULL) = (tax_id IS NULL));

-- Usage lines keep what they print: the meter's display name and unit, and the per-tier breakdown of a
-- tiered price (one line per tier, tab-separated: tier, first unit, up to or empty, units, unit price,
-- package size or empty, flat fee, exact amount), frozen with the line. NULL for other kinds of line.
ALTER TABLE invoice_lines
    ADD COLUMN meter_name     text,
    ADD COLUMN unit           text,
    ADD COLUMN tier_breakdown text;
ALTER TABLE pending_charges
    ADD COLUMN meter_name     text,
    ADD COLUMN unit           text,
    ADD COLUMN tier_breakdown text;
