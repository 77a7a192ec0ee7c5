package io.topline.alerts.grouping;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A month closing with five red measures of one function sends each grouping receiver one message that lists every
 * alert with its upstream cause, after its group wait; receivers that take one event per alert get five.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class GroupingTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";

    @Inject
    SettableClock clock;
    @Inject
    NotificationGroups groups;

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
    void shouldSendAMonthClosingWithFiveRedMeasuresAsOneMessagePerReceiverListingEachWithItsCause() {
        String marketing = TestData.key("marketing");
        String sales = TestData.key("sales");
        TestData.publishDriver(marketing, "Marketing", "MARKETING", 1, sales);
        TestData.publishDriver(sales, "Sales", "SALES", 1);
        String leads = TestData.octoberMeasure(marketing, "Marketing-qualified leads", "40");
        awaitAlerts(leads, 1);
        subscribe("SLACK", "/slack", sales, "PT1M");
        subscribe("TEAMS", "/teams", sales, "PT1M");
        subscribe("WEBHOOK", "/grouped", sales, "PT1M");
        subscribe("WEBHOOK", "/each", sales, null);
        subscribe("PAGERDUTY", "/pagerduty", sales, null);

        List<String> closing = IntStream.rangeClosed(1, 5)
                .mapToObj(i -> TestData.octoberMeasure(sales, "Closing ratio " + i, "4" + i)).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.bodies("/each").size() == 5
                && receiver.bodies("/pagerduty").size() == 5);
        assertEquals(0, groups.closeDue(), "the group waits a minute after its first member");
        assertEquals(List.of(0, 0, 0), counts("/slack", "/teams", "/grouped"));

        clock.pin(NOW.plusSeconds(60));
        assertEquals(3, groups.closeDue(), "one message per grouping receiver");
        assertEquals(0, groups.closeDue(), "each group is sent once");
        await().atMost(Duration.ofSeconds(30)).until(() -> counts("/slack", "/teams", "/grouped")
                .equals(List.of(1, 1, 1)));

        JsonNode grouped = receiver.bodies("/grouped").get(0);
        List<String> eachIds = receiver.requests("/each").stream().map(r -> r.header("webhook-id")).sorted().toList();
        List<String> memberIds = new ArrayList<>();
        List<String> memberMeasures = new ArrayList<>();
        for (JsonNode member : grouped.at("/data/notifications")) {
            memberIds.add(member.get("id").asText());
            memberMeasures.add(member.at("/data/measure/key").asText());
            assertEquals("topline.alert.fired", member.get("type").asText());
            assertEquals(leads, member.at("/data/likelyCauses/0/measureKey").asText(), "each member names its cause");
        }
        assertEquals(List.of("topline.alert.group", "FUNCTION=SALES,PERIOD=2026-10",
                        Map.of("function", "SALES", "period", "2026-10"), 5, eachIds, closing.stream().sorted().toList()),
                List.of(grouped.get("type").asText(), grouped.at("/data/groupKey").asText(),
                        TestData.JSON.convertValue(grouped.at("/data/labels"), Map.class),
                        grouped.at("/data/count").asInt(), memberIds.stream().sorted().toList(),
                        memberMeasures.stream().sorted().toList()),
                "the group lists the messages the per-alert receiver got, with their webhook-ids");
        assertTrue(receiver.requests("/grouped").get(0).header("webhook-id").startsWith("group-"));

        JsonNode slack = receiver.bodies("/slack").get(0);
        ReceiverSchemas.assertValid(ReceiverSchemas.SLACK, slack);
        assertEquals("5 alerts · SALES · 2026-10", slack.get("text").asText());
        List<String> sections = new ArrayList<>();
        slack.get("blocks").forEach(block -> {
            if ("section".equals(block.get("type").asText())) {
                sections.add(block.at("/text/text").asText());
            }
        });
        assertEquals(5, sections.size());
        sections.forEach(text -> assertTrue(text.contains("[FIRING] CRITICAL MISSED: Closing ratio")
                && text.contains("upstream: Marketing-qualified leads"), text));

        JsonNode teams = receiver.bodies("/teams").get(0);
        ReceiverSchemas.assertValid(ReceiverSchemas.TEAMS, teams);
        JsonNode card = teams.at("/attachments/0/content");
        assertEquals(List.of("5 alerts · SALES · 2026-10", 6, "http://127.0.0.1:8080/console/inbox"),
                List.of(card.at("/body/0/text").asText(), card.get("body").size(),
                        card.at("/actions/0/url").asText()));
    }

    @Test
    void shouldRefuseAGroupWaitForReceiversThatGroupThemselvesAndShowTheGroupingOfOthers() {
        RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"PAGERDUTY\",\"routingKey\":\"" + ROUTING_KEY + "\",\"groupWait\":\"PT1M\"}")
                .when().post("/subscriptions").then().statusCode(422)
                .body("violations[0].field", equalTo("groupWait"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"groupWait\":\"PT30.5S\"}")
                .when().post("/subscriptions").then().statusCode(422)
                .body("violations[0].field", equalTo("groupWait"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"groupWait\":\"PT2H\"}")
                .when().post("/subscriptions").then().statusCode(422)
                .body("violations[0].field", equalTo("groupWait"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"groupWait\":\"PT1M\",\"groupBy\":[\"DRIVER\","
                        + "\"DRIVER\"]}")
                .when().post("/subscriptions").then().statusCode(422)
                .body("violations[0].field", equalTo("groupBy"));
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + receiver.url("/x") + "\",\"groupWait\":\"PT1M\",\"groupBy\":[\"NOPE\"]}")
                .when().post("/subscriptions").then().statusCode(400);
        String id = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"SLACK\",\"url\":\"" + receiver.url("/slack") + "\",\"groupWait\":\"PT45S\","
                        + "\"groupBy\":[\"DRIVER\",\"PERIOD\"]}")
                .when().post("/subscriptions").then().statusCode(201)
                .body("groupWait", equalTo("PT45S"))
                .body("groupBy", equalTo(List.of("DRIVER", "PERIOD"))).extract().path("id");
        RequestAs.admin().when().delete("/subscriptions/" + id).then().statusCode(204);
    }

    private void subscribe(String kind, String path, String driver, String groupWait) {
        String body = "{\"receiver\":\"" + kind + "\",\"url\":\"" + receiver.url(path) + "\",\"drivers\":[\""
                + driver + "\"]" + (groupWait == null ? "" : ",\"groupWait\":\"" + groupWait + "\"")
                + ("PAGERDUTY".equals(kind) ? ",\"routingKey\":\"" + ROUTING_KEY + "\"" : "") + "}";
        RequestAs.admin().contentType("application/json").body(body)
                .when().post("/subscriptions").then().statusCode(201);
    }

    private List<Integer> counts(String... paths) {
        return Arrays.stream(paths).map(path -> receiver.bodies(path).size()).toList();
    }

    private static void awaitAlerts(String measure, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> RequestAs.viewer().queryParam("measure", measure)
                .when().get("/alerts").then().statusCode(200).extract().jsonPath().getInt("totalItems") == count);
    }
}
