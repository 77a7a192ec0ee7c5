-- Actual events replace the waiting events of their measure-period (Outbox.appendLatest), found by record key.
CREATE INDEX outbox_event_record_key ON outbox_event (record_key);
