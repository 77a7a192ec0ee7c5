package io.topline.alerts.digest;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.topline.chassis.problem.ProblemException;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A digest's schedule: a five-field Unix cron expression ({@code 0 8 * * MON} is Monday 08:00) read in the
 * organisation's time zone, so that "Monday 08:00" stays 08:00 across a daylight-saving change.
 */
public final class DigestSchedule {

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final int MAX_LENGTH = 100;

    private final ExecutionTime times;
    private final ZoneId zone;

    private DigestSchedule(Cron cron, ZoneId zone) {
        this.times = ExecutionTime.forCron(cron);
        this.zone = zone;
    }

    /**
     * The schedule {@code expression} names, or a 400 problem naming {@code field}.
     */
    public static DigestSchedule parse(String field, String expression, ZoneId zone) {
        if (expression == null || expression.isBlank() || expression.length() > MAX_LENGTH) {
            throw ProblemException.badRequest(field, "must be a cron expression of five fields such as '0 8 * * MON'");
        }
        try {
            Cron cron = PARSER.parse(expression.trim());
            cron.validate();
            DigestSchedule schedule = new DigestSchedule(cron, zone);
            // an expression that never falls due (30 February) is refused here, not found out by every sweep
            if (schedule.nextDueAfter(Instant.now()).isEmpty()) {
                throw ProblemException.badRequest(field, "never falls due: '" + expression + "'");
            }
            return schedule;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be a cron expression of five fields (minute hour "
                    + "day-of-month month day-of-week) such as '0 8 * * MON': " + e.getMessage());
        }
    }

    /** The latest time the digest was due at or before {@code now}; empty when the schedule never fell due yet. */
    public Optional<Instant> lastDueAt(Instant now) {
        ZonedDateTime at = now.atZone(zone);
        Optional<ZonedDateTime> previous = times.lastExecution(at);
        // lastExecution answers strictly before; a digest due this very minute is due now
        if (times.isMatch(at.withSecond(0).withNano(0))) {
            return Optional.of(at.withSecond(0).withNano(0).toInstant());
        }
        return previous.map(ZonedDateTime::toInstant);
    }

    /** The next time it falls due after {@code now}. */
    public Optional<Instant> nextDueAfter(Instant now) {
        return times.nextExecution(now.atZone(zone)).map(ZonedDateTime::toInstant);
    }
}
