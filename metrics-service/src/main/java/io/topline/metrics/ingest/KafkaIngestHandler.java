package io.topline.metrics.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.metrics.measurement.MeasurementRules;
import io.topline.metrics.measurement.MeasurementService;
import io.topline.metrics.measurement.ValidMeasurement;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.messaging.RejectedRecordException;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Ingests one {@code topline.measurement.recorded} record with the rules of the HTTP path.
 *
 * <p>A record that breaks a rule throws {@link RejectedRecordException} so that it goes to the dead-letter topic at
 * once and the partition moves on. A failure of the service itself (database down) propagates, and the consumer's
 * retry convention retries it with backoff, since the record is fine; only after that does it go to the
 * dead-letter topic, where it is kept rather than lost.
 * A record without a data id is identified by its CloudEvent source and id, so a redelivery is not counted twice.
 */
@ApplicationScoped
public class KafkaIngestHandler {

    private final ObjectMapper mapper;
    private final MeasurementRules rules;
    private final MeasurementService service;
    private final Clock clock;

    public KafkaIngestHandler(ObjectMapper mapper, MeasurementRules rules, MeasurementService service, Clock clock) {
        this.mapper = mapper;
        this.rules = rules;
        this.service = service;
        this.clock = clock;
    }

    public void handle(String payload) {
        MeasurementRecordedEvent event = parse(payload);
        Instant now = clock.instant();
        List<Problem.Violation> violations = new ArrayList<>();
        ValidMeasurement measurement = rules.check(0, event.data(), "data.", now, violations).orElse(null);
        if (measurement == null) {
            throw new RejectedRecordException("invalid measurement: " + describe(violations));
        }
        if (measurement.clientId() == null) {
            String derived = "ce:" + event.source() + "#" + event.id();
            measurement = new ValidMeasurement(0, derived, measurement.measure(), measurement.value(),
                    measurement.occurredAt(), measurement.source(), measurement.period());
        }
        store(measurement, now);
    }

    private void store(ValidMeasurement measurement, Instant now) {
        try {
            service.ingest(List.of(measurement), now, outcome -> outcome);
        } catch (ProblemException e) {
            throw new RejectedRecordException(e.getMessage() + ": " + describe(e.violations()));
        }
    }

    private MeasurementRecordedEvent parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw new RejectedRecordException("empty record");
        }
        MeasurementRecordedEvent event = read(payload);
        List<Problem.Violation> violations = cloudEventViolations(event);
        if (!violations.isEmpty()) {
            throw new RejectedRecordException("not a " + MeasurementRecordedEvent.TYPE + " CloudEvent: " + describe(violations));
        }
        return event;
    }

    private MeasurementRecordedEvent read(String payload) {
        try {
            return mapper.readValue(payload, MeasurementRecordedEvent.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw new RejectedRecordException("malformed field '" + field + "': " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new RejectedRecordException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** The CloudEvents attributes the event breaks (the data itself is checked by the ingestion rules). */
    private static List<Problem.Violation> cloudEventViolations(MeasurementRecordedEvent event) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (!"1.0".equals(event.specversion())) {
            violations.add(new Problem.Violation("specversion", "must be 1.0"));
        }
        if (!MeasurementRecordedEvent.TYPE.equals(event.type())) {
            violations.add(new Problem.Violation("type", "must be " + MeasurementRecordedEvent.TYPE));
        }
        if (event.id() == null || event.id().isBlank()) {
            violations.add(new Problem.Violation("id", "is required"));
        }
        if (event.source() == null || !event.source().startsWith("/")) {
            violations.add(new Problem.Violation("source", "must be a URI reference starting with /"));
        }
        if (event.data() == null) {
            violations.add(new Problem.Violation("data", "is required"));
        }
        return violations;
    }

    private static String describe(List<Problem.Violation> violations) {
        if (violations == null) {
            return "";
        }
        return violations.stream().map(v -> v.field() + " " + v.message()).collect(Collectors.joining("; "));
    }
}
