package io.topline.alerts.silence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.alerts.TestData;
import io.topline.chassis.db.AdvisoryLocks;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Silences and maintenance windows over the real database and broker: a muted alert is recorded and published with
 * silencedBy but not delivered, and is delivered once when its silence ends; a resolve reaches those told of the
 * firing and nobody when the firing was never told.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class SilenceTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    SilenceSweep sweep;
    @Inject
    AdvisoryLocks locks;
    @Inject
    DataSource dataSource;

    HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();

    /** One webhook as the receiver saw it. */
    record Received(String id, JsonNode body) {
    }

    @BeforeEach
    void start() throws IOException {
        clock.pin(NOW);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), TestData.JSON.readTree(body)));
            exchange.sendResponseHeaders(204, -1);
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
    void shouldPublishAMutedMissWithoutDeliveringItAndDeliverItOnceWhenTheSilenceIsExpired() {
        String key = TestData.key("silenced-miss");
        String subscription = subscribe(key);
        ObjectNode request = TestData.silence("CRM migration", TestData.matcher("measure", "EQUALS", key));
        request.put("endsAt", "2026-11-27T12:00:00Z");
        JsonNode created = create(request);
        String silenceId = created.get("id").asText();
        ObjectNode expected = request.deepCopy();
        expected.put("id", silenceId);
        expected.put("state", "ACTIVE");
        expected.put("startsAt", "2026-11-26T12:00:00Z");
        expected.put("untilResolved", false);
        expected.putNull("schedule");
        expected.put("createdBy", "olga@example.com");
        expected.put("createdAt", "2026-11-26T12:00:00Z");
        expected.putNull("endedAt");
        expected.putNull("endedBy");
        expected.put("matchingOpenAlerts", 0);
        expected.put("warning", "matches no open alert");
        assertEquals(expected, created);

        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        JsonPath alert = awaitAlert(key);
        assertEquals(List.of(silenceId), alert.getList("silencedBy"));
        assertEquals("FIRING", alert.getString("state"));
        List<JsonNode> events = TestData.alertEvents(key, e -> e.size() == 1);
        assertEquals("topline.alert.fired", events.get(0).get("type").asText());
        assertEquals(List.of(silenceId), ids(events.get(0).get("data").get("silencedBy")));
        deliveriesOf(subscription).body("totalItems", equalTo(0));

        RequestAs.oncall().when().post("/silences/" + silenceId + "/expire")
                .then().statusCode(200)
                .body("state", equalTo("EXPIRED"))
                .body("endedAt", equalTo("2026-11-26T12:00:00Z"))
                .body("endedBy", equalTo("olga@example.com"));
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 1);
        assertEquals(events.get(0).get("id").asText(), received.get(0).id(), "webhook-id is the event's id");
        assertEquals("topline.alert.fired", received.get(0).body().get("type").asText());
        assertEquals(key + ":2026-10:MISSED", received.get(0).body().get("data").get("dedupKey").asText());
        assertEquals(List.of(), ids(received.get(0).body().get("data").get("silencedBy")));
        RequestAs.viewer().when().get("/alerts/" + alert.getString("id"))
                .then().statusCode(200).body("silencedBy", equalTo(List.of()));

        sweep.sweep();
        sweep.sweep();
        deliveriesOf(subscription).body("totalItems", equalTo(1));
        List<JsonNode> silenceEvents = TestData.silenceEvents(silenceId, 2);
        assertEquals(List.of("topline.silence.created", "topline.silence.expired"),
                silenceEvents.stream().map(e -> e.get("type").asText()).toList());
        assertEquals("silence:" + silenceId, silenceEvents.get(1).get("subject").asText());
        assertEquals("EXPIRED", silenceEvents.get(1).get("data").get("state").asText());
        RequestAs.admin().contentType("application/json").when().post("/silences/" + silenceId + "/expire")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://topline.dev/problems/silence-expired"));
    }

    @Test
    void shouldDeliverWhenEndsAtPassesAndNotifyTheResolveToThoseToldEvenWhileSilenced() {
        String key = TestData.key("silence-ends");
        String subscription = subscribe(key);
        ObjectNode request = TestData.silence("deploy", TestData.matcher("measure", "MATCHES", "silence-ends-.*"),
                TestData.matcher("kind", "NOT_EQUALS", "NO_DATA"));
        // a local date-time is read in the organisation time zone (UTC in tests)
        request.put("endsAt", "2026-11-26T13:00");
        String silenceId = create(request).get("id").asText();
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        String alertId = awaitAlert(key).getString("id");
        deliveriesOf(subscription).body("totalItems", equalTo(0));

        clock.pin(NOW.plus(Duration.ofHours(2)));
        sweep.sweep();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 1);
        RequestAs.viewer().when().get("/silences/" + silenceId)
                .then().statusCode(200)
                .body("state", equalTo("EXPIRED"))
                .body("endsAt", equalTo("2026-11-26T13:00:00Z"))
                .body("endedAt", equalTo("2026-11-26T13:00:00Z"))
                .body("endedBy", equalTo(null));

        ObjectNode again = TestData.silence("still noisy", TestData.matcher("measure", "EQUALS", key));
        again.put("endsAt", "2026-11-27T12:00:00Z");
        JsonNode second = create(again);
        assertEquals(1, second.get("matchingOpenAlerts").asInt());
        assertNull(second.get("warning"));
        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"fixed\"}")
                .when().post("/alerts/" + alertId + "/resolve")
                .then().statusCode(200)
                .body("state", equalTo("RESOLVED"))
                .body("silencedBy", equalTo(List.of(second.get("id").asText())));
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 2);
        assertEquals(List.of("topline.alert.fired", "topline.alert.resolved"),
                received.stream().map(r -> r.body().get("type").asText()).toList());
    }

    @Test
    void shouldNotNotifyAnAlertMutedAllItsLifeAndEndAnUntilResolvedSilenceWhenItResolves() {
        String key = TestData.key("muted-life");
        String subscription = subscribe(key);
        ObjectNode request = TestData.silence("known issue", TestData.matcher("measure", "EQUALS", key));
        request.put("untilResolved", true);
        String silenceId = create(request).get("id").asText();
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        String alertId = awaitAlert(key).getString("id");

        RequestAs.oncall().contentType("application/json").body("{}")
                .when().post("/alerts/" + alertId + "/acknowledge").then().statusCode(200);
        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"fixed\"}")
                .when().post("/alerts/" + alertId + "/resolve").then().statusCode(200);
        RequestAs.viewer().when().get("/silences/" + silenceId)
                .then().statusCode(200)
                .body("state", equalTo("EXPIRED"))
                .body("endedBy", equalTo(null));
        sweep.sweep();
        List<JsonNode> events = TestData.alertEvents(key, e -> e.size() == 3);
        assertEquals(List.of(List.of(silenceId), List.of(silenceId), List.of(silenceId)),
                events.stream().map(e -> ids(e.get("data").get("silencedBy"))).toList());
        deliveriesOf(subscription).body("totalItems", equalTo(0));
        assertEquals(List.of(), received);
    }

    @Test
    void shouldEndAnUntilResolvedSilenceInTheSweepWhenItsLastAlertResolvedUnseenByTheResolve() throws SQLException {
        String key = TestData.key("unseen-resolve");
        ObjectNode request = TestData.silence("known issue", TestData.matcher("measure", "EQUALS", key));
        request.put("untilResolved", true);
        String silenceId = create(request).get("id").asText();
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        String alertId = awaitAlert(key).getString("id");
        // two resolves committed side by side each saw the other's alert open: here, a resolve the silence never saw
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "update alert set state = 'RESOLVED' where id = ?::uuid")) {
            statement.setString(1, alertId);
            statement.executeUpdate();
        }
        RequestAs.viewer().when().get("/silences/" + silenceId)
                .then().statusCode(200).body("state", equalTo("ACTIVE"));

        sweep.sweep();

        RequestAs.viewer().when().get("/silences/" + silenceId)
                .then().statusCode(200)
                .body("state", equalTo("EXPIRED"))
                .body("endedBy", equalTo(null));
    }

    @Test
    void shouldMuteOnlyInsideAMaintenanceWindowAcrossTheEndOfSummerTimeInBerlin() {
        // Sunday 25 October 2026: Berlin's clocks go back from 03:00 CEST to 02:00 CET (01:00 UTC)
        clock.pin(Instant.parse("2026-10-25T02:30:00Z")); // 03:30 CET: inside 02:30-04:00 (in CEST it would be 04:30)
        String prefix = TestData.key("window");
        String inside = prefix + "-inside";
        String outside = prefix + "-outside";
        String subscription = subscribe(inside, outside);
        ObjectNode request = TestData.silence("CRM maintenance",
                TestData.matcher("measure", "MATCHES", prefix + "-(inside|outside)"));
        request.set("schedule", TestData.window("02:30", "04:00", "Europe/Berlin", "SUNDAY"));
        JsonNode created = create(request);
        assertEquals("ACTIVE", created.get("state").asText());
        assertEquals(TestData.JSON.createObjectNode().put("startTime", "02:30").put("endTime", "04:00")
                        .put("timeZone", "Europe/Berlin").set("weekdays", TestData.JSON.createArrayNode().add("SUNDAY")),
                withoutEmptyLists(created.get("schedule")));
        String silenceId = created.get("id").asText();

        TestData.weeklyRetentionWithActual(inside, TestData.key("service"), "2026-W42", "60");
        JsonPath muted = awaitAlert(inside);
        assertEquals(List.of(silenceId), muted.getList("silencedBy"));
        deliveriesOf(subscription).body("totalItems", equalTo(0));

        clock.pin(Instant.parse("2026-10-25T03:05:00Z")); // 04:05 CET: the window has closed
        sweep.sweep();
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 1);
        assertEquals(inside + ":2026-W42:MISSED", received.get(0).body().get("data").get("dedupKey").asText());
        RequestAs.viewer().when().get("/alerts/" + muted.getString("id"))
                .then().statusCode(200).body("silencedBy", equalTo(List.of()));

        TestData.weeklyRetentionWithActual(outside, TestData.key("service"), "2026-W42", "60");
        assertEquals(List.of(), awaitAlert(outside).getList("silencedBy"));
        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= 2);
        assertEquals(outside + ":2026-W42:MISSED", received.get(1).body().get("data").get("dedupKey").asText());
        RequestAs.viewer().queryParam("state", "ACTIVE").when().get("/silences")
                .then().statusCode(200).body("items.id", hasItem(silenceId));
    }

    @Test
    void shouldSweepOnOneReplicaAtATime() {
        // another replica's sweep holds the lock: this one does nothing and says so
        QuarkusTransaction.requiringNew().run(() -> {
            locks.lockForTransaction(SilenceSweep.LOCK);
            assertFalse(sweep.sweep());
        });
        assertTrue(sweep.sweep());
    }

    @Test
    void shouldRefuseInvalidMatchersAndTimesWithProblemsNamingTheField() {
        ObjectNode unknownLabel = TestData.silence("x", TestData.matcher("region", "EQUALS", "emea"));
        unknownLabel.put("endsAt", "2026-11-27T12:00:00Z");
        refused(unknownLabel, 422, "matchers[0].label");
        ObjectNode badRegex = TestData.silence("x", TestData.matcher("measure", "MATCHES", "client-(.*"));
        badRegex.put("endsAt", "2026-11-27T12:00:00Z");
        refused(badRegex, 422, "matchers[0].value");
        ObjectNode longRegex = TestData.silence("x", TestData.matcher("measure", "MATCHES", "a".repeat(201)));
        longRegex.put("endsAt", "2026-11-27T12:00:00Z");
        refused(longRegex, 400, "matchers[0].value");
        ObjectNode operator = TestData.silence("x", TestData.matcher("measure", "LIKE", "a"));
        operator.put("endsAt", "2026-11-27T12:00:00Z");
        refused(operator, 400, "matchers[0].operator");
        ObjectNode noEnd = TestData.silence("x", TestData.matcher("measure", "EQUALS", "a"));
        refused(noEnd, 422, "endsAt");
        ObjectNode badTime = TestData.silence("x", TestData.matcher("measure", "EQUALS", "a"));
        badTime.put("endsAt", "tomorrow");
        refused(badTime, 400, "endsAt");
        ObjectNode past = TestData.silence("x", TestData.matcher("measure", "EQUALS", "a"));
        past.put("endsAt", "2026-11-01T00:00:00Z");
        refused(past, 422, "endsAt");
        ObjectNode noComment = TestData.matcher("measure", "EQUALS", "a");
        ObjectNode withoutComment = TestData.silence("", noComment);
        withoutComment.put("endsAt", "2026-11-27T12:00:00Z");
        refused(withoutComment, 400, "comment");
        ObjectNode zone = TestData.silence("x", TestData.matcher("measure", "EQUALS", "a"));
        zone.set("schedule", TestData.window("01:00", "02:00", "Mars/Olympus", "SUNDAY"));
        refused(zone, 422, "schedule.timeZone");
        ObjectNode backwards = TestData.silence("x", TestData.matcher("measure", "EQUALS", "a"));
        backwards.set("schedule", TestData.window("05:00", "02:00", "Europe/Berlin", "SUNDAY"));
        refused(backwards, 422, "schedule.endTime");
        // catastrophic backtracking on a long label value: refused within the regex time limit, never a 5xx
        String key = TestData.key("a".repeat(40));
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        awaitAlert(key);
        ObjectNode evil = TestData.silence("x", TestData.matcher("measure", "MATCHES", "(.*a){20}"));
        evil.put("endsAt", "2026-11-27T12:00:00Z");
        refused(evil, 422, "matchers");
    }

    @Test
    void shouldLetOnlyAdminsAndOnCallCreateOrExpireAndViewersRead() {
        ObjectNode request = TestData.silence("roles", TestData.matcher("measure", "EQUALS", TestData.key("roles")));
        request.put("endsAt", "2026-11-27T12:00:00Z");
        given().contentType("application/json").body(request.toString()).when().post("/silences")
                .then().statusCode(401).contentType("application/problem+json");
        RequestAs.viewer().contentType("application/json").body(request.toString()).when().post("/silences")
                .then().statusCode(403).contentType("application/problem+json");
        RequestAs.ingest().contentType("application/json").body(request.toString()).when().post("/silences")
                .then().statusCode(403).contentType("application/problem+json");
        String id = RequestAs.admin().contentType("application/json").body(request.toString()).when()
                .post("/silences").then().statusCode(201).body("createdBy", equalTo("ada@example.com"))
                .extract().path("id");
        RequestAs.viewer().when().post("/silences/" + id + "/expire")
                .then().statusCode(403).contentType("application/problem+json");
        RequestAs.viewer().when().get("/silences/" + id).then().statusCode(200).body("state", equalTo("ACTIVE"));
        RequestAs.viewer().queryParam("state", "SLEEPING").when().get("/silences")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("state"));
        RequestAs.viewer().when().get("/silences/not-a-uuid").then().statusCode(404);
        ObjectNode later = TestData.silence("later", TestData.matcher("measure", "EQUALS", TestData.key("later")));
        later.put("startsAt", "2026-11-30T00:00:00+01:00");
        later.put("endsAt", "2026-12-01T00:00:00Z");
        String pending = create(later).get("id").asText();
        RequestAs.viewer().queryParam("state", "PENDING").queryParam("size", 100).when().get("/silences")
                .then().statusCode(200).body("items.id", hasItem(pending))
                .body("items.state", everyItem(equalTo("PENDING")));
    }

    private void refused(ObjectNode request, int status, String field) {
        RequestAs.admin().contentType("application/json").body(request.toString()).when().post("/silences")
                .then().statusCode(status).contentType("application/problem+json")
                .body("violations[0].field", equalTo(field));
    }

    private JsonNode create(ObjectNode request) {
        String body = RequestAs.oncall().contentType("application/json").body(request.toString())
                .when().post("/silences")
                .then().statusCode(201)
                .header("Location", containsString("/silences/"))
                .extract().asString();
        try {
            return TestData.JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private String subscribe(String... measures) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        ObjectNode body = TestData.JSON.createObjectNode().put("url", url);
        body.putArray("measures").addAll(Arrays.stream(measures)
                .map(m -> TestData.JSON.getNodeFactory().textNode(m)).toList());
        return RequestAs.admin().contentType("application/json").body(body.toString())
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    private static JsonPath awaitAlert(String measure) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> RequestAs.viewer().queryParam("measure", measure)
                .when().get("/alerts").then().statusCode(200).body("totalItems", equalTo(1)));
        return RequestAs.viewer().queryParam("measure", measure).when().get("/alerts")
                .then().extract().jsonPath().setRootPath("items[0]");
    }

    private static ValidatableResponse deliveriesOf(String subscription) {
        return RequestAs.admin().when().get("/subscriptions/" + subscription + "/deliveries").then().statusCode(200);
    }

    private static List<String> ids(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode withoutEmptyLists(JsonNode window) {
        ObjectNode copy = window.deepCopy();
        copy.remove(List.of("daysOfMonth", "months"));
        return copy;
    }
}
