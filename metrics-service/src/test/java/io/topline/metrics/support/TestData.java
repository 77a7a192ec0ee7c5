package io.topline.metrics.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.ToplineInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** The one test-data factory of the module: measures on the real broker and request bodies. */
public final class TestData {

    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private TestData() {
    }

    /** A measure key no other test uses. */
    public static String uniqueKey(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A {@code topline.measure.defined} (or archived) event built from the contract's example, checked against the schema. */
    public static ObjectNode measureEvent(String key, String cadence, String aggregation, long revision, boolean archived) {
        String type = archived ? "topline.measure.archived" : "topline.measure.defined";
        ObjectNode event = (ObjectNode) EventContracts.example(type);
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", "measure:" + key);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("key", key);
        data.put("cadence", cadence);
        data.put("aggregation", aggregation);
        data.put("revision", revision);
        data.put("archived", archived);
        EventContracts.assertValid(type, event);
        return event;
    }

    /** Publishes a measure definition to topline.definitions and waits until the service's catalog holds that revision. */
    public static void defineMeasure(MeasureCatalog catalog, String key, String cadence, String aggregation, long revision,
                                     boolean archived) {
        send("topline.definitions", "measure:" + key, measureEvent(key, cadence, aggregation, revision, archived).toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> catalog.find(key)
                .filter(m -> m.revision() == revision).isPresent());
    }

    public static void defineMeasure(MeasureCatalog catalog, String key, String cadence, String aggregation) {
        defineMeasure(catalog, key, cadence, aggregation, 1, false);
    }

    /** A measurement body as a system would post it. */
    public static Map<String, Object> measurement(String id, String measure, Object value, Instant occurredAt) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (id != null) {
            body.put("id", id);
        }
        body.put("measure", measure);
        body.put("value", value);
        body.put("occurredAt", occurredAt.toString());
        body.put("source", "crm");
        return body;
    }

    public static Map<String, Object> batch(List<Map<String, Object>> items) {
        return Map.of("items", items);
    }

    /** A {@code topline.measurement.recorded} event like the contract's example, checked against the schema. */
    public static ObjectNode measurementEvent(String clientId, String measure, double value, Instant occurredAt) {
        ObjectNode event = (ObjectNode) EventContracts.example("topline.measurement.recorded");
        event.put("id", UUID.randomUUID().toString());
        event.put("subject", measure);
        ObjectNode data = (ObjectNode) event.get("data");
        data.put("id", clientId);
        data.put("measure", measure);
        data.put("value", value);
        data.put("occurredAt", occurredAt.toString());
        EventContracts.assertValid("topline.measurement.recorded", event);
        return event;
    }

    /** The calendar month label of {@code instant} in UTC, as the service computes it by default. */
    public static String month(Instant instant) {
        var date = instant.atZone(ZoneOffset.UTC);
        return String.format("%04d-%02d", date.getYear(), date.getMonthValue());
    }

    public static String isoWeek(Instant instant) {
        var date = instant.atZone(ZoneOffset.UTC).toLocalDate();
        return String.format("%04d-W%02d", date.get(IsoFields.WEEK_BASED_YEAR), date.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    /** A moment in the middle of the current UTC month, at least an hour in the past. */
    public static Instant thisMonth(int minute) {
        Instant now = Instant.now();
        var start = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant candidate = start.plus(Duration.ofMinutes(minute));
        return candidate.isBefore(now) ? candidate : now.minus(Duration.ofMinutes(1));
    }

    public static void send(String topic, String key, String value) {
        send(topic, null, key, value);
    }

    /** Produces one record with acks=all and waits for the broker's acknowledgement. */
    public static synchronized void send(String topic, Integer partition, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        try {
            producer.send(new ProducerRecord<>(topic, partition, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not produce to " + topic, e);
        }
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + text, e);
        }
    }
}
