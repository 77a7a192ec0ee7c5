package io.topline.alerts.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.alerts.evaluation.EvaluationService;
import io.topline.alerts.heartbeat.HeartbeatService;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.chassis.messaging.RejectedRecordException;
import io.topline.chassis.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Keeps the read model of definitions and actuals, idempotently by revision, and has what changed evaluated.
 *
 * <p>A replay of the topics from the beginning applies each entity's highest revision once and ignores the rest, so
 * the read model can be rebuilt at any time without new alerts.
 */
@ApplicationScoped
public class CatalogService {

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    private final CatalogDriverRepository drivers;
    private final CatalogMeasureRepository measures;
    private final ActualRepository actuals;
    private final EvaluationService evaluations;
    private final HeartbeatService heartbeats;
    private final Outbox outbox;
    private final FiscalCalendar calendar;
    private final Clock clock;

    public CatalogService(CatalogDriverRepository drivers, CatalogMeasureRepository measures, ActualRepository actuals,
                          EvaluationService evaluations, HeartbeatService heartbeats, Outbox outbox,
                          FiscalCalendar calendar, Clock clock) {
        this.drivers = drivers;
        this.measures = measures;
        this.actuals = actuals;
        this.evaluations = evaluations;
        this.heartbeats = heartbeats;
        this.outbox = outbox;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** Applies a {@code topline.driver.*} or {@code topline.measure.*} CloudEvent. */
    @Transactional
    public void onDefinition(JsonNode event) {
        String type = event.path("type").asText();
        JsonNode data = event.path("data");
        switch (type) {
            case "topline.driver.defined", "topline.driver.archived" -> onDriver(data);
            case "topline.measure.defined", "topline.measure.archived" -> onMeasure(data);
            default -> LOG.debugf("Ignoring definitions event of type %s", type);
        }
    }

    /** Applies a {@code topline.actual.updated} CloudEvent and evaluates its period. */
    @Transactional
    public void onActual(JsonNode event) {
        applyActual(event);
    }

    /**
     * Applies a poll's worth of {@code topline.actual.updated} CloudEvents in one transaction: all of them, or none
     * when one fails. The poll's measures are locked together in key order, so two replicas' transactions cannot
     * deadlock each other; the stored actuals, evaluations, alerts and waiting conditions are read with one query per
     * table, and the actuals, evaluations and alert events written with one statement each a round. A
     * measure-period with several events in the poll has them applied in rounds, the first of each in the first
     * round and so on, so that each is judged in turn exactly as one by one (a final judgement, then its revision);
     * metrics-service's outbox keeps one waiting event per measure-period, so most polls are one round.
     */
    // A poll of a realistic ingestion holds hundreds of actual events. Applied one at a time, each cost half a dozen
    // round trips (lock, actual, evaluation, alerts, conditions, STALE alerts), 1.3-2.5 ms an event, and the consumer
    // fell 45,000 records behind a 30 s burst of 6,000 measurements a second.
    @Transactional
    public void onActuals(List<JsonNode> events) {
        // by measure, then period; each measure-period's events in the order of the poll
        Map<String, List<ActualEvent>> byPeriod = new TreeMap<>();
        for (JsonNode event : events) {
            ActualEvent actual = read(event);
            if (actual != null) {
                byPeriod.computeIfAbsent(periodKey(actual.measure(), actual.period()), k -> new ArrayList<>(1))
                        .add(actual);
            }
        }
        outbox.batched(() -> {
            // the poll's measures locked and its stored actuals read once for every round: a later round of the
            // same measure-period finds the actual an earlier one created or changed in the map, as the same object
            List<ActualEvent> all = byPeriod.values().stream().flatMap(List::stream).toList();
            Map<String, CatalogMeasure> locked = new HashMap<>();
            measures.lockAll(all.stream().map(ActualEvent::measure).distinct().toList())
                    .forEach(measure -> locked.put(measure.key(), measure));
            Map<String, Actual> stored = storedActuals(all);
            for (int round = 0; ; round++) {
                List<ActualEvent> turn = new ArrayList<>();
                for (List<ActualEvent> periodEvents : byPeriod.values()) {
                    if (periodEvents.size() > round) {
                        turn.add(periodEvents.get(round));
                    }
                }
                if (turn.isEmpty()) {
                    return;
                }
                applyActuals(turn, locked, stored);
            }
        });
    }

    /** The stored actuals of the events' measure-periods, by {@link #periodKey}; detached, written by statement. */
    private Map<String, Actual> storedActuals(List<ActualEvent> events) {
        Set<String> keys = new HashSet<>();
        Set<String> periods = new HashSet<>();
        events.forEach(event -> {
            keys.add(event.measure());
            periods.add(event.period());
        });
        Map<String, Actual> stored = new HashMap<>();
        actuals.ofPeriodsToWrite(keys, periods)
                .forEach(actual -> stored.put(periodKey(actual.measureKey(), actual.period()), actual));
        return stored;
    }

    private static String periodKey(String measure, String period) {
        return measure + "\n" + period;
    }

    private void applyActual(JsonNode event) {
        ActualEvent read = read(event);
        if (read == null) {
            return;
        }
        // the measure's lock serialises this with evaluations of the same measure
        CatalogMeasure measure = measures.lock(read.measure()).orElse(null);
        Actual stored = actuals.findFor(read.measure(), read.period()).orElse(null);
        long countBefore = stored == null ? 0 : stored.count();
        Actual actual = apply(read, measure, stored);
        if (actual != null && stored == null) {
            actuals.persist(actual);
        }
        if (actual == null || measure == null) {
            return;
        }
        if (heard(read, measure, actual, countBefore)) {
            heartbeats.heard(measure, read.updatedAt());
        }
        evaluations.evaluateApplied(measure, actual);
    }

    /**
     * A round of {@link #onActuals}: the events, at most one per measure-period, in measure order, with the poll's
     * locked measures and its stored actuals (which a new actual joins).
     */
    private void applyActuals(List<ActualEvent> events, Map<String, CatalogMeasure> locked,
                              Map<String, Actual> stored) {
        Map<CatalogMeasure, Instant> heard = new LinkedHashMap<>();
        List<EvaluationService.AppliedActual> applied = new ArrayList<>();
        List<Actual> changed = new ArrayList<>();
        for (ActualEvent event : events) {
            CatalogMeasure measure = locked.get(event.measure());
            Actual before = stored.get(periodKey(event.measure(), event.period()));
            long countBefore = before == null ? 0 : before.count();
            Actual actual = apply(event, measure, before);
            if (actual != null) {
                stored.put(periodKey(event.measure(), event.period()), actual);
                changed.add(actual);
            }
            if (actual != null && measure != null) {
                if (heard(event, measure, actual, countBefore)) {
                    // the first record heard resolves the STALE alerts, as one by one (the later find none open)
                    heard.putIfAbsent(measure, event.updatedAt());
                }
                applied.add(new EvaluationService.AppliedActual(measure, actual));
            }
        }
        // written before anything below reads them; the rest of the poll works on the objects in hand
        actuals.write(changed);
        heartbeats.heard(heard);
        evaluations.evaluateApplied(applied);
    }

    /**
     * Applies the event to the stored actual (null: none yet, and a new one is made, which the caller persists or
     * writes); returns the actual if the event changed it.
     */
    private static Actual apply(ActualEvent event, CatalogMeasure measure, Actual stored) {
        Actual actual = stored != null ? stored
                : new Actual(event.measure(), event.period(), event.cadence(), event.periodStart());
        if (!actual.apply(event.revision(), event.aggregates(), measure == null ? null : measure.aggregation(),
                event.updatedAt())) {
            return null;
        }
        return actual;
    }

    /** Whether an applied event means that the source reported: more measurements (a correction republishes too). */
    private static boolean heard(ActualEvent event, CatalogMeasure measure, Actual actual, long countBefore) {
        return actual.count() > countBefore && measure.heard(event.updatedAt());
    }

    /** The data of a {@code topline.actual.updated} event as its contract says; null for another type. */
    private ActualEvent read(JsonNode event) {
        if (!"topline.actual.updated".equals(event.path("type").asText())) {
            return null;
        }
        JsonNode data = event.path("data");
        String period = data.path("period").asText();
        Cadence cadence = contractField("cadence", () -> Cadence.valueOf(data.path("cadence").asText()));
        contractField("period", () -> Period.parse(calendar, cadence, period));
        return new ActualEvent(data.path("measure").asText(), period, cadence,
                contractField("periodStart", () -> Instant.parse(data.path("periodStart").asText())),
                contractField("updatedAt", () -> Instant.parse(data.path("updatedAt").asText())),
                data.path("revision").asLong(), aggregates(data));
    }

    /** One actual event's fields. */
    private record ActualEvent(String measure, String period, Cadence cadence, Instant periodStart, Instant updatedAt,
                               long revision, Aggregates aggregates) {
    }

    /**
     * A field of an actual event read as its contract says; one that is not is a rule the record breaks, which no
     * retry can mend, so it goes straight to the dead-letter topic.
     */
    private static <T> T contractField(String name, Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            throw new RejectedRecordException("topline.actual.updated has an invalid " + name + ": " + e.getMessage(),
                    e);
        }
    }

    /** The aggregates of an actual event; an event without them (older producers) carries only its value. */
    private static Aggregates aggregates(JsonNode data) {
        return new Aggregates(decimal(data.path("value")), data.path("count").asLong(), optionalDecimal(data.path("sum")),
                optionalDecimal(data.path("min")), optionalDecimal(data.path("max")), optionalDecimal(data.path("last")));
    }

    private void onDriver(JsonNode data) {
        String key = data.path("key").asText();
        CatalogDriver driver = drivers.findById(key);
        boolean created = driver == null;
        if (created) {
            driver = new CatalogDriver(key);
        }
        List<String> feedsInto = new ArrayList<>();
        data.path("feedsInto").forEach(node -> feedsInto.add(node.asText()));
        boolean applied = driver.apply(data.path("revision").asLong(), data.path("name").asText(),
                data.path("function").asText(), data.path("owner").asText(), text(data.path("description")),
                feedsInto, data.path("archived").asBoolean(), Instant.parse(data.path("updatedAt").asText()));
        if (created && applied) {
            drivers.persist(driver);
        }
    }

    private void onMeasure(JsonNode data) {
        String key = data.path("key").asText();
        CatalogMeasure measure = measures.lock(key).orElse(null);
        boolean created = measure == null;
        if (created) {
            measure = new CatalogMeasure(key);
        }
        String aggregationBefore = measure.aggregation();
        Cadence cadence = Cadence.valueOf(data.path("cadence").asText());
        List<TargetVersion> targets = targetVersions(key, cadence, data.path("targets"));
        boolean applied = measure.apply(data.path("revision").asLong(), data.path("driverKey").asText(),
                data.path("name").asText(), data.path("unit").asText(), text(data.path("currency")),
                data.path("aggregation").asText(), data.path("direction").asText(), cadence,
                data.path("owner").asText(), text(data.path("description")), data.path("archived").asBoolean(),
                targets, Instant.parse(data.path("updatedAt").asText()));
        if (!applied) {
            return;
        }
        measure.expectReportsEvery(duration(data.path("expectedEvery")), clock.instant());
        if (created) {
            // actuals that arrived before their measure count as heard
            for (Actual actual : actuals.ofMeasure(key)) {
                measure.heard(actual.updatedAt());
            }
            measures.persist(measure);
            measures.flush();
        }
        String aggregation = measure.aggregation();
        if (!created && !aggregation.equals(aggregationBefore)) {
            // history is judged again below with the values the new aggregation gives
            actuals.ofMeasure(key).forEach(actual -> actual.reaggregate(aggregation));
        }
        evaluations.reevaluateAll(measure);
    }

    /** The measure's target versions; one whose effective period is of another cadence cannot be judged. */
    private List<TargetVersion> targetVersions(String measureKey, Cadence cadence, JsonNode versions) {
        List<TargetVersion> targets = new ArrayList<>();
        for (JsonNode target : versions) {
            if (!Period.isValid(calendar, cadence, target.path("effectiveFrom").asText())) {
                LOG.warnf("Measure %s has a target version %d with an effective period of another cadence: ignored",
                        measureKey, target.path("version").asInt());
                continue;
            }
            targets.add(new TargetVersion(target.path("version").asInt(), target.path("effectiveFrom").asText(),
                    decimal(target.path("successLevel")), decimal(target.path("failureLevel")),
                    target.path("severity").asText(), text(target.path("note")),
                    Instant.parse(target.path("createdAt").asText())));
        }
        return targets;
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText());
    }

    private static BigDecimal optionalDecimal(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : decimal(node);
    }

    private static Duration duration(JsonNode node) {
        String text = text(node);
        return text == null ? null : Duration.parse(text);
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }
}
