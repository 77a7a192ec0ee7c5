-- how often a measure's source is expected to report; null: only the period's end matters (NO_DATA)
alter table measure add column expected_every_seconds bigint;
