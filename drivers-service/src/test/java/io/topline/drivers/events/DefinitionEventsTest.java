package io.topline.drivers.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.drivers.TestData;
import io.topline.testinfra.EventContracts;
import io.topline.testinfra.ToplineInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        List<ConsumerRecord<String, String>> records = DefinitionsTopic.read(Set.of(driverKey, measureKey), 7,
                Duration.ofSeconds(60), Duration.ofSeconds(1));

        List<JsonNode> driverEvents = validated(DefinitionsTopic.of(records, driverKey));
        assertEquals(List.of("topline.driver.defined", "topline.driver.defined", "topline.driver.archived"),
                driverEvents.stream().map(e -> e.get("type").asText()).toList());
        assertEquals(List.of(1, 2, 3), driverEvents.stream().map(e -> e.get("data").get("revision").asInt()).toList());
        JsonNode archived = driverEvents.get(2);
        assertEquals(driverKey, archived.get("subject").asText());
        assertEquals("/topline/drivers-service", archived.get("source").asText());
        assertTrue(archived.get("data").get("archived").asBoolean());
        assertEquals(0, archived.get("data").get("feedsInto").size());
        assertEquals(downstream, driverEvents.get(0).get("data").get("feedsInto").get(0).asText());

        List<JsonNode> measureEvents = validated(DefinitionsTopic.of(records, measureKey));
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
        for (ConsumerRecord<String, String> record : records) {
            assertEquals("application/cloudevents+json; charset=UTF-8", DefinitionsTopic.contentType(record));
        }
    }

    @Test
    void shouldKeepTheContractExamplesValid() {
        for (String type : List.of("topline.driver.defined", "topline.driver.archived", "topline.measure.defined",
                "topline.measure.archived")) {
            EventContracts.assertValid(type, EventContracts.example(type));
        }
    }

    private static List<JsonNode> validated(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> {
            JsonNode event = EventContracts.assertValid(record.value());
            assertEquals(record.key(), event.get("subject").asText());
            return event;
        }).toList();
    }
}
