-- The retention job deletes raw measurements by when they were received. Rows arrive in that order, so a BRIN index
-- (a few pages for millions of rows, almost free to keep up on the ingestion path, unlike a B-tree) finds the oldest.
-- Building it reads the whole table once: no statement timeout for this migration's transaction.
SET LOCAL statement_timeout = 0;
CREATE INDEX measurement_received_brin ON measurement USING brin (received_at);
