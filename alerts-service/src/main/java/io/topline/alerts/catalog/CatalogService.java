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
import java.util.Comparator;
import java.util.List;
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
     * when one fails. They are applied by measure key (each measure's events keep their order), so two replicas'
     * transactions lock measures in the same order and cannot deadlock each other.
     */
    @Transactional
    public void onActuals(List<JsonNode> events) {
        List<JsonNode> byMeasure = new ArrayList<>(events);
        byMeasure.sort(Comparator.comparing(event -> event.path("data").path("measure").asText()));
        // the poll's alert events in one statement at its end, so that its rows go to the database in JDBC batches
        outbox.batched(() -> byMeasure.forEach(this::applyActual));
    }

    private void applyActual(JsonNode event) {
        if (!"topline.actual.updated".equals(event.path("type").asText())) {
            return;
        }
        JsonNode data = event.path("data");
        String measureKey = data.path("measure").asText();
        String period = data.path("period").asText();
        Cadence cadence = contractField("cadence", () -> Cadence.valueOf(data.path("cadence").asText()));
        contractField("period", () -> Period.parse(calendar, cadence, period));
        Instant periodStart = contractField("periodStart", () -> Instant.parse(data.path("periodStart").asText()));
        Instant updatedAt = contractField("updatedAt", () -> Instant.parse(data.path("updatedAt").asText()));
        // the measure's lock serialises this with evaluations of the same measure
        CatalogMeasure measure = measures.lock(measureKey).orElse(null);
        String aggregation = measure == null ? null : measure.aggregation();
        Actual actual = actuals.findFor(measureKey, period).orElse(null);
        boolean created = actual == null;
        if (created) {
            actual = new Actual(measureKey, period, cadence, periodStart);
        }
        long countBefore = created ? 0 : actual.count();
        if (!actual.apply(data.path("revision").asLong(), aggregates(data), aggregation, updatedAt)) {
            return;
        }
        if (created) {
            actuals.persist(actual);
        }
        // a correction or retraction republishes the actual too: only more measurements mean the source reported
        if (measure != null && actual.count() > countBefore && measure.heard(updatedAt)) {
            heartbeats.heard(measure, updatedAt);
        }
        if (measure != null) {
            evaluations.evaluateApplied(measure, actual);
        }
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
