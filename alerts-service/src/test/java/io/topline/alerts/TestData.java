package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.alerts.period.Cadence;
import io.topline.alerts.period.Period;
import io.topline.chassis.calendar.FiscalCalendar;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/**
 * The one test-data factory: unique keys, and definitions and actuals published to the real broker exactly as
 * drivers-service and metrics-service publish them (structured CloudEvents, checked against their contracts).
 */
public final class TestData {

    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static KafkaProducer<String, String> producer;

    private TestData() {
    }

    /** A slug nobody else in this run uses. */
    public static String key(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-" + SEQUENCE.incrementAndGet();
    }

    /** A target version of a measure's schedule. */
    public static ObjectNode target(int version, String effectiveFrom, String success, String failure, String severity,
                                    Instant createdAt) {
        ObjectNode target = JSON.createObjectNode();
        target.put("version", version);
        target.put("effectiveFrom", effectiveFrom);
        target.put("successLevel", new BigDecimal(success));
        target.put("failureLevel", new BigDecimal(failure));
        target.put("severity", severity);
        target.put("note", "test target");
        target.put("createdAt", createdAt.toString());
        return target;
    }

    public static void publishDriver(String key, String name, String function, long revision, String... feedsInto) {
        ObjectNode data = JSON.createObjectNode();
        data.put("key", key);
        data.put("name", name);
        data.put("function", function);
        data.put("owner", "owner@example.com");
        data.putNull("description");
        ArrayNode feeds = data.putArray("feedsInto");
        for (String downstream : feedsInto) {
            feeds.add(downstream);
        }
        data.put("archived", false);
        data.put("revision", revision);
        data.put("updatedAt", "2026-11-01T08:00:00Z");
        publish("topline.definitions", "driver:" + key, "topline.driver.defined", "/topline/drivers-service",
                "driver:" + key, data);
    }

    /** Publishes a measure with its whole target schedule, as drivers-service does on every change. */
    public static void publishMeasure(String key, String driverKey, String name, String unit, String aggregation,
                                      String direction, Cadence cadence, long revision, ObjectNode... targets) {
        publishMeasure(key, driverKey, name, unit, aggregation, direction, cadence, revision, null, targets);
    }

    /** Publishes a measure whose source is expected to report every {@code expectedEvery} (ISO-8601; null: none). */
    public static void publishMeasure(String key, String driverKey, String name, String unit, String aggregation,
                                      String direction, Cadence cadence, long revision, String expectedEvery,
                                      ObjectNode... targets) {
        ObjectNode data = JSON.createObjectNode();
        data.put("key", key);
        data.put("driverKey", driverKey);
        data.put("name", name);
        data.put("unit", unit);
        data.putNull("currency");
        data.put("aggregation", aggregation);
        data.put("direction", direction);
        data.put("cadence", cadence.name());
        data.put("owner", "owner@example.com");
        data.putNull("description");
        data.put("expectedEvery", expectedEvery);
        data.put("archived", false);
        data.put("revision", revision);
        ArrayNode schedule = data.putArray("targets");
        for (ObjectNode target : targets) {
            schedule.add(target);
        }
        data.put("updatedAt", "2026-11-02T09:05:00Z");
        publish("topline.definitions", "measure:" + key, "topline.measure.defined", "/topline/drivers-service",
                "measure:" + key, data);
    }

    /** Publishes a period actual, as metrics-service does whenever a period's measurements change. */
    public static void publishActual(String measure, Cadence cadence, String aggregation, String period, String value,
                                     long revision) {
        BigDecimal amount = new BigDecimal(value);
        // consistent aggregates: the consumer computes the value from them with the measure's aggregation
        long count = "COUNT".equals(aggregation) ? amount.longValueExact() : revision;
        publishActual(measure, cadence, aggregation, period, revision,
                new Figures(amount, count, "AVERAGE".equals(aggregation) ? amount.multiply(BigDecimal.valueOf(count))
                        : amount, amount, amount, amount),
                Instant.now());
    }

    /** The aggregates an actual event carries: its value under the published aggregation and what any other needs. */
    public record Figures(BigDecimal value, long count, BigDecimal sum, BigDecimal min, BigDecimal max,
                          BigDecimal last) {
    }

    /** Publishes a period actual with all its aggregates, last updated by metrics-service at {@code updatedAt}. */
    public static void publishActual(String measure, Cadence cadence, String aggregation, String period, long revision,
                                     Figures figures, Instant updatedAt) {
        publishActual(FiscalCalendar.isoUtc(), measure, cadence, aggregation, period, revision, figures, updatedAt);
    }

    /** Publishes a period actual like {@link #publishActual}, its period a label of {@code calendar}. */
    @SuppressWarnings("java:S107")
    public static void publishActual(FiscalCalendar calendar, String measure, Cadence cadence, String aggregation,
                                     String period, long revision, Figures figures, Instant updatedAt) {
        Period parsed = Period.parse(calendar, cadence, period);
        ObjectNode data = JSON.createObjectNode();
        data.put("measure", measure);
        data.put("period", period);
        data.put("cadence", cadence.name());
        data.put("periodStart", parsed.start().toString());
        data.put("periodEnd", parsed.end().toString());
        data.put("aggregation", aggregation);
        data.put("value", figures.value());
        data.put("count", figures.count());
        data.put("sum", figures.sum());
        data.put("min", figures.min());
        data.put("max", figures.max());
        data.put("last", figures.last());
        data.put("lastOccurredAt", parsed.start().plusSeconds(3600).toString());
        data.put("revision", revision);
        data.put("updatedAt", updatedAt.toString());
        publish("topline.actuals", measure + ":" + period, "topline.actual.updated", "/topline/metrics-service",
                measure + ":" + period, data);
    }

    /**
     * Publishes a {@code topline.alert.fired} event of {@code measure} straight to topline.alerts, as another replica
     * of alerts-service would, and returns its CloudEvent id.
     */
    public static String publishAlertFromAnotherReplica(String measure, String period) {
        ObjectNode data = ((ObjectNode) EventContracts.example("topline.alert.fired").get("data")).deepCopy();
        String dedupKey = measure + ":" + period + ":MISSED";
        data.put("alertId", UUID.randomUUID().toString());
        data.put("dedupKey", dedupKey);
        data.put("period", period);
        ((ObjectNode) data.get("measure")).put("key", measure);
        ((ObjectNode) data.get("labels")).put("measure", measure);
        return publish("topline.alerts", measure, "topline.alert.fired", "/topline/alerts-service", dedupKey, data);
    }

    /**
     * Defines a monthly retention measure (success 95%, failure 90%, from 2026-10) under a driver and publishes an
     * October actual of {@code value}; with the clock after October's grace time this is a final evaluation.
     */
    public static void retentionWithOctoberActual(String key, String driverKey, String value) {
        publishMeasure(key, driverKey, "Client retention", "PERCENT", "LAST", "HIGHER_IS_BETTER", Cadence.MONTHLY, 1,
                target(1, "2026-10", "95", "90", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
        publishActual(key, Cadence.MONTHLY, "LAST", "2026-10", value, 1);
    }

    /**
     * Defines a monthly measure of {@code driver} (sum, higher is better, success 60, failure 50 from 2026-10) and
     * publishes its October actual {@code value}: at or below 50 it misses, between 50 and 60 it is at risk. Returns
     * its key.
     */
    public static String octoberMeasure(String driver, String name, String value) {
        String measure = key("measure");
        publishMeasure(measure, driver, name, "NUMBER", "SUM", "HIGHER_IS_BETTER", Cadence.MONTHLY, 1,
                target(1, "2026-10", "60", "50", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
        publishActual(measure, Cadence.MONTHLY, "SUM", "2026-10", value, 1);
        return measure;
    }

    /**
     * Defines a weekly retention measure (success 95%, failure 90%, from 2026-W40) under a driver and publishes an
     * actual of {@code value} for {@code week}; with the clock after that week's grace time this is a final evaluation.
     */
    public static void weeklyRetentionWithActual(String key, String driverKey, String week, String value) {
        publishMeasure(key, driverKey, "Weekly retention", "PERCENT", "LAST", "HIGHER_IS_BETTER", Cadence.WEEKLY, 1,
                target(1, "2026-W40", "95", "90", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
        publishActual(key, Cadence.WEEKLY, "LAST", week, value, 1);
    }

    /**
     * Waits until {@code count} deliveries of the subscription succeeded and were recorded. A test that moves the
     * clock on must wait for this first: an attempt still recording its outcome when the clock jumps past its lease is
     * claimed again and sent twice (at least once, as designed, but not what the test counts).
     */
    public static void awaitSucceeded(String subscriptionId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RequestAs.admin()
                .when().get("/subscriptions/" + subscriptionId + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("items.findAll { it.status == 'SUCCEEDED' }").size() >= count);
    }

    /** A silence matcher as {@code POST /silences} takes it. */
    public static ObjectNode matcher(String label, String operator, String value) {
        ObjectNode matcher = JSON.createObjectNode();
        matcher.put("label", label);
        matcher.put("operator", operator);
        matcher.put("value", value);
        return matcher;
    }

    /** A silence request with these matchers and a comment; the caller adds its start, end or schedule. */
    public static ObjectNode silence(String comment, ObjectNode... matchers) {
        ObjectNode silence = JSON.createObjectNode();
        ArrayNode list = silence.putArray("matchers");
        for (ObjectNode matcher : matchers) {
            list.add(matcher);
        }
        silence.put("comment", comment);
        return silence;
    }

    /** A maintenance window on {@code weekdays} from {@code startTime} to {@code endTime} in {@code timeZone}. */
    public static ObjectNode window(String startTime, String endTime, String timeZone, String... weekdays) {
        ObjectNode window = JSON.createObjectNode();
        ArrayNode days = window.putArray("weekdays");
        for (String weekday : weekdays) {
            days.add(weekday);
        }
        window.put("startTime", startTime);
        window.put("endTime", endTime);
        window.put("timeZone", timeZone);
        return window;
    }

    /**
     * Reads {@code topline.silences} from the beginning and returns the events of one silence, each checked against
     * its contract, once there are {@code count} of them and a quiet second showed that no more follow.
     */
    public static List<JsonNode> silenceEvents(String silenceId, int count) {
        Predicate<TopicRecord> ofSilence = TopicReader.keyed("silence:" + silenceId);
        try (TopicReader topic = TopicReader.fromBeginning("topline.silences")) {
            topic.readUntil(ofSilence, records -> records.size() >= count, Duration.ofSeconds(30));
            return structuredEvents(topic.drain(ofSilence, Duration.ofSeconds(1)));
        }
    }

    private static synchronized String publish(String topic, String key, String type, String source, String subject,
                                               ObjectNode data) {
        String id = UUID.randomUUID().toString();
        ObjectNode event = JSON.createObjectNode();
        event.put("specversion", "1.0");
        event.put("id", id);
        event.put("source", source);
        event.put("type", type);
        event.put("time", Instant.now().toString());
        event.put("subject", subject);
        event.put("datacontenttype", "application/json");
        event.set("data", data);
        EventContracts.assertValid(type, event);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, event.toString());
        record.headers().add("content-type", "application/cloudevents+json; charset=UTF-8".getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish " + type, e);
        }
        return id;
    }

    /** Publishes a record as it is, for tests of records that break the contract. */
    public static void publishRaw(String topic, String key, String value) {
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish to " + topic, e);
        }
    }

    private static KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    /**
     * Reads {@code topline.alerts} from the beginning and returns the events keyed {@code measureKey}, each checked
     * against its contract, once {@code done} holds for them and a quiet second showed that no more follow.
     */
    public static List<JsonNode> alertEvents(String measureKey, Predicate<List<JsonNode>> done) {
        Predicate<TopicRecord> ofMeasure = TopicReader.keyed(measureKey);
        List<JsonNode> events;
        try (TopicReader topic = TopicReader.fromBeginning("topline.alerts")) {
            topic.readUntil(ofMeasure, records -> done.test(structuredEvents(records)), Duration.ofSeconds(30));
            events = structuredEvents(topic.drain(ofMeasure, Duration.ofSeconds(1)));
        }
        if (!done.test(events)) {
            throw new AssertionError("Alert events of " + measureKey + " no longer matched after the quiet second; got "
                    + events);
        }
        return events;
    }

    /** Runs one SQL statement with string parameters, for tests that set up rows no event could (thousands, bad). */
    public static void sql(DataSource dataSource, String sql, String... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
    }

    /** The rows of a {@code select label, count(*) ... group by 1} query with one string parameter, in its order. */
    public static Map<String, Integer> counts(DataSource dataSource, String sql, String parameter) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run " + sql, e);
        }
        return counts;
    }

    /**
     * {@code count} monthly measures {@code <prefix>-1..count} of driver {@code <prefix>-driver} with a target from
     * October 2026 (success 100, failure 90): 30 % met, 20 % amber, 20 % missed, 30 % without an October actual.
     */
    public static void closingMeasures(DataSource dataSource, String prefix, int count) {
        sql(dataSource, "insert into catalog_driver (key, name, function, owner, feeds_into, archived, revision, "
                + "updated_at) values (? || '-driver', 'Close', 'SALES', 'sam@example.com', '', false, 1, now())",
                prefix);
        sql(dataSource, "insert into catalog_measure (key, driver_key, name, unit, aggregation, direction, cadence, "
                + "owner, archived, revision, updated_at) select ? || '-' || i, ? || '-driver', 'Close ' || i, "
                + "'COUNT', 'SUM', 'HIGHER_IS_BETTER', 'MONTHLY', 'sam@example.com', false, 1, now() "
                + "from generate_series(1, " + count + ") i", prefix, prefix);
        sql(dataSource, "insert into catalog_target (measure_key, version, effective_from, success_level, "
                + "failure_level, severity, created_at) select key, 1, '2026-10', 100, 90, 'CRITICAL', "
                + "'2026-09-01T00:00:00Z' from catalog_measure where key like ? || '-%'", prefix);
        sql(dataSource, "insert into actual (measure_key, period, cadence, period_start, value, count, revision, "
                + "updated_at) select key, '2026-10', 'MONTHLY', '2026-10-01T00:00:00Z', case when n % 10 < 3 then 120 "
                + "when n % 10 < 5 then 95 else 80 end, 1, 1, '2026-10-31T12:00:00Z' from (select key, "
                + "substring(key from '[0-9]+$')::int as n from catalog_measure where key like ? || '-%') m "
                + "where n % 10 < 7", prefix);
    }

    /** Removes {@link #closingMeasures} and everything their judging left: events, alerts, evaluations. */
    public static void removeClosingMeasures(DataSource dataSource, String prefix) {
        sql(dataSource, "delete from outbox_event where record_key like ? || '-%'", prefix);
        for (String table : List.of("silence_muted_alert", "alert_notified_subscription", "alert_transition")) {
            sql(dataSource, "delete from " + table + " where alert_id in (select id from alert where measure_key "
                    + "like ? || '-%')", prefix);
        }
        for (String table : List.of("alert", "evaluation", "actual")) {
            sql(dataSource, "delete from " + table + " where measure_key like ? || '-%'", prefix);
        }
        sql(dataSource, "delete from catalog_measure where key like ? || '-%'", prefix);
        sql(dataSource, "delete from catalog_driver where key = ? || '-driver'", prefix);
    }

    private static List<JsonNode> structuredEvents(List<TopicRecord> records) {
        return records.stream().map(record -> {
            String contentType = record.header("content-type");
            if (contentType == null || !contentType.startsWith("application/cloudevents+json")) {
                throw new AssertionError("Not a structured CloudEvent: " + record);
            }
            return record.event();
        }).toList();
    }
}
