-- A scorecard built from the one before it (ScorecardChanges) finds what was written since by the rows' xmin, the
-- id of the transaction that wrote each row version; a deleted row leaves no version behind to find. So every
-- transaction that deletes from or truncates a table the scorecard reads draws a number from scorecard_removal under a
-- shared advisory lock held until it ends, as V24 does for any write, and a build starts from an earlier one only
-- while that number is the one the earlier build read. Only deletes fire it (the consumers never delete actuals or
-- evaluations; a measure's target schedule is deleted and inserted again when it changes), so the hot paths pay
-- nothing. scorecard_removal_stamp() answers as scorecard_stamp() does: null while such a transaction is in flight.
CREATE SEQUENCE scorecard_removal;

CREATE FUNCTION scorecard_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- once a transaction: the setting is local to it
    IF coalesce(current_setting('topline.scorecard_removed', true), '') = '' THEN
        PERFORM pg_advisory_xact_lock_shared(hashtext('topline'), hashtext('scorecard-removal'));
        PERFORM nextval('scorecard_removal');
        PERFORM set_config('topline.scorecard_removed', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION scorecard_removal_stamp() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    stamp bigint;
BEGIN
    stamp := coalesce(pg_sequence_last_value('scorecard_removal'), 0);
    IF EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
               AND classid = hashtext('topline')::oid AND objid = hashtext('scorecard-removal')::oid) THEN
        RETURN NULL;
    END IF;
    RETURN stamp;
END
$$;

CREATE TRIGGER catalog_driver_removal_changes_scorecard AFTER DELETE OR TRUNCATE ON catalog_driver
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_removed();
CREATE TRIGGER catalog_measure_removal_changes_scorecard AFTER DELETE OR TRUNCATE ON catalog_measure
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_removed();
CREATE TRIGGER catalog_target_removal_changes_scorecard AFTER DELETE OR TRUNCATE ON catalog_target
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_removed();
CREATE TRIGGER actual_removal_changes_scorecard AFTER DELETE OR TRUNCATE ON actual
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_removed();
CREATE TRIGGER evaluation_removal_changes_scorecard AFTER DELETE OR TRUNCATE ON evaluation
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_removed();
