-- An actual keeps the aggregates it was published with, so its value follows the measure's current aggregation.
-- Rows from before this migration have none: they keep their published value until their next revision arrives.
ALTER TABLE actual ADD COLUMN sum  NUMERIC;
ALTER TABLE actual ADD COLUMN min  NUMERIC;
ALTER TABLE actual ADD COLUMN max  NUMERIC;
ALTER TABLE actual ADD COLUMN last NUMERIC;

-- A period first judged while the read model was being rebuilt: its alerts were raised (or not) long ago, so its
-- evaluations never move an alert.
ALTER TABLE evaluation ADD COLUMN rebuilt BOOLEAN NOT NULL DEFAULT FALSE;
