-- A replay is a new delivery of the same message (the same webhook-id), so one message may now have several
-- deliveries to a subscriber; at most one of them may be pending, so that a message is never in two attempt
-- series at once.
ALTER TABLE webhook_delivery DROP CONSTRAINT webhook_delivery_subscription_id_message_id_key;
ALTER TABLE webhook_delivery ADD COLUMN replay_of UUID REFERENCES webhook_delivery (id);
CREATE UNIQUE INDEX webhook_delivery_one_pending ON webhook_delivery (subscription_id, message_id)
    WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription_id, created_at);
