-- Silences and maintenance windows: label matchers (JSON), a start, an end or "until resolved", or a weekly/monthly
-- schedule in a time zone (JSON); ended_at is set once when it ends (expired, endsAt passed, every muted alert resolved).
CREATE TABLE silence (
    id             UUID         PRIMARY KEY,
    matchers       TEXT         NOT NULL,
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at        TIMESTAMP WITH TIME ZONE,
    until_resolved BOOLEAN      NOT NULL,
    schedule       TEXT,
    comment        VARCHAR(1000) NOT NULL,
    created_by     VARCHAR(200) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at       TIMESTAMP WITH TIME ZONE,
    ended_by       VARCHAR(200)
);
CREATE INDEX silence_in_force ON silence (starts_at) WHERE ended_at IS NULL;

-- Which alerts a silence muted: an "until resolved" silence ends once all of them resolved.
CREATE TABLE silence_muted_alert (
    silence_id UUID NOT NULL REFERENCES silence (id),
    alert_id   UUID NOT NULL REFERENCES alert (id),
    PRIMARY KEY (silence_id, alert_id)
);
CREATE INDEX silence_muted_alert_by_alert ON silence_muted_alert (alert_id);

-- The silences muting the alert now (comma-separated ids), and whether its firing still waits to be notified.
ALTER TABLE alert ADD COLUMN silenced_by TEXT NOT NULL DEFAULT '';
ALTER TABLE alert ADD COLUMN notification_pending BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE alert ADD COLUMN pending_message_id VARCHAR(100);
CREATE INDEX alert_muted_open ON alert (id) WHERE state <> 'RESOLVED' AND (silenced_by <> '' OR notification_pending);

-- The subscriptions told of the alert's current firing: its resolve goes to each of them, silenced or not.
CREATE TABLE alert_notified_subscription (
    alert_id        UUID NOT NULL REFERENCES alert (id),
    subscription_id UUID NOT NULL,
    PRIMARY KEY (alert_id, subscription_id)
);

-- alerts firing before this version were notified to the subscriptions their firing was delivered to
INSERT INTO alert_notified_subscription (alert_id, subscription_id)
SELECT DISTINCT CAST(CAST(d.payload AS jsonb) -> 'data' ->> 'alertId' AS UUID), d.subscription_id
FROM webhook_delivery d
JOIN alert a ON CAST(a.id AS TEXT) = CAST(d.payload AS jsonb) -> 'data' ->> 'alertId'
WHERE d.event_type = 'topline.alert.fired' AND d.replay_of IS NULL AND a.state <> 'RESOLVED'
ON CONFLICT DO NOTHING;
