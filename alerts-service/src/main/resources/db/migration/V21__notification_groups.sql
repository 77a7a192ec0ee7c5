-- Grouping: a receiver with a group wait gets its notifications queued here instead of one delivery each; when the
-- oldest of a group (same subscription, same group key) has waited long enough, the group becomes one delivery.
ALTER TABLE subscription ADD COLUMN group_wait_seconds BIGINT;
ALTER TABLE subscription ADD COLUMN group_by VARCHAR(100);

CREATE TABLE pending_notification (
    id              UUID         PRIMARY KEY,
    subscription_id UUID         NOT NULL REFERENCES subscription (id),
    group_key       VARCHAR(400) NOT NULL,
    message_id      VARCHAR(200) NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    payload         TEXT         NOT NULL,
    queued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pending_notification_group ON pending_notification (subscription_id, group_key, queued_at);
CREATE INDEX pending_notification_due ON pending_notification (due_at);

-- Digests: a receiver may get a scheduled summary (a cron expression in the organisation time zone), and only that
ALTER TABLE subscription ADD COLUMN digest_schedule VARCHAR(100);
ALTER TABLE subscription ADD COLUMN digest_only BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE subscription ADD COLUMN last_digest_at TIMESTAMP WITH TIME ZONE;
