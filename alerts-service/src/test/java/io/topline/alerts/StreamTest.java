package io.topline.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TestTokens;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class StreamTest {

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldStreamAlertTransitionsMatchingTheFilters() throws Exception {
        clock.pin(EvaluationAlertTest.NOW);
        String key = TestData.key("retention-stream");
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stream + "?measure=" + key + "&kind=MISSED"))
                .header("Authorization", TestTokens.bearerForRole(TestTokens.VIEWER))
                .header("Accept", "text/event-stream")
                .build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());

        CompletableFuture<List<String>> firstEvent = CompletableFuture.supplyAsync(() -> {
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty() && lines.stream().anyMatch(l -> l.startsWith("data:"))) {
                        return lines;
                    }
                    if (!line.isEmpty() && !line.startsWith(":")) {
                        lines.add(line);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return lines;
        });
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");

        List<String> lines = firstEvent.get(30, TimeUnit.SECONDS);
        assertEquals("event:topline.alert.fired", lines.stream().filter(l -> l.startsWith("event:"))
                .findFirst().orElseThrow().replace(" ", ""));
        JsonNode data = TestData.JSON.readTree(lines.stream().filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim()).findFirst().orElseThrow());
        assertEquals(key + ":2026-10:MISSED", data.get("dedupKey").asText());
        assertEquals("FIRING", data.get("state").asText());
        assertEquals(1, data.get("sequence").asInt());
        response.body().close();

        given().when().get("/alerts/stream").then().statusCode(401).contentType("application/problem+json");
        RequestAs.viewer()
                .queryParam("kind", "LOUD").when().get("/alerts/stream")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("kind"));
    }
}
