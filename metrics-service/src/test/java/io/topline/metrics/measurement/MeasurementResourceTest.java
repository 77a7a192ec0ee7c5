package io.topline.metrics.measurement;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.topline.metrics.catalog.Aggregation;
import io.topline.metrics.catalog.CatalogMeasure;
import io.topline.metrics.catalog.CatalogMeasureRepository;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.catalog.MeasureInfo;
import io.topline.metrics.period.Cadence;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static io.topline.metrics.support.TestData.batch;
import static io.topline.metrics.support.TestData.measurement;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class MeasurementResourceTest {

    @Inject
    MeasureCatalog catalog;

    @Inject
    CatalogMeasureRepository catalogMeasures;

    private String measure(String cadence, String aggregation) {
        String key = TestData.uniqueKey("m");
        TestData.defineMeasure(catalog, key, cadence, aggregation);
        return key;
    }

    @Test
    void shouldRecordOneMeasurementAndUpdateItsPeriodActual() {
        String key = measure("MONTHLY", "SUM");
        Instant at = TestData.thisMonth(90);
        String period = TestData.month(at);
        RequestAs.ingest().contentType(ContentType.JSON)
                .body(measurement("crm-" + key, key, 12.5, at))
                .when().post("/measurements")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("id", equalTo("crm-" + key)).body("measure", equalTo(key)).body("value", equalTo(12.5f))
                .body("occurredAt", equalTo(at.toString())).body("source", equalTo("crm"))
                .body("period", equalTo(period)).body("status", equalTo("ACCEPTED"));
        RequestAs.ingest().contentType(ContentType.JSON)
                .body(measurement(null, key, 7.5, at.plusSeconds(60))).when().post("/measurements").then().statusCode(201);

        RequestAs.viewer()
                .queryParam("measure", key).queryParam("from", period).queryParam("to", period)
                .when().get("/actuals")
                .then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].measure", equalTo(key)).body("items[0].period", equalTo(period))
                .body("items[0].cadence", equalTo("MONTHLY")).body("items[0].aggregation", equalTo("SUM"))
                .body("items[0].value", equalTo(20)).body("items[0].count", equalTo(2)).body("items[0].sum", equalTo(20))
                .body("items[0].min", equalTo(7.5f)).body("items[0].max", equalTo(12.5f)).body("items[0].last", equalTo(7.5f))
                .body("items[0].lastOccurredAt", equalTo(at.plusSeconds(60).toString())).body("items[0].revision", equalTo(2));
    }

    @Test
    void shouldRecordAnEntryForAPeriodAtItsFirstInstantAndRefuseAPeriodThatIsNotTheMeasuresOrNotBegun() {
        String key = measure("MONTHLY", "LAST");
        Instant now = Instant.now();
        String period = TestData.month(now);
        Instant start = now.atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Map<String, Object> entry = new LinkedHashMap<>(Map.of("id", "sheet-" + key, "measure", key,
                "value", 120, "period", period, "source", "weekly meeting"));
        RequestAs.ingest().contentType(ContentType.JSON).body(entry).when().post("/measurements")
                .then().statusCode(201)
                .body("occurredAt", equalTo(start.toString())).body("period", equalTo(period))
                .body("status", equalTo("ACCEPTED"));
        RequestAs.ingest().contentType(ContentType.JSON).body(entry).when().post("/measurements")
                .then().statusCode(200).body("status", equalTo("DUPLICATE"));

        Map<String, List<String>> refusals = Map.of(
                "2026-W48", List.of("period", "must be a monthly period label, such as " + period),
                TestData.month(start.plus(Duration.ofDays(40))), List.of("period", "has not begun yet"));
        refusals.forEach((label, violation) -> RequestAs.ingest().contentType(ContentType.JSON)
                .body(Map.of("measure", key, "value", 1, "period", label, "source", "sheet"))
                .when().post("/measurements")
                .then().statusCode(422).body("violations[0].field", equalTo(violation.get(0)))
                .body("violations[0].message", equalTo(violation.get(1))));
        RequestAs.ingest().contentType(ContentType.JSON)
                .body(Map.of("measure", key, "value", 1, "period", period, "occurredAt", now.toString(),
                        "source", "sheet"))
                .when().post("/measurements")
                .then().statusCode(422).body("violations[0].message", equalTo("give either occurredAt or period, not both"));
    }

    @Test
    void shouldRecordAMeasurementOfAMeasureThisInstanceHasNotCachedYet() {
        String key = TestData.uniqueKey("m");
        // consumed by another instance of the service: in the shared table, not in this instance's memory
        QuarkusTransaction.requiringNew().run(() -> catalogMeasures.persist(new CatalogMeasure(
                new MeasureInfo(key, Cadence.MONTHLY, Aggregation.SUM, "count", false, 1), Instant.now())));
        Instant at = TestData.thisMonth(10);
        RequestAs.ingest().contentType(ContentType.JSON)
                .body(measurement(null, key, 4, at))
                .when().post("/measurements")
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("measure", equalTo(key)).body("value", equalTo(4)).body("period", equalTo(TestData.month(at)))
                .body("status", equalTo("ACCEPTED"));
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(1)).body("items[0].value", equalTo(4));
    }

    @Test
    void shouldStoreAClientIdOnceAndRefuseItWithOtherContent() {
        String key = measure("MONTHLY", "COUNT");
        Instant at = TestData.thisMonth(30);
        Map<String, Object> body = measurement("id-" + key, key, 3, at);
        RequestAs.ingest().contentType(ContentType.JSON).body(body)
                .when().post("/measurements").then().statusCode(201).body("status", equalTo("ACCEPTED"));
        RequestAs.ingest().contentType(ContentType.JSON).body(body)
                .when().post("/measurements").then().statusCode(200).body("status", equalTo("DUPLICATE"))
                .body("id", equalTo("id-" + key));
        RequestAs.ingest().contentType(ContentType.JSON)
                .body(measurement("id-" + key, key, 4, at))
                .when().post("/measurements")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/client-id-conflict"))
                .body("status", equalTo(409)).body("instance", equalTo("/measurements"))
                .body("violations[0].field", equalTo("id"))
                .body("violations[0].message", equalTo("id 'id-" + key + "' was already recorded with different content"));
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(1)).body("items[0].value", equalTo(1))
                .body("items[0].revision", equalTo(1));
    }

    @Test
    void shouldRefuseEveryKindOfBadMeasurementNamingTheField() {
        String key = measure("MONTHLY", "SUM");
        String archived = TestData.uniqueKey("old");
        TestData.defineMeasure(catalog, archived, "MONTHLY", "SUM", 2, true);
        Instant at = TestData.thisMonth(10);
        String ok = "\"measure\":\"" + key + "\",\"occurredAt\":\"" + at + "\",\"source\":\"crm\"";
        assertProblem("{\"value\":\"NaN\"," + ok + "}", 400, "value");
        assertProblem("{\"value\":NaN," + ok + "}", 400, "value");
        assertProblem("{\"value\":Infinity," + ok + "}", 400, "value");
        assertProblem("{\"value\":-Infinity," + ok + "}", 400, "value");
        assertProblem("{\"value\":true," + ok + "}", 400, "value");
        // refused while parsing, before any arithmetic: a huge exponent either way is one field's malformed number
        assertProblem("{\"value\":1e400," + ok + "}", 400, "value");
        assertProblem("{\"value\":1e-100000000," + ok + "}", 400, "value");
        assertProblem("{\"value\":1e16," + ok + "}", 422, "value");
        assertProblem("{\"value\":1,\"measure\":7,\"occurredAt\":\"" + at + "\",\"source\":\"crm\"}", 400, "measure");
        assertProblem("{\"value\":1," + ok + ",\"colour\":\"red\"}", 400, "colour");
        assertProblem("{\"value\":1,\"measure\":\"" + key + "\",\"source\":\"crm\"}", 422, "occurredAt");
        assertProblem("{\"value\":1,\"measure\":\"" + key + "\",\"occurredAt\":\"2026-11-20T10:00:00\",\"source\":\"crm\"}", 422, "occurredAt");
        assertProblem("{\"value\":1,\"measure\":\"" + key + "\",\"occurredAt\":\"" + Instant.now().plus(Duration.ofMinutes(11))
                + "\",\"source\":\"crm\"}", 422, "occurredAt");
        assertProblem("{\"value\":1,\"measure\":\"" + key + "\",\"occurredAt\":\"" + Instant.now().minus(Duration.ofDays(401))
                + "\",\"source\":\"crm\"}", 422, "occurredAt");
        assertProblem("{\"value\":1,\"measure\":\"no-such-measure-" + key + "\",\"occurredAt\":\"" + at + "\",\"source\":\"crm\"}", 422, "measure");
        assertProblem("{\"value\":1,\"measure\":\"" + archived + "\",\"occurredAt\":\"" + at + "\",\"source\":\"crm\"}", 422, "measure");
        assertProblem("{\"value\":1,\"measure\":\"" + key + "\",\"occurredAt\":\"" + at + "\"}", 422, "source");
        RequestAs.ingest().contentType(ContentType.JSON).body("{\"value\":1,,}")
                .when().post("/measurements")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/malformed-json")).body("status", equalTo(400))
                .body("detail", equalTo("The request body is not valid JSON at field 'value'"))
                .body("violations[0].field", equalTo("value")).body("instance", equalTo("/measurements"));
        // nothing of the above was written
        RequestAs.viewer().queryParam("measure", key).when().get("/measurements")
                .then().statusCode(200).body("items", hasSize(0)).body("totalItems", equalTo(0)).body("totalPages", equalTo(0));
    }

    private static void assertProblem(String body, int status, String field) {
        RequestAs.ingest().contentType(ContentType.JSON).body(body)
                .when().post("/measurements")
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("instance", equalTo("/measurements"))
                .body("violations", hasSize(1)).body("violations[0].field", equalTo(field))
                .body("detail", containsString(status == 400 ? field : "rule"));
    }

    @Test
    void shouldWriteNothingOfABatchWithBadItemsAndListEveryOne() {
        String key = measure("WEEKLY", "AVERAGE");
        Instant at = Instant.now().minus(Duration.ofHours(2));
        List<Map<String, Object>> items = new ArrayList<>();
        items.add(measurement(null, key, 1, at));
        items.add(measurement(null, "unknown-" + key, 1, at));
        items.add(measurement(null, key, 1, at));
        Map<String, Object> noOffset = measurement(null, key, 2, at);
        noOffset.put("occurredAt", "2026-11-20T10:00:00");
        noOffset.remove("source");
        items.add(noOffset);
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/invalid-measurement"))
                .body("title", equalTo("Invalid measurement")).body("status", equalTo(422))
                .body("detail", equalTo("The batch was not recorded: 3 violation(s); nothing was written"))
                .body("instance", equalTo("/measurements/batch"))
                .body("violations.field", contains("items[1].measure", "items[3].occurredAt", "items[3].source"));
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void shouldRefuseABatchAboveTheLimitWith413() {
        String key = measure("MONTHLY", "SUM");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            items.add(Map.of("measure", key, "value", i, "occurredAt", "2026-11-20T10:00:00Z", "source", "s"));
        }
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/batch-too-large")).body("status", equalTo(413))
                .body("detail", equalTo("The batch holds 10001 items; at most 10000 are accepted in one request"))
                .body("violations[0].field", equalTo("items"));
    }

    @Test
    void shouldCoalesceABatchAndCountARetriedBatchOnce() {
        String key = measure("WEEKLY", "MAX");
        Instant at = Instant.now().minus(Duration.ofMinutes(5));
        String week = TestData.isoWeek(at);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            items.add(measurement(key + "-" + i, key, i, at.minusSeconds(i)));
        }
        items.add(measurement(key + "-0", key, 0, at));
        String idempotencyKey = "batch-" + key;
        RequestAs.ingest().header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(200).header("Idempotent-Replayed", nullValue())
                .body("received", equalTo(51)).body("accepted", equalTo(50)).body("duplicates", equalTo(1))
                .body("duplicateIndexes", contains(50))
                .body("actuals", hasSize(1)).body("actuals[0].measure", equalTo(key))
                .body("actuals[0].period", equalTo(week)).body("actuals[0].revision", equalTo(1));
        // the same key and body: the first response again
        RequestAs.ingest().header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(200).header("Idempotent-Replayed", equalTo("true"))
                .body("accepted", equalTo(50)).body("duplicates", equalTo(1)).body("actuals[0].revision", equalTo(1));
        // the same key, another body
        RequestAs.ingest().header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(batch(items.subList(0, 3)))
                .when().post("/measurements/batch")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/idempotency-key-reused"))
                .body("violations[0].field", equalTo("Idempotency-Key"));
        // a retry without the key: every client id is a duplicate, nothing counts twice
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch")
                .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(51))
                .body("actuals", hasSize(0));
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(50))
                .body("items[0].value", equalTo(49)).body("items[0].sum", equalTo(1225)).body("items[0].revision", equalTo(1));
    }

    @Test
    void shouldStoreTextAsSentAndCountABatchMixingNewAndStoredIdsOnce() {
        String key = measure("MONTHLY", "SUM");
        Instant at = TestData.thisMonth(20);
        // characters that mean something to CSV, COPY or SQL must come back exactly as sent
        String awkward = "crm, \"eu\"\nline\\.\ttab 'q' ünï 💶";
        List<Map<String, Object>> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> item = measurement(awkward + " " + key + "-" + i, key, i + 1, at.plusSeconds(i));
            item.put("source", awkward);
            first.add(item);
        }
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(first))
                .when().post("/measurements/batch")
                .then().statusCode(200).body("received", equalTo(3)).body("accepted", equalTo(3))
                .body("duplicates", equalTo(0)).body("actuals[0].revision", equalTo(1));
        // two stored ids and one new one: only the new one counts
        List<Map<String, Object>> second = new ArrayList<>(first.subList(1, 3));
        Map<String, Object> fresh = measurement(awkward + " " + key + "-3", key, 10, at.plusSeconds(3));
        fresh.put("source", awkward);
        second.add(fresh);
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(second))
                .when().post("/measurements/batch")
                .then().statusCode(200).body("received", equalTo(3)).body("accepted", equalTo(1))
                .body("duplicates", equalTo(2)).body("duplicateIndexes", contains(0, 1))
                .body("actuals[0].revision", equalTo(2));
        RequestAs.viewer().queryParam("measure", key).queryParam("size", 10)
                .when().get("/measurements")
                .then().statusCode(200).body("items", hasSize(4)).body("totalPages", equalTo(1))
                .body("items.id", contains(awkward + " " + key + "-0", awkward + " " + key + "-1",
                        awkward + " " + key + "-2", awkward + " " + key + "-3"))
                .body("items[0].source", equalTo(awkward)).body("items[3].source", equalTo(awkward))
                .body("items[3].value", equalTo(10));
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(4)).body("items[0].sum", equalTo(16))
                .body("items[0].revision", equalTo(2));
    }

    @Test
    void shouldLoseNoUpdateUnderConcurrentBatchesForOneMeasurePeriod() throws Exception {
        String key = measure("QUARTERLY", "SUM");
        Instant at = Instant.now().minus(Duration.ofMinutes(1));
        int batches = 8;
        int perBatch = 250;
        ExecutorService pool = Executors.newFixedThreadPool(batches);
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                List<Map<String, Object>> items = new ArrayList<>();
                for (int i = 0; i < perBatch; i++) {
                    items.add(measurement(null, key, 1, at));
                }
                results.add(CompletableFuture.supplyAsync(() -> RequestAs.ingest()
                        .contentType(ContentType.JSON).body(batch(items))
                        .when().post("/measurements/batch").then().extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> result : results) {
                org.junit.jupiter.api.Assertions.assertEquals(200, result.get());
            }
        } finally {
            pool.shutdown();
        }
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(batches * perBatch))
                .body("items[0].value", equalTo(batches * perBatch)).body("items[0].revision", equalTo(batches));
    }

    @Test
    void shouldCountEveryConcurrentSinglePostOnceWhenTheyShareAGroupCommit() throws Exception {
        String key = measure("QUARTERLY", "SUM");
        Instant at = Instant.now().minus(Duration.ofMinutes(1));
        int clients = 24;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<CompletableFuture<Integer>> plain = new ArrayList<>();
        List<CompletableFuture<String>> sameId = new ArrayList<>();
        List<CompletableFuture<Integer>> otherContent = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                plain.add(CompletableFuture.supplyAsync(() -> RequestAs.ingest()
                        .contentType(ContentType.JSON).body(measurement(null, key, 1, at))
                        .when().post("/measurements").then().extract().statusCode(), pool));
                // the same client id, same content, posted concurrently: stored once, the others are duplicates
                sameId.add(CompletableFuture.supplyAsync(() -> RequestAs.ingest()
                        .contentType(ContentType.JSON).body(measurement("same-" + key, key, 10, at))
                        .when().post("/measurements").then().extract().path("status"), pool));
            }
            for (CompletableFuture<Integer> result : plain) {
                org.junit.jupiter.api.Assertions.assertEquals(201, result.get());
            }
            List<String> statuses = new ArrayList<>();
            for (CompletableFuture<String> result : sameId) {
                statuses.add(result.get());
            }
            org.junit.jupiter.api.Assertions.assertEquals(1, statuses.stream().filter("ACCEPTED"::equals).count(), statuses.toString());
            org.junit.jupiter.api.Assertions.assertEquals(clients - 1, statuses.stream().filter("DUPLICATE"::equals).count());
            // the same id with other content: 409 for each, and nothing of it is counted
            for (int c = 0; c < 4; c++) {
                otherContent.add(CompletableFuture.supplyAsync(() -> RequestAs.ingest()
                        .contentType(ContentType.JSON).body(measurement("same-" + key, key, 99, at))
                        .when().post("/measurements").then().extract().statusCode(), pool));
            }
            for (CompletableFuture<Integer> result : otherContent) {
                org.junit.jupiter.api.Assertions.assertEquals(409, result.get());
            }
        } finally {
            pool.shutdown();
        }
        RequestAs.viewer().queryParam("measure", key).when().get("/actuals")
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].count", equalTo(clients + 1))
                .body("items[0].sum", equalTo(clients + 10));
    }

    @Test
    void shouldListRawMeasurementsPaginatedAndOmitPeriodsWithoutData() {
        String key = measure("MONTHLY", "LAST");
        Instant at = TestData.thisMonth(5);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            items.add(measurement("p-" + key + "-" + i, key, i, at.plusSeconds(i)));
        }
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch").then().statusCode(200);
        RequestAs.viewer().queryParam("measure", key)
                .queryParam("page", 1).queryParam("size", 2)
                .when().get("/measurements")
                .then().statusCode(200).body("page", equalTo(1)).body("size", equalTo(2)).body("totalItems", equalTo(5)).body("totalPages", equalTo(3))
                .body("items.id", contains("p-" + key + "-2", "p-" + key + "-3"))
                .body("items[0].value", equalTo(2)).body("items[0].occurredAt", equalTo(at.plusSeconds(2).toString()))
                .body("items[0].period", equalTo(TestData.month(at)));
        RequestAs.viewer().queryParam("measure", key).queryParam("from", "2020-01")
                .queryParam("to", "2099-12")
                .when().get("/actuals").then().statusCode(200).body("items", hasSize(1)).body("items[0].value", equalTo(4));
        RequestAs.viewer().queryParam("measure", key).queryParam("from", "2026-W01")
                .when().get("/actuals").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("from"));
        RequestAs.viewer().queryParam("measure", "nothing-" + key)
                .when().get("/actuals").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("Measure 'nothing-" + key + "' does not exist"));
    }

    @Test
    void shouldAcceptInstantsAndPeriodLabelsForFromAndTo() {
        String key = measure("MONTHLY", "LAST");
        Instant at = TestData.thisMonth(7);
        String month = TestData.month(at);
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            items.add(measurement("b-" + key + "-" + i, key, i, at.plusSeconds(i)));
        }
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(items))
                .when().post("/measurements/batch").then().statusCode(200);

        // an instant stands for the period of the measure's cadence it falls in, with any offset
        RequestAs.viewer().queryParam("measure", key).queryParam("from", at.toString())
                .queryParam("to", at.atOffset(ZoneOffset.ofHours(-5)).toString())
                .when().get("/actuals").then().statusCode(200).body("totalItems", equalTo(1))
                .body("items[0].period", equalTo(month)).body("items[0].value", equalTo(2));
        RequestAs.viewer().queryParam("measure", key).queryParam("from", month).queryParam("to", at.toString())
                .when().get("/actuals").then().statusCode(200).body("items.period", contains(month));
        RequestAs.viewer().queryParam("measure", key).queryParam("to", "not-a-time")
                .when().get("/actuals").then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/unprocessable"))
                .body("violations[0].field", equalTo("to"));

        // a period label is its first instant as from and its end, the period included, as to
        RequestAs.viewer().queryParam("measure", key).queryParam("from", month).queryParam("to", month)
                .when().get("/measurements").then().statusCode(200).body("totalItems", equalTo(3));
        RequestAs.viewer().queryParam("measure", key).queryParam("from", at.plusSeconds(1).toString())
                .queryParam("to", at.plusSeconds(2).toString())
                .when().get("/measurements").then().statusCode(200)
                .body("items.id", contains("b-" + key + "-1"));
        RequestAs.viewer().queryParam("measure", key).queryParam("from", TestData.month(at.plusSeconds(40L * 86400)))
                .when().get("/measurements").then().statusCode(200).body("totalItems", equalTo(0));
        RequestAs.viewer().queryParam("measure", key).queryParam("from", "2026-13")
                .when().get("/measurements").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/validation"))
                .body("violations[0].field", equalTo("from"))
                .body("violations[0].message", equalTo("must be an ISO-8601 instant with an offset or a period "
                        + "label (2026-W48, 2026-11, 2026-Q4)"));
    }

    @Test
    void shouldRequireATokenAndTheRightRole() {
        given().contentType(ContentType.JSON).body("{}").when().post("/measurements/batch")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/unauthorized")).body("status", equalTo(401))
                .body("detail", equalTo("A valid bearer token is required")).body("instance", equalTo("/measurements/batch"));
        RequestAs.viewer().contentType(ContentType.JSON).body("{}")
                .when().post("/measurements")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/forbidden")).body("status", equalTo(403))
                .body("detail", equalTo("Your token does not carry a role that may do this"))
                .body("instance", equalTo("/measurements"));
        RequestAs.user("eve", TestTokens.INGEST).queryParam("measure", "x")
                .when().get("/actuals").then().statusCode(403).contentType("application/problem+json");
    }
}
