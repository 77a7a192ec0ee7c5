-- The scorecard is read far more often than what it shows changes (a dashboard polls it; a week's numbers change a
-- few times a day), so each replica keeps the last one it built and must know, exactly, when any replica's write may
-- have changed it. Every transaction that writes a table the scorecard reads draws a number from this sequence at
-- its first write and holds a shared advisory lock until it ends; a reader that can take that lock exclusively for
-- an instant knows no such transaction is in flight, so every number drawn so far belongs to a committed (or rolled
-- back) transaction: if the number has not moved since a scorecard was built, nothing it shows has changed. Writers
-- never wait for each other (the lock is shared, the sequence is not transactional), and wait for a reader only for
-- the instant of its check.
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

-- The stamp of the committed scorecard data, or NULL while a transaction that writes it is in flight.
CREATE FUNCTION scorecard_stamp() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    stamp bigint;
BEGIN
    IF NOT pg_try_advisory_lock(hashtext('topline'), hashtext('scorecard')) THEN
        RETURN NULL;
    END IF;
    SELECT last_value INTO stamp FROM scorecard_change;
    PERFORM pg_advisory_unlock(hashtext('topline'), hashtext('scorecard'));
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
