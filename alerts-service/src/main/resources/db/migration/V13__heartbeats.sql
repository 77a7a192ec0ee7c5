-- a measure's heartbeat (how often its source reports), since when this service has expected it (the baseline while
-- nothing arrived: on a rebuild it is the replay's time, so replay lag never looks like a silent source), and when
-- the latest actual arrived
ALTER TABLE catalog_measure ADD COLUMN expected_every_seconds BIGINT;
ALTER TABLE catalog_measure ADD COLUMN heartbeat_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE catalog_measure ADD COLUMN last_heard_at TIMESTAMP WITH TIME ZONE;
UPDATE catalog_measure m SET last_heard_at = (SELECT max(a.updated_at) FROM actual a WHERE a.measure_key = m.key);
-- the sweep's question: which heartbeat measures have no open STALE alert
CREATE INDEX alert_open_stale ON alert (measure_key) WHERE kind = 'STALE' AND state <> 'RESOLVED';
