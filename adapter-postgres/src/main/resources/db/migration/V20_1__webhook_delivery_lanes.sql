-- Outbound webhooks are delivered per endpoint in enqueue order (one lane per endpoint, see
-- DeliverWebhooksService): seq is that order. Existing rows get numbers in table order.
ALTER TABLE webhook_deliveries ADD COLUMN seq bigserial NOT NULL;
-- The head of each endpoint's queue: its oldest PENDING delivery.
CREATE INDEX webhook_deliveries_endpoint_pending_idx ON webhook_deliveries (endpoint_id, seq) WHERE status = 'PENDING';
-- The delivery log is pruned by age (WEBHOOK_DELIVERY_LOG_RETENTION).
CREATE INDEX webhook_delivery_attempts_attempted_at_idx ON webhook_delivery_attempts (attempted_at);
