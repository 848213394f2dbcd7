-- Period close reads only due work (issue 11): each job's query has a partial index holding just its queue.

-- Open invoices still to be pushed to the payment provider: pushed_at is set when the provider invoice is
-- linked (or the invoice turns out to need no push). Invoices linked before this column existed are marked.
ALTER TABLE invoices ADD COLUMN pushed_at timestamptz;
UPDATE invoices i SET pushed_at = now()
 WHERE EXISTS (SELECT 1 FROM provider_references r WHERE r.kind = 'invoice' AND r.local_id = i.id);
CREATE INDEX invoices_awaiting_push_idx ON invoices (seq) WHERE status = 'OPEN' AND total > 0 AND pushed_at IS NULL;

-- Trials to convert when they end.
CREATE INDEX subscriptions_trial_end_idx ON subscriptions (trial_end, id) WHERE status = 'TRIALING';
