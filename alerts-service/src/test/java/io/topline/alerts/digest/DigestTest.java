package io.topline.alerts.digest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.LocalReceiver;
import io.topline.alerts.TestData;
import io.topline.alerts.receiver.ReceiverSchemas;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A digest goes out on its schedule (Monday 08:00 in the organisation time zone) once, however often the schedule is
 * checked, with the red and amber measures its filters pick, their upstream causes and the open alerts; a digest-only
 * receiver hears of no alert in between.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DigestTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    /** Monday 30 November 2026, 08:00:30 UTC: half a minute after the digest fell due. */
    private static final Instant MONDAY = Instant.parse("2026-11-30T08:00:30Z");

    @Inject
    SettableClock clock;
    @Inject
    DigestService digests;

    LocalReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        clock.pin(NOW);
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        clock.reset();
    }

    @Test
    void shouldSendTheMondayDigestOnceWithRedAndAmberMeasuresTheirCausesAndOpenAlerts() {
        String marketing = TestData.key("marketing");
        String sales = TestData.key("sales");
        TestData.publishDriver(marketing, "Marketing", "MARKETING", 1, sales);
        TestData.publishDriver(sales, "Sales", "SALES", 1);
        String slack = subscribe("SLACK", "/slack", marketing, sales);
        String webhook = subscribe("WEBHOOK", "/webhook", marketing, sales);
        String leads = TestData.octoberMeasure(marketing, "Marketing-qualified leads", "40");
        awaitAlerts(leads);
        String closing = TestData.octoberMeasure(sales, "Closing ratio", "45");
        String pipeline = TestData.octoberMeasure(sales, "Pipeline value", "55");
        String wins = TestData.octoberMeasure(sales, "Wins", "70");
        awaitAlerts(closing);
        await().atMost(Duration.ofSeconds(30)).until(() -> evaluated(wins) && evaluated(pipeline));

        assertEquals(0, digests.sendDue(), "last Monday's digest fell due before the subscriptions existed");
        clock.pin(MONDAY);
        assertEquals(2, digests.sendDue());
        assertEquals(0, digests.sendDue(), "each digest once");
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.bodies("/slack").size() == 1
                && receiver.bodies("/webhook").size() == 1);
        assertEquals(1, receiver.bodies("/slack").size(), "a digest-only receiver gets no alert, only the digest");

        JsonNode digest = receiver.bodies("/webhook").get(0);
        assertEquals(List.of("topline.digest", "2026-11-30T08:00:00Z", 4, 1, 1, 2, 0, 2),
                List.of(digest.get("type").asText(), digest.at("/data/dueAt").asText(),
                        digest.at("/data/counts/measures").asInt(), digest.at("/data/counts/met").asInt(),
                        digest.at("/data/counts/atRisk").asInt(), digest.at("/data/counts/missed").asInt(),
                        digest.at("/data/counts/noData").asInt(), digest.at("/data/counts/openAlerts").asInt()));
        assertEquals(List.of(closing, leads).stream().sorted().toList(),
                keys(digest.at("/data/red"), "key").stream().sorted().toList());
        assertEquals(List.of(pipeline), keys(digest.at("/data/amber"), "key"));
        JsonNode closingRow = row(digest.at("/data/red"), closing);
        assertEquals(List.of("Marketing-qualified leads (Marketing) MISSED in 2026-10"),
                keys(closingRow.get("likelyCauses"), null));
        assertEquals(List.of(closing, leads).stream().sorted().toList(),
                keys(digest.at("/data/openAlerts"), "measureKey").stream().sorted().toList());

        JsonNode message = receiver.bodies("/slack").get(0);
        ReceiverSchemas.assertValid(ReceiverSchemas.SLACK, message);
        assertEquals("Topline digest: 2 red, 1 amber, 2 open alerts (4 measures)", message.get("text").asText());
        String text = message.toString();
        assertTrue(text.contains("Closing ratio · Sales · 2026-10") && text.contains("upstream: Marketing-qualified "
                + "leads (Marketing) MISSED in 2026-10") && text.contains("/console/measures/" + pipeline), text);

        clock.pin(MONDAY.plus(Duration.ofDays(7)));
        assertEquals(2, digests.sendDue(), "next Monday's");
        RequestAs.admin().when().get("/subscriptions/" + slack).then().statusCode(200)
                .body("digest", equalTo("0 8 * * MON")).body("digestOnly", equalTo(true));
        RequestAs.admin().when().delete("/subscriptions/" + slack).then().statusCode(204);
        RequestAs.admin().when().delete("/subscriptions/" + webhook).then().statusCode(204);
    }

    @Test
    void shouldRefuseBadSchedulesAndShowTheDigestToViewers() {
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"digest\":\"every monday\"}")
                .when().post("/subscriptions").then().statusCode(400).body("violations[0].field", equalTo("digest"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"digest\":\"0 8 30 2 *\"}")
                .when().post("/subscriptions").then().statusCode(400).body("violations[0].field", equalTo("digest"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"digestOnly\":true}")
                .when().post("/subscriptions").then().statusCode(422)
                .body("violations[0].field", equalTo("digestOnly"));
        RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"ALERTMANAGER\",\"url\":\"" + receiver.url("/am") + "\",\"digest\":\"0 8 * * MON\"}")
                .when().post("/subscriptions").then().statusCode(422).body("violations[0].field", equalTo("digest"));
        RequestAs.viewer().when().get("/digest").then().statusCode(200).body("timeZone", equalTo("UTC"));
    }

    private String subscribe(String kind, String path, String marketing, String sales) {
        return RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"" + kind + "\",\"url\":\"" + receiver.url(path) + "\",\"drivers\":[\""
                        + marketing + "\",\"" + sales + "\"],\"digest\":\"0 8 * * MON\",\"digestOnly\":true}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
    }

    private static boolean evaluated(String measure) {
        return RequestAs.viewer().queryParam("measure", measure).when().get("/evaluations").then().statusCode(200)
                .extract().jsonPath().getInt("totalItems") == 1;
    }

    private static void awaitAlerts(String measure) {
        await().atMost(Duration.ofSeconds(60)).until(() -> RequestAs.viewer().queryParam("measure", measure)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath().getInt("totalItems") == 1);
    }

    private static JsonNode row(JsonNode rows, String key) {
        for (JsonNode row : rows) {
            if (key.equals(row.get("key").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }

    private static List<String> keys(JsonNode rows, String field) {
        List<String> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(field == null ? row.asText() : row.get(field).asText()));
        return keys;
    }
}
