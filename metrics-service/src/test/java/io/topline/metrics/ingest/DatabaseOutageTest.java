package io.topline.metrics.ingest;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PostgreSQL restart under load: every answer is a 2xx or a 503 with Retry-After, never a 500; everything
 * acknowledged is stored afterwards; and an Idempotency-Key whose request failed with the database is free at once.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DatabaseOutageTest {

    private static final String INGEST_USER = TestTokens.userOf(TestTokens.INGEST);

    @Inject
    MeasureCatalog catalog;

    @TestHTTPResource("/measurements")
    URI singles;

    @TestHTTPResource("/measurements/batch")
    URI batches;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String bearer = TestTokens.bearerForRole(TestTokens.INGEST);

    /** What the load saw: statuses by count, 503s without Retry-After, and the ids of acknowledged measurements. */
    private record Observed(Map<Integer, AtomicInteger> statuses, AtomicInteger unavailableWithoutRetryAfter,
                            Set<String> acknowledged) {
    }

    @Test
    void shouldAnswerOnly2xxOr503AndLoseNothingAcknowledgedWhilePostgresRestarts() throws Exception {
        assumeTrue(ToplineInfrastructure.embeddedPostgres(), "only the embedded PostgreSQL can be restarted");
        String measure = TestData.uniqueKey("outage");
        TestData.defineMeasure(catalog, measure, "MONTHLY", "SUM");
        Observed observed = new Observed(new ConcurrentHashMap<>(), new AtomicInteger(), ConcurrentHashMap.newKeySet());
        AtomicBoolean loading = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(5);
        List<Future<?>> load = new ArrayList<>();
        for (int client = 0; client < 4; client++) {
            String prefix = measure + "-single-" + client + "-";
            load.add(clients.submit(() -> postSinglesWhile(loading, measure, prefix, observed)));
        }
        load.add(clients.submit(() -> postBatchesWhile(loading, measure, measure + "-batch-", observed)));
        String idempotencyKey = measure + "-key";
        Map<String, Object> keyedBatch = TestData.batch(List.of(
                TestData.measurement(measure + "-keyed-1", measure, 1, TestData.thisMonth(5)),
                TestData.measurement(measure + "-keyed-2", measure, 2, TestData.thisMonth(6))));
        try {
            Thread.sleep(1_500);
            ToplineInfrastructure.stopPostgres();
            try {
                Thread.sleep(1_500);
                HttpResponse<String> whileDown = post(batches, keyedBatch, idempotencyKey);
                assertEquals(503, whileDown.statusCode(), whileDown.body());
                assertTrue(whileDown.headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
            } finally {
                ToplineInfrastructure.startPostgres();
            }
            // the pool drops its dead connections and the service serves again
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    post(singles, TestData.measurement(null, measure, 0, TestData.thisMonth(1)), null).statusCode() == 201);
            Thread.sleep(1_000);
        } finally {
            loading.set(false);
            for (Future<?> client : load) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        HttpResponse<String> retried = post(batches, keyedBatch, idempotencyKey);
        assertEquals(200, retried.statusCode(), retried.body());
        observed.acknowledged().add(measure + "-keyed-1");
        observed.acknowledged().add(measure + "-keyed-2");

        Set<Integer> statuses = new HashSet<>(observed.statuses().keySet());
        assertTrue(Set.of(200, 201, 503).containsAll(statuses), "statuses seen: " + observed.statuses());
        assertTrue(statuses.contains(503), "the outage was seen: " + observed.statuses());
        assertEquals(0, observed.unavailableWithoutRetryAfter().get());
        Set<String> stored = storedClientIds(measure);
        Set<String> lost = new HashSet<>(observed.acknowledged());
        lost.removeAll(stored);
        assertEquals(Set.of(), lost, "acknowledged but not stored");
    }

    @Test
    void shouldLetAKeyWhoseRequestDiedBeRetriedAtOnce() throws Exception {
        String measure = TestData.uniqueKey("died");
        TestData.defineMeasure(catalog, measure, "MONTHLY", "SUM");
        String key = measure + "-key";
        try (Connection db = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl())) {
            // what a request leaves behind when the database restarts under it: a claim nobody holds
            insertClaim(db, key, "another-body");
        }

        HttpResponse<String> retried = post(batches, TestData.batch(List.of(
                TestData.measurement(measure + "-1", measure, 1, TestData.thisMonth(5)))), key);

        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(1, TestData.json(retried.body()).get("accepted").asInt(), retried.body());
    }

    @Test
    void shouldAnswerInFlightOnlyWhileTheClaimIsHeld() throws Exception {
        String measure = TestData.uniqueKey("held");
        TestData.defineMeasure(catalog, measure, "MONTHLY", "SUM");
        String key = measure + "-key";
        Map<String, Object> body = TestData.batch(List.of(
                TestData.measurement(measure + "-1", measure, 1, TestData.thisMonth(5))));
        // the same body under another key, so that the claim below carries this body's fingerprint
        assertEquals(200, post(batches, body, key + "-first").statusCode());
        try (Connection db = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl())) {
            insertClaim(db, key, fingerprintOf(db, key + "-first"));
            db.setAutoCommit(false);
            try (PreparedStatement hold = db.prepareStatement("SELECT 1 FROM idempotency_record "
                    + "WHERE principal = ? AND idempotency_key = ? FOR KEY SHARE")) {
                hold.setString(1, INGEST_USER);
                hold.setString(2, key);
                hold.executeQuery().close();
            }

            HttpResponse<String> running = post(batches, body, key);
            assertEquals(409, running.statusCode(), running.body());
            assertEquals("https://topline.dev/problems/idempotency-key-in-flight",
                    TestData.json(running.body()).get("type").asText(), running.body());
            db.rollback();
        }

        HttpResponse<String> afterwards = post(batches, body, key);
        assertEquals(200, afterwards.statusCode(), afterwards.body());
    }

    private static void insertClaim(Connection db, String key, String fingerprint) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO idempotency_record "
                + "(principal, idempotency_key, fingerprint, created_at) VALUES (?, ?, ?, now())")) {
            insert.setString(1, INGEST_USER);
            insert.setString(2, key);
            insert.setString(3, fingerprint);
            insert.executeUpdate();
        }
    }

    private static String fingerprintOf(Connection db, String key) throws Exception {
        try (PreparedStatement select = db.prepareStatement("SELECT fingerprint FROM idempotency_record "
                + "WHERE principal = ? AND idempotency_key = ?")) {
            select.setString(1, INGEST_USER);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private void postSinglesWhile(AtomicBoolean loading, String measure, String prefix, Observed observed) {
        for (int i = 0; loading.get(); i++) {
            String id = prefix + i;
            HttpResponse<String> response = postQuietly(singles, TestData.measurement(id, measure, 1,
                    TestData.thisMonth(10)), null, observed);
            if (response != null && response.statusCode() == 201) {
                observed.acknowledged().add(id);
            }
        }
    }

    private void postBatchesWhile(AtomicBoolean loading, String measure, String prefix, Observed observed) {
        for (int i = 0; loading.get(); i++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int item = 0; item < 20; item++) {
                items.add(TestData.measurement(prefix + i + "-" + item, measure, 1, TestData.thisMonth(20)));
            }
            HttpResponse<String> response = postQuietly(batches, TestData.batch(items), prefix + i, observed);
            if (response != null && response.statusCode() == 200) {
                items.forEach(item -> observed.acknowledged().add((String) item.get("id")));
            }
        }
    }

    private HttpResponse<String> postQuietly(URI uri, Object body, String idempotencyKey, Observed observed) {
        try {
            HttpResponse<String> response = post(uri, body, idempotencyKey);
            observed.statuses().computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                observed.unavailableWithoutRetryAfter().incrementAndGet();
            }
            if (response.statusCode() == 503) {
                Thread.sleep(50);
            }
            return response;
        } catch (Exception e) {
            // a request the service never answered acknowledges nothing; count it as a status of its own
            observed.statuses().computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            return null;
        }
    }

    private HttpResponse<String> post(URI uri, Object body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TestData.MAPPER.writeValueAsString(body)));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> storedClientIds(String measure) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection db = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl());
             PreparedStatement select = db.prepareStatement("SELECT client_id FROM measurement WHERE measure_key = ?")) {
            select.setString(1, measure);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }
}
