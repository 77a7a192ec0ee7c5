-- Evaluations, alert transitions and actuals take their ids 50 at a time (Hibernate's pooled sequence generator)
-- instead of one per insert: an identity id makes Hibernate insert each row the moment it is persisted, and the
-- closing job, which judges thousands of periods a round, and the consumer of a poll of actuals then paid a round trip
-- per row.
--
-- A sequence of their own, since Hibernate's schema validation does not see an identity column's. A number drawn is
-- the top of a block (the block is the 50 ids up to it), so the first is set 50 above the highest id in use. The
-- column keeps a default: a row inserted by SQL draws a number too, which is never inside a block a replica holds.
ALTER TABLE evaluation ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE evaluation_ids INCREMENT BY 50 OWNED BY evaluation.id;
SELECT setval('evaluation_ids', coalesce(max(id), 0) + 50, false) FROM evaluation;
ALTER TABLE evaluation ALTER COLUMN id SET DEFAULT nextval('evaluation_ids');

ALTER TABLE alert_transition ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE alert_transition_ids INCREMENT BY 50 OWNED BY alert_transition.id;
SELECT setval('alert_transition_ids', coalesce(max(id), 0) + 50, false) FROM alert_transition;
ALTER TABLE alert_transition ALTER COLUMN id SET DEFAULT nextval('alert_transition_ids');

ALTER TABLE actual ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE actual_ids INCREMENT BY 50 OWNED BY actual.id;
SELECT setval('actual_ids', coalesce(max(id), 0) + 50, false) FROM actual;
ALTER TABLE actual ALTER COLUMN id SET DEFAULT nextval('actual_ids');
