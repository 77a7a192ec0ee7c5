package io.topline.drivers.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.drivers.TestData;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.topline.drivers.TestData.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the service publishes on the real broker matches the event contracts, revision by revision. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DefinitionEventsTest {

    @Test
    void shouldPublishEveryChangeAsFullStateEventsThatMatchTheirContracts() {
        String downstream = TestData.createDriver("finance");
        String driver = TestData.createDriver("sales", downstream);
        asAdmin().header("If-Match", "\"1\"").body(TestData.driverUpdate(driver)).put("/drivers/" + driver)
                .then().statusCode(200);
        Map<String, Object> body = TestData.measure(TestData.key("revenue"), driver);
        body.put("unit", "CURRENCY");
        body.put("currency", "EUR");
        body.put("aggregation", "SUM");
        String measure = TestData.createMeasure(body);
        asAdmin().body(TestData.target("2026-10", 100000.50, 80000)).post("/measures/" + measure + "/targets")
                .then().statusCode(201);
        asAdmin().body(TestData.target("2026-10", 120000, 90000)).post("/measures/" + measure + "/targets")
                .then().statusCode(201);
        asAdmin().header("If-Match", "\"2\"").post("/drivers/" + driver + "/archive").then().statusCode(200);

        String driverKey = "driver:" + driver;
        String measureKey = "measure:" + measure;
        Predicate<TopicRecord> ofThese = TopicReader.keyed(driverKey, measureKey);
        List<TopicRecord> records;
        try (TopicReader topic = TopicReader.fromBeginning("topline.definitions")) {
            topic.readUntil(ofThese, TopicReader.atLeast(7), Duration.ofSeconds(60));
            // a duplicate arriving late would be seen too
            records = topic.drain(ofThese, Duration.ofSeconds(1));
        }

        List<JsonNode> driverEvents = validated(records, driverKey);
        assertEquals(List.of("topline.driver.defined", "topline.driver.defined", "topline.driver.archived"),
                driverEvents.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(List.of(1, 2, 3), driverEvents.stream().map(e -> e.get("data").get("revision").asInt()).toList());
        JsonNode archived = driverEvents.get(2);
        assertEquals(driverKey, archived.get("subject").asText());
        assertEquals("/topline/drivers-service", archived.get("source").asText());
        assertTrue(archived.get("data").get("archived").asBoolean());
        assertEquals(0, archived.get("data").get("feedsInto").size());
        assertEquals(downstream, driverEvents.get(0).get("data").get("feedsInto").get(0).asText());

        List<JsonNode> measureEvents = validated(records, measureKey);
        assertEquals(List.of("topline.measure.defined", "topline.measure.defined", "topline.measure.defined",
                "topline.measure.archived"), measureEvents.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(List.of(1, 2, 3, 4), measureEvents.stream().map(e -> e.get("data").get("revision").asInt()).toList());
        assertEquals(List.of(0, 1, 2, 2), measureEvents.stream().map(e -> e.get("data").get("targets").size()).toList());
        JsonNode last = measureEvents.get(3).get("data");
        assertEquals(driver, last.get("driverKey").asText());
        assertEquals("EUR", last.get("currency").asText());
        assertEquals("100000.5", last.get("targets").get(0).get("successLevel").decimalValue().toPlainString());
        assertEquals(2, last.get("targets").get(1).get("version").asInt());
        assertEquals("2026-10", last.get("targets").get(1).get("effectiveFrom").asText());
        assertTrue(last.get("archived").asBoolean());
        for (TopicRecord record : records) {
            assertEquals("application/cloudevents+json; charset=UTF-8", record.header("content-type"));
        }
    }

    @Test
    void shouldKeepTheContractExamplesValid() {
        for (String type : List.of("topline.driver.defined", "topline.driver.archived", "topline.measure.defined",
                "topline.measure.archived")) {
            EventContracts.assertValid(type, EventContracts.example(type));
        }
    }

    /** The events of one key, in the order the topic holds them (one key lives in one partition), each checked. */
    private static List<JsonNode> validated(List<TopicRecord> records, String key) {
        return records.stream().filter(TopicReader.keyed(key)).map(record -> {
            JsonNode event = record.event();
            assertEquals(record.key(), event.get("subject").asText());
            return event;
        }).toList();
    }
}
