-- a receiver's inhibition policy: a downstream firing whose likely cause this receiver was told of and that still
-- fires is held, and released (if it still fires) once the cause no longer does
ALTER TABLE subscription ADD COLUMN hold_downstream BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE alert_held_notification (
    alert_id        UUID         NOT NULL,
    subscription_id UUID         NOT NULL,
    cause_alert_id  UUID         NOT NULL,
    message_id      VARCHAR(200) NOT NULL,
    held_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (alert_id, subscription_id)
);
CREATE INDEX alert_held_notification_cause ON alert_held_notification (cause_alert_id);
