-- what a corrected measurement said when it was posted: a late retry of that post is the same measurement
ALTER TABLE measurement ADD COLUMN original_value NUMERIC(38, 12);
