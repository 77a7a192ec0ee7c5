-- The scorecard is read far more often than what it shows changes (a dashboard polls it; a week's numbers change a
-- few times a day), so each replica keeps the last one it built and must know, exactly, when any replica's write may
-- have changed it. Every transaction that writes a table the scorecard reads takes a shared advisory lock, held until
-- it ends, and then draws a number from this sequence. A reader reads the last number drawn and then looks for that
-- lock in pg_locks: a transaction that drew a number before the read still holds it, so when no one does, every
-- number drawn so far belongs to a transaction that has ended, and if the number has not moved since a scorecard was
-- built, nothing it shows has changed. Readers take no lock (none can be left behind, none waits for another);
-- writers never wait for each other (the lock is shared, the sequence is not transactional). A reader's own write in
-- flight counts as one too.
CREATE SEQUENCE scorecard_change;

CREATE FUNCTION scorecard_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- once a transaction: the setting is local to it
    IF coalesce(current_setting('topline.scorecard_changed', true), '') = '' THEN
        PERFORM pg_advisory_xact_lock_shared(hashtext('topline'), hashtext('scorecard'));
        PERFORM nextval('scorecard_change');
        PERFORM set_config('topline.scorecard_changed', 'yes', true);
    END IF;
    RETURN NULL;
END
$$;

-- The stamp of the committed scorecard data, or NULL while a transaction that writes it is in flight; 0 before the
-- first write (a new sequence's last_value is its start, before any number was drawn).
CREATE FUNCTION scorecard_stamp() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    stamp bigint;
BEGIN
    stamp := coalesce(pg_sequence_last_value('scorecard_change'), 0);
    IF EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2
               AND classid = hashtext('topline')::oid AND objid = hashtext('scorecard')::oid) THEN
        RETURN NULL;
    END IF;
    RETURN stamp;
END
$$;

CREATE TRIGGER catalog_driver_changes_scorecard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_driver
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_changed();
CREATE TRIGGER catalog_measure_changes_scorecard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_measure
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_changed();
CREATE TRIGGER catalog_target_changes_scorecard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON catalog_target
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_changed();
CREATE TRIGGER actual_changes_scorecard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON actual
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_changed();
CREATE TRIGGER evaluation_changes_scorecard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evaluation
    FOR EACH STATEMENT EXECUTE FUNCTION scorecard_changed();
