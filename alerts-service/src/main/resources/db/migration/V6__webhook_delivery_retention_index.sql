-- The retention job deletes finished webhook deliveries by when they finished; unfinished ones are not indexed.
SET LOCAL statement_timeout = 0;
CREATE INDEX webhook_delivery_completed ON webhook_delivery (completed_at) WHERE completed_at IS NOT NULL;
