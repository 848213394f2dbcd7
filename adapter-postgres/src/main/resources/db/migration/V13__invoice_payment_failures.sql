-- BillKit system of record, version 13: failed payments per invoice, kept as state.
--
-- The provider-event handler counts an invoice's failed payments here (PostgresInvoicePaymentFailures: one
-- INSERT ... ON CONFLICT DO UPDATE ... RETURNING), instead of deriving the count by scanning the audit log.
-- failed_payments is the stored count plus one per failure, or Stripe's attempt_count when the event carries it
-- (whichever is larger). Keyed by BillKit's invoice id; like provider_event_cursors it is written by the webhook
-- path only, so it has no row-level security; the application role gets its privileges from V1's default privileges.
CREATE TABLE invoice_payment_failures (
    invoice_id      text        PRIMARY KEY,
    failed_payments integer     NOT NULL CHECK (failed_payments > 0),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
