package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.topline.alerts.stream.StreamAssignment;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class StreamTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Inject
    SettableClock clock;

    @Inject
    @Identifier("alert-stream")
    StreamAssignment assignment;

    @BeforeEach
    void awaitTheStreamReadingTheTopic() {
        // the stream reads topline.alerts from the end as of its assignment: what is published before is not its news
        await().atMost(WAIT).until(assignment::live);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldStreamAlertTransitionsMatchingTheFilters() throws Exception {
        clock.pin(EvaluationAlertTest.NOW);
        String key = TestData.key("retention-stream");
        try (SseConnection connection = SseConnection.open(URI.create(stream + "?measure=" + key + "&kind=MISSED"), null)) {
            TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");

            SseConnection.Event event = connection.next(1, WAIT).get(0);
            assertEquals("topline.alert.fired", event.name());
            JsonNode data = TestData.JSON.readTree(event.data());
            assertEquals(key + ":2026-10:MISSED", data.get("dedupKey").asText());
            assertEquals("FIRING", data.get("state").asText());
            assertEquals(1, data.get("sequence").asInt());
            // the SSE id is the CloudEvent id of the event on topline.alerts
            JsonNode published = TestData.alertEvents(key, found -> !found.isEmpty()).get(0);
            assertEquals(published.get("id").asText(), event.id());
        }

        given().when().get("/alerts/stream").then().statusCode(401).contentType("application/problem+json");
        RequestAs.viewer()
                .queryParam("kind", "LOUD").when().get("/alerts/stream")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("kind"));
    }

    @Test
    void shouldStreamTransitionsPublishedByAnotherReplicaAndResumeWithExactlyTheMissedOnes() throws Exception {
        String key = TestData.key("stream-replica");
        URI ofMeasure = URI.create(stream + "?measure=" + key);
        String first;
        try (SseConnection connection = SseConnection.open(ofMeasure, null)) {
            first = TestData.publishAlertFromAnotherReplica(key, "2026-01");
            SseConnection.Event event = connection.next(1, WAIT).get(0);
            assertEquals(new SseConnection.Event(first, "topline.alert.fired", event.data()), event);
            assertEquals(key + ":2026-01:MISSED", TestData.JSON.readTree(event.data()).get("dedupKey").asText());
        }
        // missed while disconnected
        String second = TestData.publishAlertFromAnotherReplica(key, "2026-02");
        String third = TestData.publishAlertFromAnotherReplica(key, "2026-03");
        try (SseConnection resumed = openOnceStreamed(ofMeasure, first, third)) {
            List<SseConnection.Event> missed = resumed.next(2, WAIT);
            assertEquals(List.of(second, third), missed.stream().map(SseConnection.Event::id).toList());
            String fourth = TestData.publishAlertFromAnotherReplica(key, "2026-04");
            assertEquals(fourth, resumed.next(1, WAIT).get(0).id());
            assertEquals(List.of(), resumed.quiet(Duration.ofSeconds(1)));
        }
    }

    @Test
    void shouldSignalAResetWhenTheLastEventIdIsNoLongerKept() throws Exception {
        String key = TestData.key("stream-reset");
        try (SseConnection connection = SseConnection.open(URI.create(stream + "?measure=" + key), "long-gone-event-id")) {
            SseConnection.Event reset = connection.next(1, WAIT).get(0);
            assertEquals("reset", reset.name());
            assertEquals(null, reset.id());
            assertTrue(TestData.JSON.readTree(reset.data()).get("reason").asText().contains("long-gone-event-id"));
            String next = TestData.publishAlertFromAnotherReplica(key, "2026-05");
            assertEquals(next, connection.next(1, WAIT).get(0).id());
        }
    }

    /** Resumes after {@code lastEventId} once the stream has read {@code newest} (it reads the topic asynchronously). */
    private SseConnection openOnceStreamed(URI uri, String lastEventId, String newest) throws Exception {
        try (SseConnection probe = SseConnection.open(uri, lastEventId)) {
            await().atMost(WAIT).until(() -> probe.quiet(Duration.ofMillis(200)).stream()
                    .anyMatch(e -> newest.equals(e.id())));
        }
        return SseConnection.open(uri, lastEventId);
    }
}
