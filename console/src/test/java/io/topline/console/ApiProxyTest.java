package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.topline.testinfra.TestTokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
class ApiProxyTest {

    private static final String COOKIE = "topline_session";

    @Test
    void shouldForwardAnApiCallAsTheSignedInRoleAndReturnTheAnswerUnchanged() {
        String token = TestTokens.forRole(TestTokens.VIEWER);

        Response response = RestAssured.given().cookie(COOKIE, token).get("/api/scorecard?cadence=MONTHLY&periods=4");

        assertEquals(200, response.statusCode());
        assertEquals(TestData.scorecard("MONTHLY"), new JsonObject(response.body().asString()));
        List<RecordedApis.Received> calls = RecordedApis.instance().received("GET", "/scorecard");
        RecordedApis.Received last = calls.get(calls.size() - 1);
        assertEquals("Bearer " + token, last.authorization());
        assertEquals("cadence=MONTHLY&periods=4", last.query());
    }

    @Test
    void shouldPassTheApisProblemThrough() {
        Response response = RestAssured.given().cookie(COOKIE, TestTokens.forRole(TestTokens.VIEWER))
                .get("/api/scorecard?cadence=DAILY");

        assertEquals(400, response.statusCode());
        assertEquals("application/problem+json", response.contentType());
        assertEquals(new JsonObject().put("type", "about:blank").put("title", "Bad Request").put("status", 400)
                .put("detail", "cadence must be one of WEEKLY, MONTHLY, QUARTERLY"),
                new JsonObject(response.body().asString()));
    }

    @Test
    void shouldForwardAPostBodyAndTheRolesRefusal() {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Proxy post ratio"));
        String path = "/alerts/" + alert.getString("id") + "/acknowledge";

        Response viewer = RestAssured.given().cookie(COOKIE, TestTokens.forRole(TestTokens.VIEWER))
                .contentType(ContentType.JSON).body("{\"comment\":\"mine\"}").post("/api" + path);
        Response oncall = RestAssured.given().cookie(COOKIE, TestTokens.forRole(TestTokens.ONCALL))
                .contentType(ContentType.JSON).body("{\"comment\":\"on it\"}").post("/api" + path);

        assertEquals(403, viewer.statusCode());
        assertEquals(200, oncall.statusCode());
        assertEquals("ACKNOWLEDGED", oncall.jsonPath().getString("state"));
        assertEquals(List.of("{\"comment\":\"mine\"}", "{\"comment\":\"on it\"}"),
                RecordedApis.instance().received("POST", path).stream().map(RecordedApis.Received::body).toList());
    }

    @Test
    void shouldRefuseAnApiCallWithoutSession() {
        Response response = RestAssured.get("/api/alerts");

        assertEquals(401, response.statusCode());
        assertEquals("application/problem+json", response.contentType());
        assertEquals(new JsonObject().put("type", "about:blank").put("title", "Unauthorized").put("status", 401)
                .put("detail", "Sign in to the console first").put("instance", "/api/alerts"),
                new JsonObject(response.body().asString()));
    }

    @Test
    void shouldAnswerNotFoundForAPathNoServiceOwns() {
        Response response = RestAssured.given().cookie(COOKIE, TestTokens.forRole(TestTokens.VIEWER))
                .get("/api/q/health");

        assertEquals(404, response.statusCode());
        assertEquals(new JsonObject().put("type", "about:blank").put("title", "Not Found").put("status", 404)
                .put("detail", "No API of the suite serves /q/health").put("instance", "/api/q/health"),
                new JsonObject(response.body().asString()));
    }

    @Test
    void shouldResolveDotSegmentsBeforeChoosingTheService() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + RestAssured.port + "/api/alerts/../q/health"))
                .header("Cookie", COOKIE + "=" + TestTokens.forRole(TestTokens.VIEWER)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(404, response.statusCode());
        assertEquals(new JsonObject().put("type", "about:blank").put("title", "Not Found").put("status", 404)
                        .put("detail", "No API of the suite serves /q/health").put("instance", "/api/alerts/../q/health"),
                new JsonObject(response.body()));
    }

    @Test
    void shouldStreamServerSentEventsAsTheyHappenAndPassLastEventId() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port
                        + "/api/alerts/stream"))
                .header("Cookie", COOKIE + "=" + TestTokens.forRole(TestTokens.VIEWER))
                .header("Last-Event-ID", "event-41").build();
        int before = RecordedApis.instance().openStreams();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(null));
            await().atMost(Duration.ofSeconds(10)).until(() -> RecordedApis.instance().openStreams() > before);

            JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Streamed ratio"));

            List<String> event = new ArrayList<>();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:") || line.startsWith("data:")) {
                    event.add(line);
                }
                if (line.startsWith("data:") && line.contains(alert.getString("id"))) {
                    break;
                }
            }
            assertEquals(2, event.size(), event.toString());
            assertEquals("event: topline.alert.fired", event.get(0));
            assertEquals(alert.copy().put("alertId", alert.getString("id")),
                    new JsonObject(event.get(1).substring("data: ".length())));
        }
        List<RecordedApis.Received> streams = RecordedApis.instance().received("GET", "/alerts/stream");
        assertEquals("event-41", streams.get(streams.size() - 1).lastEventId());
    }
}
