-- Outbound webhook endpoints are disabled automatically after DeliverWebhooksService.DISABLE_AFTER_DEAD_DELIVERIES
-- consecutive deliveries given up (DEAD); an accepted delivery restarts the count.
ALTER TABLE webhook_endpoints
    ADD COLUMN consecutive_dead_deliveries integer NOT NULL DEFAULT 0 CHECK (consecutive_dead_deliveries >= 0);
