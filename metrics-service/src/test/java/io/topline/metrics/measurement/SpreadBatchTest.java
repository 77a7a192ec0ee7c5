package io.topline.metrics.measurement;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

import static io.topline.metrics.support.TestData.batch;
import static io.topline.metrics.support.TestData.measurement;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Batches spread over many measure-periods, as a CRM or ERP posts them: the set-based write path (one COPY, one
 * actuals upsert, one outbox insert per batch) must give the same actuals and events as counting item by item.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class SpreadBatchTest {

    private static final String[] CADENCES = {"MONTHLY", "WEEKLY"};
    /** Decimals compared exactly, not through a double. */
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @Inject
    MeasureCatalog catalog;

    /** What one measure-period should hold, counted item by item. */
    private static final class Expected {
        long count;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal min;
        BigDecimal max;
        BigDecimal last;
        Instant lastAt;
        int revisions;

        void add(BigDecimal value, Instant at) {
            count++;
            sum = sum.add(value);
            min = min == null || value.compareTo(min) < 0 ? value : min;
            max = max == null || value.compareTo(max) > 0 ? value : max;
            if (lastAt == null || at.isAfter(lastAt) || (at.equals(lastAt) && value.compareTo(last) > 0)) {
                last = value;
                lastAt = at;
            }
        }
    }

    @Test
    void shouldGiveExactActualsAndOneEventPerMeasurePeriodChangedWhenBatchesSpreadOverManyMeasurePeriods() {
        String prefix = TestData.uniqueKey("spread");
        List<String> measures = new ArrayList<>();
        Map<String, String> cadenceOf = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String key = prefix + "-" + i;
            TestData.defineMeasure(catalog, key, CADENCES[i % 2], "SUM");
            measures.add(key);
            cadenceOf.put(key, CADENCES[i % 2]);
        }
        Random random = new Random(15);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> periodKeys = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String measure = measures.get(random.nextInt(measures.size()));
            // the last 13 weeks, as the benchmark's realistic phase; a few share an instant, so "last" breaks ties
            Instant at = now.minusSeconds(120 + random.nextInt(40) * 3_600L * 55);
            BigDecimal value = BigDecimal.valueOf(random.nextInt(200_000) - 100_000, 2);
            items.add(measurement(prefix + "-id-" + i, measure, value, at));
            String period = "MONTHLY".equals(cadenceOf.get(measure)) ? TestData.month(at) : TestData.isoWeek(at);
            periodKeys.add(measure + ":" + period);
        }
        Map<String, Expected> expected = new TreeMap<>();
        try (TopicReader actuals = TopicReader.fromEnd("topline.actuals")) {
            postTwiceAndRetry(prefix, items, periodKeys, expected, actuals);
            for (String measure : measures) {
                assertActuals(measure, expected);
            }
            assertEvents(expected, actuals);
        }
    }

    /**
     * The first 400 with an Idempotency-Key, replayed; then all 1,000 (400 stored, 600 new); then all 1,000 again.
     * Each batch waits for the events of the one before, so that none is still waiting and replaced
     * (PendingActualEventsTest covers that).
     */
    private static void postTwiceAndRetry(String prefix, List<Map<String, Object>> items, List<String> periodKeys,
                                          Map<String, Expected> expected, TopicReader actuals) {
        // the first 400 alone, with an Idempotency-Key, then replayed
        List<Map<String, Object>> first = items.subList(0, 400);
        count(expected, items, periodKeys, 0, 400);
        int changedByFirst = expected.size();
        RequestAs.ingest().header("Idempotency-Key", prefix).contentType(ContentType.JSON).body(batch(first))
                .when().post("/measurements/batch")
                .then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("accepted", equalTo(400)).body("duplicates", equalTo(0)).body("actuals", hasSize(changedByFirst));
        RequestAs.ingest().header("Idempotency-Key", prefix).contentType(ContentType.JSON).body(batch(first))
                .when().post("/measurements/batch")
                .then().statusCode(200).header("Idempotent-Replayed", equalTo("true")).body("accepted", equalTo(400));
        actuals.readUntil(TopicReader.keyed(expected.keySet().toArray(String[]::new)), TopicReader.atLeast(changedByFirst),
                Duration.ofSeconds(60));
        // then all 1,000: the 400 stored ones are duplicates, the 600 new ones count once
        int changedBySecond = count(expected, items, periodKeys, 400, 1000);
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(200).body("received", equalTo(1000)).body("accepted", equalTo(600))
                .body("duplicates", equalTo(400)).body("duplicateIndexes", equalTo(IntStream.range(0, 400).boxed().toList()))
                .body("actuals", hasSize(changedBySecond));
        // and all 1,000 again: nothing counts twice, no actual changes
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(1000))
                .body("actuals", hasSize(0));
    }

    /** Counts items [from, to) into {@code expected}; returns how many measure-periods they changed. */
    private static int count(Map<String, Expected> expected, List<Map<String, Object>> items, List<String> periodKeys,
                             int from, int to) {
        Map<String, Expected> changed = new HashMap<>();
        for (int i = from; i < to; i++) {
            Expected e = expected.computeIfAbsent(periodKeys.get(i), k -> new Expected());
            if (changed.put(periodKeys.get(i), e) == null) {
                e.revisions++;
            }
            e.add((BigDecimal) items.get(i).get("value"), Instant.parse((String) items.get(i).get("occurredAt")));
        }
        return changed.size();
    }

    private static void assertActuals(String measure, Map<String, Expected> expected) {
        JsonNode page = exact(RequestAs.viewer().queryParam("measure", measure).queryParam("size", 100)
                .when().get("/actuals").then().statusCode(200).extract().asString());
        Map<String, Expected> mine = new TreeMap<>();
        expected.forEach((key, e) -> {
            if (key.startsWith(measure + ":")) {
                mine.put(key.substring(measure.length() + 1), e);
            }
        });
        assertEquals(mine.size(), page.get("items").size(), "periods of " + measure);
        for (JsonNode actual : page.get("items")) {
            Expected e = mine.get(actual.get("period").asText());
            String at = measure + " " + actual.get("period").asText();
            assertEquals(e.count, actual.get("count").asLong(), at);
            assertEquals(0, e.sum.compareTo(actual.get("sum").decimalValue()), at + " sum " + actual.get("sum"));
            assertEquals(0, e.sum.compareTo(actual.get("value").decimalValue()), at + " value");
            assertEquals(0, e.min.compareTo(actual.get("min").decimalValue()), at + " min");
            assertEquals(0, e.max.compareTo(actual.get("max").decimalValue()), at + " max");
            assertEquals(0, e.last.compareTo(actual.get("last").decimalValue()), at + " last");
            assertEquals(e.revisions, actual.get("revision").asInt(), at + " revision");
        }
    }

    /** Exactly one event per measure-period and batch that changed it, in revision order, the last one as stored. */
    private static void assertEvents(Map<String, Expected> expected, TopicReader actuals) {
        String[] keys = expected.keySet().toArray(String[]::new);
        int events = expected.values().stream().mapToInt(e -> e.revisions).sum();
        actuals.readUntil(TopicReader.keyed(keys), TopicReader.atLeast(events), Duration.ofSeconds(60));
        List<TopicRecord> records = actuals.drain(TopicReader.keyed(keys), Duration.ofSeconds(2));
        assertEquals(events, records.size());
        Map<String, List<JsonNode>> byKey = new HashMap<>();
        for (TopicRecord record : records) {
            byKey.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(exact(record.value()).get("data"));
        }
        expected.forEach((key, e) -> {
            List<JsonNode> data = byKey.get(key);
            assertEquals(e.revisions, data.size(), key);
            for (int r = 0; r < data.size(); r++) {
                assertEquals(r + 1, data.get(r).get("revision").asInt(), key);
            }
            JsonNode last = data.get(data.size() - 1);
            assertEquals(e.count, last.get("count").asLong(), key);
            assertEquals(0, e.sum.compareTo(last.get("sum").decimalValue()), key);
            assertEquals(0, e.last.compareTo(last.get("last").decimalValue()), key);
        });
    }

    private static JsonNode exact(String json) {
        try {
            return EXACT.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + json, e);
        }
    }
}
