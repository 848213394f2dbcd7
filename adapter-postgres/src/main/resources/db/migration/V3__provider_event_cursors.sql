-- BillKit system of record, version 3: provider event cursors.
--
-- Per provider object (kind: 'subscription', 'invoice', ...; object_id: the provider's id of it), the
-- creation time of the newest provider event applied to it, so an event delivered out of order never rolls
-- state back past a newer one (see PostgresProviderEventCursor: one INSERT ... ON CONFLICT DO UPDATE ...
-- WHERE decides). Provider objects name no BillKit customer, so the table has no row-level security (like
-- stripe_webhook_events); the application role gets its privileges from V1's default privileges.
CREATE TABLE provider_event_cursors (
    kind       text        NOT NULL,
    object_id  text        NOT NULL,
    created_at timestamptz NOT NULL,               -- the provider's creation time of the newest applied event
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, object_id)
);
