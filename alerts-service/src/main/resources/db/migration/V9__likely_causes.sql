-- The open red alerts upstream in the revenue flow as of the alert's latest transition (JSON array, nearest first).
ALTER TABLE alert ADD COLUMN likely_causes TEXT NOT NULL DEFAULT '[]';
