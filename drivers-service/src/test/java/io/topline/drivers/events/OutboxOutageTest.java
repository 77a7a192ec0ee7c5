package io.topline.drivers.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.drivers.TestData;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import static io.topline.drivers.TestData.asAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Writes succeed while the broker is down; afterwards each event is published once, in order per key. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OutboxOutageTest {

    @Test
    void shouldAcceptWritesWhileTheBrokerIsDownAndPublishEachEventOnceInOrderAfterwards() throws Exception {
        // the producer knows the topic before the outage, as it would in production
        String warmUp = TestData.createDriver("warm-up");
        try (TopicReader topic = TopicReader.fromBeginning("topline.definitions")) {
            topic.readFirst(TopicReader.keyed("driver:" + warmUp), Duration.ofSeconds(60));
        }

        BrokerServer broker = ToplineInfrastructure.kafka().brokers().values().iterator().next();
        String bootstrap = ToplineInfrastructure.kafka().bootstrapServers();
        String driver = TestData.key("outage");
        String measure = TestData.key("outage-m");
        broker.shutdown();
        broker.awaitShutdown();
        try {
            asAdmin().body(TestData.driver(driver)).post("/drivers").then().statusCode(201);
            var update = TestData.driverUpdate(driver);
            update.put("name", "Renamed during the outage");
            asAdmin().header("If-Match", "\"1\"").body(update).put("/drivers/" + driver).then().statusCode(200);
            asAdmin().body(TestData.measure(measure, driver)).post("/measures").then().statusCode(201);
            asAdmin().body(TestData.target("2026-11", 95, 90)).post("/measures/" + measure + "/targets").then().statusCode(201);
            asAdmin().body(TestData.target("2026-12", 96, 91)).post("/measures/" + measure + "/targets").then().statusCode(201);
            asAdmin().header("If-Match", "\"2\"").post("/drivers/" + driver + "/archive").then().statusCode(200);
            // longer than the producer's delivery timeout (8 s in tests): the relay's round fails and is retried,
            // which is where a careless relay would publish an event twice
            Thread.sleep(11_000);
            assertTrue(pendingOutboxRows() >= 7, "the events wait in the outbox while the broker is down");
        } finally {
            broker.startup();
            ToplineInfrastructure.kafka().waitForReadyBrokers();
        }
        assertEquals(bootstrap, ToplineInfrastructure.kafka().bootstrapServers(), "the broker came back on its port");

        String driverKey = "driver:" + driver;
        String measureKey = "measure:" + measure;
        Predicate<TopicRecord> ofThese = TopicReader.keyed(driverKey, measureKey);
        List<TopicRecord> records;
        try (TopicReader topic = TopicReader.fromBeginning("topline.definitions")) {
            topic.readUntil(ofThese, TopicReader.atLeast(7), Duration.ofSeconds(90));
            // a duplicate published late by a retried relay round would be seen too
            records = topic.drain(ofThese, Duration.ofSeconds(3));
        }

        Set<String> ids = new HashSet<>();
        records.forEach(record -> ids.add(record.event().get("id").asText()));
        assertEquals(7, records.size(), "every event exactly once");
        assertEquals(7, ids.size(), "no event twice");
        assertEquals(List.of(1, 2, 3), revisions(records, driverKey));
        assertEquals(List.of(1, 2, 3, 4), revisions(records, measureKey));
    }

    /** The revisions of one key's events, in the order the topic holds them (one key lives in one partition). */
    private static List<Integer> revisions(List<TopicRecord> records, String key) {
        return records.stream().filter(TopicReader.keyed(key)).map(TopicRecord::event)
                .map((JsonNode event) -> event.get("data").get("revision").asInt())
                .toList();
    }

    private static long pendingOutboxRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from outbox_event")) {
            result.next();
            return result.getLong(1);
        }
    }
}
