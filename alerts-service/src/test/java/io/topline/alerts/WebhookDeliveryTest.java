package io.topline.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.topline.alerts.alert.AlertEventData;
import io.topline.alerts.delivery.DeliveryService;
import io.topline.alerts.delivery.DeliveryWorker;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delivery over the real database to a local receiver: retries of every non-2xx answer, 410 and abort, replays with
 * the same webhook-id, re-enabling, and subscribers that cannot slow down or stop each other.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class WebhookDeliveryTest {

    @Inject
    SettableClock clock;
    @Inject
    DeliveryService deliveries;
    @Inject
    DeliveryWorker worker;
    @Inject
    DataSource dataSource;

    HttpServer server;
    ExecutorService handlers;
    final List<Received> received = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** One request as the receiver saw it. */
    record Received(String path, String webhookId, long atNanos) {
    }

    @BeforeEach
    void start() throws IOException {
        clock.reset();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // a thread per request: a receiver that hangs must not hold up the others on the receiving side either
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Answers by the path's first segment and how often this path was called. */
    private void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"), System.nanoTime()));
        int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        String kind = path.split("/")[1];
        int status = switch (kind) {
            case "flaky" -> call == 1 ? 404 : call == 2 ? 400 : 204;
            case "abort" -> call <= 3 ? 422 : 204;
            case "gone-once" -> call == 1 ? 410 : 204;
            case "hang" -> hang();
            default -> 204;
        };
        if (kind.equals("abort") && status == 422) {
            exchange.getResponseHeaders().add("webhook-abort", "true");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static int hang() {
        try {
            Thread.sleep(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 204;
    }

    @Test
    void shouldRetryEveryNon2xxAnswerUntilTheReceiverTakesTheMessage() {
        String key = TestData.key("flaky");
        String id = subscribe("/flaky/" + key, key);
        String message = deliver(key);

        awaitDeliveries(id, 1).body("items[0].messageId", equalTo(message))
                .body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].attempts", equalTo(3))
                .body("items[0].lastStatus", equalTo(204))
                .body("items[0].replayOf", nullValue())
                .body("items[0].attemptLog.attempt", contains(1, 2, 3))
                .body("items[0].attemptLog.statusCode", contains(404, 400, 204))
                .body("items[0].attemptLog.outcome", contains("RETRY", "RETRY", "SUCCEEDED"));
        assertEquals(List.of(message, message, message), idsAt("/flaky/" + key), "the same webhook-id every time");
    }

    @Test
    void shouldStopRetryingWhenTheReceiverAborts() throws InterruptedException {
        String key = TestData.key("abort");
        String id = subscribe("/abort/" + key, key);
        deliver(key);

        awaitDeliveries(id, 1).body("items[0].status", equalTo("FAILED"))
                .body("items[0].attempts", equalTo(1))
                .body("items[0].nextAttemptAt", nullValue())
                .body("items[0].attemptLog.statusCode", contains(422))
                .body("items[0].attemptLog.outcome", contains("ABORTED"));
        Thread.sleep(600); // three test-profile retry pauses: nothing more comes
        assertEquals(1, idsAt("/abort/" + key).size());
    }

    @Test
    void shouldDisableOnGoneAndDeliverNewMessagesOnceEnabledAgain() {
        String key = TestData.key("gone");
        String id = subscribe("/gone-once/" + key, key);
        deliver(key);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> RequestAs.admin().when().get("/subscriptions/" + id)
                .then().statusCode(200).body("active", equalTo(false))
                .body("disabledReason", notNullValue()));
        RequestAs.oncall().when().post("/subscriptions/" + id + "/enable")
                .then().statusCode(403).contentType("application/problem+json");

        RequestAs.admin().when().post("/subscriptions/" + id + "/enable")
                .then().statusCode(200).body("id", equalTo(id)).body("active", equalTo(true))
                .body("disabledReason", nullValue()).body("secret", nullValue());
        String second = deliver(key);

        awaitDeliveries(id, 2).body("items[0].messageId", equalTo(second))
                .body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[0].attemptLog.outcome", contains("SUCCEEDED"))
                .body("items[1].status", equalTo("FAILED"))
                .body("items[1].attemptLog.outcome", contains("GONE"));
    }

    @Test
    void shouldReplayOneDeliveryAsANewAttemptSeriesWithTheSameWebhookId() {
        String key = TestData.key("replay-one");
        String id = subscribe("/ok/" + key, key);
        String message = deliver(key);
        String original = awaitDeliveries(id, 1).body("items[0].status", equalTo("SUCCEEDED"))
                .extract().path("items[0].id");

        RequestAs.admin().when().post("/subscriptions/" + id + "/deliveries/" + original + "/replay")
                .then().statusCode(202)
                .body("messageId", equalTo(message))
                .body("status", equalTo("PENDING"))
                .body("attempts", equalTo(0))
                .body("replayOf", equalTo(original))
                .body("attemptLog", hasSize(0));

        awaitDeliveries(id, 2).body("items.replayOf", contains(original, null))
                .body("items.messageId", contains(message, message))
                .body("items.status", contains("SUCCEEDED", "SUCCEEDED"))
                .body("items[0].attemptLog.attempt", contains(1))
                .body("items[1].attemptLog.attempt", contains(1));
        assertEquals(List.of(message, message), idsAt("/ok/" + key));
        RequestAs.admin().when().post("/subscriptions/" + id + "/deliveries/" + UUID.randomUUID() + "/replay")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldReplayEveryMessageSinceAnInstantWithTheirWebhookIds() {
        String key = TestData.key("replay-since");
        String id = subscribe("/abort/" + key, key);
        deliver(key);
        awaitDeliveries(id, 1).body("items[0].status", equalTo("FAILED"));
        Instant since = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String first = deliver(key);
        String second = deliver(key);
        awaitDeliveries(id, 3).body("items.status", contains("FAILED", "FAILED", "FAILED"));

        RequestAs.admin().contentType("application/json").body("{\"since\":\"" + since + "\"}")
                .when().post("/subscriptions/" + id + "/replay")
                .then().statusCode(202)
                .body("since", equalTo(since.toString()))
                .body("replayed", equalTo(2))
                .body("stillPending", equalTo(0));

        awaitDeliveries(id, 5).body("items[0].status", equalTo("SUCCEEDED"))
                .body("items[1].status", equalTo("SUCCEEDED"));
        List<String> ids = idsAt("/abort/" + key);
        assertEquals(Set.of(first, second), Set.copyOf(ids.subList(3, 5)), "replays carry the original webhook-ids");
        RequestAs.admin().contentType("application/json").body("{}")
                .when().post("/subscriptions/" + id + "/replay")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void shouldNotLetAHangingOrUnresolvableReceiverDelayAnotherSubscriber() {
        String slowKey = TestData.key("slow");
        String hanging = subscribe("/hang/" + slowKey, slowKey);
        String unresolvable = subscribeUrl("http://webhooks.unresolvable.invalid/hook", slowKey);
        deliver(slowKey);
        await().atMost(Duration.ofSeconds(5)).until(() -> !idsAt("/hang/" + slowKey).isEmpty());
        String fastKey = TestData.key("fast");
        String fast = subscribe("/ok/" + fastKey, fastKey);

        long scheduled = System.nanoTime();
        deliver(fastKey);
        await().atMost(Duration.ofSeconds(5)).until(() -> !idsAt("/ok/" + fastKey).isEmpty());
        long millis = (at("/ok/" + fastKey) - scheduled) / 1_000_000;
        // one attempt to the hanging receiver takes the test timeout (2 s) and one more second before it gives up
        assertTrue(millis < 2000, "the fast subscriber got its message " + millis + " ms after it was scheduled");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> deliveriesOf(fast)
                .body("items[0].status", equalTo("SUCCEEDED")));

        // the hanging attempt is still in flight: its message cannot be replayed into a second series meanwhile
        String inFlight = deliveriesOf(hanging).body("items[0].status", equalTo("PENDING")).extract().path("items[0].id");
        RequestAs.admin().when().post("/subscriptions/" + hanging + "/deliveries/" + inFlight + "/replay")
                .then().statusCode(409).contentType("application/problem+json");
        assertNull(worker.died());
        RequestAs.admin().when().delete("/subscriptions/" + hanging).then().statusCode(204);
        RequestAs.admin().when().delete("/subscriptions/" + unresolvable).then().statusCode(204);
    }

    @Test
    void shouldFailOnlyTheSubscriptionWhoseSecretCannotBeDecrypted() throws SQLException {
        String key = TestData.key("secret");
        String healthy = subscribe("/ok/" + key, key);
        String broken = subscribe("/ok/broken-" + key, key);
        byte[] garbage = new byte[48];
        new java.security.SecureRandom().nextBytes(garbage);
        overwriteSecret(broken, "v1:" + Base64.getEncoder().encodeToString(garbage));
        String message = deliver(key);

        awaitDeliveries(healthy, 1).body("items[0].status", equalTo("SUCCEEDED"));
        awaitDeliveries(broken, 1).body("items[0].messageId", equalTo(message))
                .body("items[0].status", equalTo("FAILED"))
                .body("items[0].attempts", equalTo(1))
                .body("items[0].lastStatus", nullValue())
                .body("items[0].attemptLog.outcome", contains("SECRET_UNREADABLE"))
                .body("items[0].attemptLog.statusCode", contains((Object) null))
                .body("items[0].attemptLog.error", contains("The secret of subscription " + broken
                        + " cannot be decrypted: topline.webhooks.secret-encryption-key is not the key it was stored with"));
        assertEquals(List.of(message), idsAt("/ok/" + key));
        assertEquals(List.of(), idsAt("/ok/broken-" + key));
        RequestAs.admin().when().delete("/subscriptions/" + broken).then().statusCode(204);
    }

    private String subscribe(String path, String measureKey) {
        return subscribeUrl("http://127.0.0.1:" + server.getAddress().getPort() + path, measureKey);
    }

    private static String subscribeUrl(String url, String measureKey) {
        return RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"measures\":[\"" + measureKey + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    /** Schedules a fired alert about the measure, as an alert transition does; returns its webhook-id. */
    private String deliver(String measureKey) {
        String messageId = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew().run(() -> deliveries.schedule(messageId, "topline.alert.fired",
                clock.instant(), alert(measureKey)));
        return messageId;
    }

    private static AlertEventData alert(String measureKey) {
        Instant now = Instant.now();
        return new AlertEventData(UUID.randomUUID().toString(), measureKey + ":2026-10:MISSED", "MISSED", "FIRING",
                "CRITICAL", new AlertEventData.DriverRef("service", "Service", "SERVICE"),
                new AlertEventData.MeasureRef(measureKey, "Retention", "PERCENT", null, "HIGHER_IS_BETTER", "MONTHLY"),
                "2026-10", new BigDecimal("88.0"),
                new AlertEventData.TargetRef(1, new BigDecimal("95"), new BigDecimal("90")),
                new AlertEventData.EvaluationRef("MISSED", "CLOSED", null, now), Map.of("measure", measureKey),
                "Retention missed its target", new AlertEventData.TransitionRef("NONE", "FIRING", now, null, null), 1,
                List.of(), List.of());
    }

    private ValidatableResponse awaitDeliveries(String subscriptionId, int count) {
        // the receiver answers before the worker records, so the log catches up a moment later
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> deliveriesOf(subscriptionId)
                .body("totalItems", equalTo(count))
                .body("items.status", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("PENDING"))));
        return deliveriesOf(subscriptionId);
    }

    private static ValidatableResponse deliveriesOf(String subscriptionId) {
        return RequestAs.admin().when().get("/subscriptions/" + subscriptionId + "/deliveries").then().statusCode(200);
    }

    private List<String> idsAt(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::webhookId)
                .collect(Collectors.toList());
    }

    private long at(String path) {
        return received.stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow().atNanos();
    }

    private void overwriteSecret(String subscriptionId, String stored) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "update subscription set secret_ciphertext = ? where id = ?")) {
            update.setString(1, stored);
            update.setObject(2, UUID.fromString(subscriptionId));
            assertEquals(1, update.executeUpdate());
        }
    }
}
