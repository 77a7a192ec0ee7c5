package io.topline.drivers.target;

import io.topline.drivers.measure.Cadence;
import io.topline.drivers.measure.Measure;
import io.topline.drivers.measure.MeasureRepository;
import io.topline.drivers.measure.MeasureService;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.problem.ProblemException;
import io.topline.drivers.web.Revisions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.LocalDate;

/** Adds target versions to measures and answers which version is in effect for a period. */
@ApplicationScoped
public class TargetService {

    private final MeasureRepository measures;
    private final MeasureService measureService;
    private final FiscalCalendar calendar;
    private final Clock clock;

    public TargetService(MeasureRepository measures, MeasureService measureService, FiscalCalendar calendar,
                         Clock clock) {
        this.measures = measures;
        this.measureService = measureService;
        this.calendar = calendar;
        this.clock = clock;
    }

    /**
     * Adds the next version; If-Match is optional here because a version never changes what exists, but a stale
     * one is still refused.
     */
    @Transactional
    public Added add(String measureKey, CreateTargetRequest request, String ifMatch) {
        Measure measure = measures.lockByKey(measureKey)
                .orElseThrow(() -> ProblemException.notFound("Measure", measureKey));
        Revisions.check(ifMatch, measure.revision(), false);
        Period period = parse(calendar, request.effectiveFrom(), measure.cadence(), "effectiveFrom");
        Target target = measure.addTarget(period, request.successLevel(), request.failureLevel(), request.severity(),
                request.note(), measureService.now());
        measureService.publish(measure);
        return new Added(measure, target);
    }

    @Transactional
    public Measure schedule(String measureKey) {
        return measures.findByKey(measureKey).orElseThrow(() -> ProblemException.notFound("Measure", measureKey));
    }

    /** The version in effect for {@code period} ({@code current} means the period of today in the organisation). */
    @Transactional
    public Added inEffect(String measureKey, String period) {
        Measure measure = schedule(measureKey);
        Period wanted = "current".equals(period)
                ? Period.containing(calendar, measure.cadence(), LocalDate.now(clock.withZone(calendar.zone())))
                : parse(calendar, period, measure.cadence(), "period");
        Target target = TargetSchedule.inEffect(measure.targets(), wanted)
                .orElseThrow(() -> new ProblemException(404, "no-target", "Not found", "Measure '" + measureKey
                        + "' has no target in effect for " + wanted + "; its first target starts later or none is set",
                        null));
        return new Added(measure, target);
    }

    @Transactional
    public Added version(String measureKey, int version) {
        Measure measure = schedule(measureKey);
        return measure.targets().stream().filter(t -> t.version() == version).findFirst()
                .map(t -> new Added(measure, t))
                .orElseThrow(() -> ProblemException.notFound("Target version", measureKey + "/" + version));
    }

    /** Reads a period of {@code calendar} of {@code cadence}; anything else is 422 naming {@code field}. */
    public static Period parse(FiscalCalendar calendar, String text, Cadence cadence, String field) {
        Period period = Period.parse(calendar, text).orElseThrow(() -> ProblemException.unprocessable(field, "'" + text
                + "' is not a period; a " + cadence.name().toLowerCase() + " measure uses periods like "
                + Period.example(cadence)));
        if (period.cadence() != cadence) {
            throw ProblemException.unprocessable(field, "'" + text + "' is a " + period.cadence().name().toLowerCase()
                    + " period, but the measure is " + cadence.name().toLowerCase() + "; use a period like "
                    + Period.example(cadence));
        }
        return period;
    }

    /** A target version with the measure it belongs to. */
    public record Added(Measure measure, Target target) {
    }
}
