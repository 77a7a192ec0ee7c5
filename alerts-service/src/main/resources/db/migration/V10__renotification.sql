-- A subscription may ask to be told again of a FIRING alert nobody acknowledged, every repeat interval.
ALTER TABLE subscription ADD COLUMN repeat_interval_seconds BIGINT;
-- When each subscription was last told of the alert's current firing, and how many repeats it has had.
ALTER TABLE alert_notified_subscription ADD COLUMN notified_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now();
ALTER TABLE alert_notified_subscription ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
