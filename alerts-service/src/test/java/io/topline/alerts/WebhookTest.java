package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.delivery.DeliveryWorker;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class WebhookTest {


    @Inject
    SettableClock clock;
    @Inject
    DeliveryWorker worker;

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile String secret;

    /** One request as the receiver saw it, and whether its signature verified. */
    record Received(String path, String id, long timestamp, String body, boolean signatureValid, long atMillis) {
    }

    @BeforeEach
    void start() throws IOException {
        // time runs on from the test's instant: retries become due as they would in production
        clock.startAt(EvaluationAlertTest.NOW);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            received.add(new Received(exchange.getRequestURI().getPath(), id, timestamp, body,
                    verify(secret, id, timestamp, body, signature), System.currentTimeMillis()));
            int status;
            if (exchange.getRequestURI().getPath().equals("/gone")) {
                status = 410;
            } else {
                int call = calls.incrementAndGet();
                status = call == 1 ? 500 : call == 2 ? 429 : 204;
                if (call == 2) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        clock.reset();
    }

    @Test
    void shouldDeliverSignedWebhooksRetryingAfterTwoFailuresAndRecordEveryAttempt() {
        String key = TestData.key("retention-hook");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/topline";
        io.restassured.response.Response created = RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"description\":\"on-call bridge\",\"measures\":[\"" + key
                        + "\"],\"kinds\":[\"MISSED\"],\"minSeverity\":\"WARNING\"}")
                .when().post("/subscriptions")
                .then().statusCode(201)
                .header("Location", containsString("/subscriptions/"))
                .body("url", equalTo(url))
                .body("measures", contains(key))
                .body("kinds", contains("MISSED"))
                .body("drivers", hasSize(0))
                .body("minSeverity", equalTo("WARNING"))
                .body("active", equalTo(true))
                .body("createdBy", equalTo("ada@example.com"))
                .body("secret", startsWith("whsec_"))
                .extract().response();
        String id = created.path("id");
        secret = created.path("secret");
        RequestAs.admin().when().get("/subscriptions/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("secret", nullValue());
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");

        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() >= 3);
        assertEquals(3, received.size(), "two failures, then one success: " + received);
        assertTrue(received.stream().allMatch(Received::signatureValid), "every signature verifies");
        assertEquals(1, received.stream().map(Received::id).distinct().count(), "webhook-id is stable across retries");
        assertTrue(received.get(2).atMillis() - received.get(1).atMillis() >= 900, "Retry-After: 1 was honoured");
        JsonNode payload = EventContracts.example("topline.alert.fired");
        JsonNode body = parse(received.get(0).body());
        assertEquals("topline.alert.fired", body.get("type").asText());
        assertEquals(payload.get("data").size(), body.get("data").size());
        assertEquals(key + ":2026-10:MISSED", body.get("data").get("dedupKey").asText());

        // the receiver answers before the worker records the attempt, so the log catches up a moment later
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> RequestAs.admin()
                .when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(200)
                .body("totalItems", equalTo(1))
                .body("items[0].messageId", equalTo(received.get(0).id()))
                .body("items[0].eventType", equalTo("topline.alert.fired"))
                .body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].attempts", equalTo(3))
                .body("items[0].attemptLog.statusCode", contains(500, 429, 204))
                .body("items[0].attemptLog.outcome", contains("RETRY", "RETRY", "SUCCEEDED")));

        // what a restart does first: look for pending deliveries; nothing of this one is sent twice (the round may
        // carry retries of other tests' subscriptions, so it is judged by this receiver and this subscription's log)
        worker.startDueAttempts();
        assertEquals(3, received.size());
        RequestAs.admin().when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(200).body("totalItems", equalTo(1)).body("items[0].attempts", equalTo(3));
    }

    @Test
    void shouldDisableTheSubscriptionOnGoneAndNotRetry() {
        String key = TestData.key("retention-gone");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/gone";
        String id = RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"measures\":[\"" + key + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "60");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.admin()
                .when().get("/subscriptions/" + id).then().statusCode(200).body("active", equalTo(false)));
        RequestAs.admin().when().get("/subscriptions/" + id + "/deliveries")
                .then().statusCode(200)
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].attemptLog.outcome", contains("GONE"));
        assertEquals(1, received.size());
    }

    @Test
    void shouldRefuseSubscriptionsWithoutAdminRoleOrWithBadInput() {
        given().contentType("application/json").body("{\"url\":\"https://example.com\"}").when().post("/subscriptions")
                .then().statusCode(401).contentType("application/problem+json");
        RequestAs.oncall()
                .contentType("application/json").body("{\"url\":\"https://example.com\"}").when().post("/subscriptions")
                .then().statusCode(403).contentType("application/problem+json");
        RequestAs.admin().contentType("application/json").body("{\"url\":")
                .when().post("/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/malformed-json"))
                .body("title", equalTo("Malformed JSON"))
                .body("status", equalTo(400))
                .body("detail", equalTo("The request body is not valid JSON at field 'url'"))
                .body("instance", equalTo("/subscriptions"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"https://example.com\",\"kinds\":[\"LOUD\"]}").when().post("/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("kinds[0]"));
        RequestAs.admin().contentType("application/json").body("{\"url\":\"ftp://example.com/x\"}")
                .when().post("/subscriptions")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"));
        RequestAs.admin().contentType("application/json").body("{\"url\":\"\"}")
                .when().post("/subscriptions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"));
    }

    static boolean verify(String secret, String id, long timestamp, String body, String signature) {
        if (secret == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            String expected = "v1," + Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            for (String candidate : signature.split(" ")) {
                if (candidate.equals(expected)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    static JsonNode parse(String json) {
        try {
            return TestData.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError(json, e);
        }
    }
}
