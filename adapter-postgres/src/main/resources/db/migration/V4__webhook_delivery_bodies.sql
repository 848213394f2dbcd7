-- Outbound webhook deliveries carry what they send: the event type (BillKit-Event-Type header) and the JSON
-- body, frozen when the outbox event is fanned out (the event itself may be pruned later).
ALTER TABLE webhook_deliveries
    ADD COLUMN event_type text NOT NULL DEFAULT '',
    ADD COLUMN body       text NOT NULL DEFAULT '';
