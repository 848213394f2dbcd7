-- Dunning's final cancel is due work (issue 19): after the last failed retry with final action CANCEL the case is
-- CANCELLING, its cancel due at next_retry_at (a lease while in flight), and EXHAUSTED once the subscription is
-- cancelled; a cancel that failed (the provider was down) is claimed again from dunning_cases_due_idx.
ALTER TABLE dunning_cases DROP CONSTRAINT dunning_cases_status_check;
ALTER TABLE dunning_cases ADD CONSTRAINT dunning_cases_status_check
    CHECK (status IN ('RETRYING', 'CANCELLING', 'RECOVERED', 'EXHAUSTED', 'STOPPED'));
ALTER TABLE dunning_cases DROP CONSTRAINT dunning_cases_check;
ALTER TABLE dunning_cases DROP CONSTRAINT dunning_cases_check1;
ALTER TABLE dunning_cases ADD CONSTRAINT dunning_cases_next_retry_while_open
    CHECK ((status IN ('RETRYING', 'CANCELLING')) = (next_retry_at IS NOT NULL));
ALTER TABLE dunning_cases ADD CONSTRAINT dunning_cases_ended_once_closed
    CHECK ((status IN ('RETRYING', 'CANCELLING')) = (ended_at IS NULL));
DROP INDEX dunning_cases_due_idx;
CREATE INDEX dunning_cases_due_idx ON dunning_cases (next_retry_at, invoice_id) WHERE status IN ('RETRYING', 'CANCELLING');
DROP INDEX dunning_cases_unresolved_idx;
CREATE INDEX dunning_cases_unresolved_idx ON dunning_cases (subscription_id)
    WHERE status IN ('RETRYING', 'CANCELLING', 'EXHAUSTED');
