package io.topline.metrics.measurement;

import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.ingest.IngestConfig;
import io.topline.metrics.period.Period;
import io.topline.metrics.period.PeriodCalendar;
import io.topline.chassis.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a measurement against every ingestion rule, collecting all violations instead of stopping at the first. */
@ApplicationScoped
public class MeasurementRules {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_KEY = 64;
    private static final int MAX_SOURCE = 200;
    private static final int MAX_ID = 200;

    private final MeasureCatalog catalog;
    private final PeriodCalendar calendar;
    private final IngestConfig config;

    public MeasurementRules(MeasureCatalog catalog, PeriodCalendar calendar, IngestConfig config) {
        this.catalog = catalog;
        this.calendar = calendar;
        this.config = config;
    }

    /**
     * Checks {@code request}; adds each violation with its field prefixed by {@code prefix} (such as {@code items[3].}).
     *
     * @return the valid measurement, or empty when anything was wrong
     */
    public Optional<ValidMeasurement> check(int index, RecordMeasurementRequest request, String prefix, Instant now,
                                            List<Problem.Violation> violations) {
        int before = violations.size();
        if (request == null) {
            violations.add(new Problem.Violation(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "must be a measurement object"));
            return Optional.empty();
        }
        checkId(request.id(), prefix, violations);
        MeasureInfo measure = activeMeasure(request.measure(), prefix, violations);
        BigDecimal value = roundedValue(request.value(), prefix, violations);
        Instant occurredAt = request.period() == null ? occurredAt(request.occurredAt(), now, prefix, violations)
                : periodStart(request, measure, now, prefix, violations);
        checkSource(request.source(), prefix, violations);
        if (violations.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new ValidMeasurement(index, request.id(), measure, value, occurredAt, request.source(),
                calendar.periodOf(measure.cadence(), occurredAt)));
    }

    private static void checkId(String id, String prefix, List<Problem.Violation> violations) {
        if (id != null && (id.isBlank() || id.length() > MAX_ID)) {
            violations.add(new Problem.Violation(prefix + "id", "must be 1 to " + MAX_ID + " characters when given"));
        }
    }

    private static void checkSource(String source, String prefix, List<Problem.Violation> violations) {
        if (source == null || source.isBlank()) {
            violations.add(new Problem.Violation(prefix + "source", "is required"));
        } else if (source.length() > MAX_SOURCE) {
            violations.add(new Problem.Violation(prefix + "source", "must be at most " + MAX_SOURCE + " characters"));
        }
    }

    /** The active measure {@code key} names, or null after adding why it names none. */
    private MeasureInfo activeMeasure(String key, String prefix, List<Problem.Violation> violations) {
        if (key == null || key.isBlank()) {
            violations.add(new Problem.Violation(prefix + "measure", "is required"));
            return null;
        }
        if (key.length() > MAX_KEY || !SLUG.matcher(key).matches()) {
            violations.add(new Problem.Violation(prefix + "measure", "must be a measure key (lower-case slug)"));
            return null;
        }
        MeasureInfo measure = catalog.find(key).orElse(null);
        if (measure == null) {
            violations.add(new Problem.Violation(prefix + "measure", "unknown measure '" + key + "'"));
            return null;
        }
        if (measure.archived()) {
            violations.add(new Problem.Violation(prefix + "measure",
                    "measure '" + key + "' is archived and takes no new measurements"));
            return null;
        }
        return measure;
    }

    /** The value rounded to the stored scale; a missing or too large one adds a violation. */
    BigDecimal roundedValue(BigDecimal value, String prefix, List<Problem.Violation> violations) {
        if (value == null) {
            violations.add(new Problem.Violation(prefix + "value", "is required"));
        } else if (value.abs().compareTo(config.maxAbsValue()) > 0) {
            violations.add(new Problem.Violation(prefix + "value",
                    "must lie within ±" + config.maxAbsValue().toPlainString()));
        } else if (value.scale() > config.maxScale()) {
            return value.setScale(config.maxScale(), RoundingMode.HALF_EVEN);
        }
        return value;
    }

    /**
     * The first instant of the period an EOS-style entry names, when it is a period of the measure's cadence that has
     * begun and lies within the horizon; else null.
     */
    private Instant periodStart(RecordMeasurementRequest request, MeasureInfo measure, Instant now, String prefix,
                                List<Problem.Violation> violations) {
        if (request.occurredAt() != null) {
            violations.add(new Problem.Violation(prefix + "period", "give either occurredAt or period, not both"));
            return null;
        }
        if (measure == null) {
            return null; // the measure's violation says why its periods cannot be known
        }
        Optional<Period> period = calendar.parse(measure.cadence(), request.period());
        if (period.isEmpty()) {
            violations.add(new Problem.Violation(prefix + "period", "must be a " + measure.cadence().name()
                    .toLowerCase() + " period label, such as " + calendar.periodOf(measure.cadence(), now).label()));
            return null;
        }
        if (period.get().start().isAfter(now)) {
            violations.add(new Problem.Violation(prefix + "period", "has not begun yet"));
            return null;
        }
        if (period.get().end().isBefore(now.minus(config.horizon()))) {
            violations.add(new Problem.Violation(prefix + "period",
                    "is older than the horizon of " + config.horizon().toDays() + " days"));
            return null;
        }
        return period.get().start();
    }

    /** The instant {@code text} names, when it lies within the horizon and the allowed skew; else null. */
    private Instant occurredAt(String text, Instant now, String prefix, List<Problem.Violation> violations) {
        if (text == null || text.isBlank()) {
            violations.add(new Problem.Violation(prefix + "occurredAt", "is required"));
            return null;
        }
        Instant occurredAt;
        try {
            // PostgreSQL keeps microseconds: truncate here so a retry compares equal to what was stored
            occurredAt = OffsetInstants.parse(text).truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            violations.add(new Problem.Violation(prefix + "occurredAt",
                    "must be an ISO-8601 instant with an offset, such as 2026-11-20T10:00:00Z"));
            return null;
        }
        if (occurredAt.isAfter(now.plus(config.futureSkew()))) {
            violations.add(new Problem.Violation(prefix + "occurredAt",
                    "lies more than " + config.futureSkew() + " in the future"));
            return null;
        }
        if (occurredAt.isBefore(now.minus(config.horizon()))) {
            violations.add(new Problem.Violation(prefix + "occurredAt",
                    "is older than the horizon of " + config.horizon().toDays() + " days"));
            return null;
        }
        return occurredAt;
    }
}
