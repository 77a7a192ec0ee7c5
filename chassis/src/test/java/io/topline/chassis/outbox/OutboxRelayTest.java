package io.topline.chassis.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import kafka.server.BrokerServer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The outbox relay over the real database and broker: the CloudEvent it writes, and a broker outage. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class OutboxRelayTest {

    private static final String TOPIC = "topline.chassis-test";

    @Inject
    Outbox outbox;

    @Test
    void shouldPublishCommittedEventAsStructuredCloudEventOverTheBroker() throws Exception {
        String key = "roundtrip:" + UUID.randomUUID();
        Instant occurredAt = Instant.parse("2026-11-26T10:15:30Z");
        OutboxEvent written = QuarkusTransaction.requiringNew().call(() -> outbox.append("topline.test.roundtrip", key,
                "roundtrip", Map.of("value", new BigDecimal("95.125"), "name", "round trip"), occurredAt));

        TopicRecord record = read(key, 1, Duration.ofSeconds(30)).get(0);

        assertEquals("application/cloudevents+json; charset=UTF-8", record.header("content-type"));
        JsonNode event = record.json();
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(written.eventId().toString(), event.get("id").asText());
        assertEquals("/topline/chassis-test", event.get("source").asText());
        assertEquals("topline.test.roundtrip", event.get("type").asText());
        assertEquals("roundtrip", event.get("subject").asText());
        assertEquals(occurredAt, Instant.parse(event.get("time").asText()));
        assertEquals("application/json", event.get("datacontenttype").asText());
        assertEquals(new BigDecimal("95.125"), event.get("data").get("value").decimalValue());
        assertEquals("round trip", event.get("data").get("name").asText());
        // the data is the stored payload as it is, never parsed and written again
        assertTrue(record.value().endsWith(",\"data\":" + written.payload() + "}"), record.value());
    }

    @Test
    void shouldKeepEventsThroughABrokerOutageAndPublishEachOnceInOrderAfterwards() throws Exception {
        String warmUp = "warm-up:" + UUID.randomUUID();
        append(warmUp, 0);
        read(warmUp, 1, Duration.ofSeconds(30));

        String key = "outage:" + UUID.randomUUID();
        BrokerServer broker = ToplineInfrastructure.kafka().brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
        try {
            for (int i = 1; i <= 20; i++) {
                append(key, i);
            }
            // longer than the producer's delivery timeout (8 s in tests): rounds fail and are retried, which is where
            // a careless relay would publish an event twice
            Thread.sleep(11_000);
            assertEquals(20, pendingRows(), "the events wait in the outbox while the broker is down");
        } finally {
            broker.startup();
            ToplineInfrastructure.kafka().waitForReadyBrokers();
        }

        List<Integer> sequence = read(key, 20, Duration.ofSeconds(90)).stream()
                .map(record -> record.json().get("data").get("sequence").asInt())
                .toList();
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), sequence, "each event once, in commit order");
        assertEquals(0, pendingRows(), "published events leave the outbox");
    }

    @Test
    void shouldPublishTheEventsOfABatchedUnitEachOnceInTheOrderAppendedWithTheirOwnTimes() {
        String key = "batched:" + UUID.randomUUID();
        Instant first = Instant.parse("2026-11-30T23:59:59.123456Z");
        List<OutboxEvent> written = QuarkusTransaction.requiringNew().call(() -> {
            List<OutboxEvent> appended = new ArrayList<>();
            outbox.batched(() -> {
                appended.add(outbox.append("topline.test.sequence", key, key, Map.of("sequence", 1), first));
                // a unit inside another joins it: its events are written with the outer one's, in between
                outbox.batched(() -> appended.add(outbox.append("topline.test.sequence", key, key,
                        Map.of("sequence", 2), first.plusSeconds(1))));
                appended.add(outbox.append("topline.test.sequence", key, key, Map.of("sequence", 3),
                        first.plusSeconds(2)));
            });
            return appended;
        });

        List<TopicRecord> records = read(key, 3, Duration.ofSeconds(30));

        assertEquals(List.of(1, 2, 3),
                records.stream().map(r -> r.json().get("data").get("sequence").asInt()).toList());
        assertEquals(written.stream().map(e -> e.eventId().toString()).toList(),
                records.stream().map(r -> r.json().get("id").asText()).toList());
        assertEquals(List.of(first, first.plusSeconds(1), first.plusSeconds(2)),
                records.stream().map(r -> Instant.parse(r.json().get("time").asText())).toList());
    }

    @Test
    void shouldKeepTheOrderOfABatchedUnitsAppendsAroundAnAppendLatestAndWriteANewTransactionsOwnAtOnce() {
        String key = "batched-latest:" + UUID.randomUUID();
        String inner = "batched-inner:" + UUID.randomUUID();
        Instant at = Instant.parse("2026-12-01T08:00:00Z");
        Runnable failingUnit = () -> outbox.batched(() -> {
            outbox.append("topline.test.sequence", key, key, Map.of("sequence", 1), at);
            // a transaction of its own inside the unit: its event commits with it, not with the unit's
            append(inner, 1);
            throw new IllegalStateException("the unit's transaction rolls back");
        });
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(failingUnit));
        QuarkusTransaction.requiringNew().run(() -> outbox.batched(() -> {
            outbox.append("topline.test.sequence", key, key, Map.of("sequence", 2), at);
            // the latest state of the key: it replaces the unit's waiting event 2, as it would a committed one
            outbox.appendLatest(List.of(new Outbox.NewEvent("topline.test.sequence", key, key,
                    Map.of("sequence", 20))), at);
            outbox.append("topline.test.sequence", key, key, Map.of("sequence", 3), at);
        }));

        List<TopicRecord> records = read(key, 2, Duration.ofSeconds(30));
        List<TopicRecord> inners = read(inner, 1, Duration.ofSeconds(30));

        assertEquals(List.of(20, 3), records.stream().map(r -> r.json().get("data").get("sequence").asInt()).toList());
        assertEquals(List.of(1), inners.stream().map(r -> r.json().get("data").get("sequence").asInt()).toList());
    }

    private void append(String key, int sequence) {
        QuarkusTransaction.requiringNew().run(() -> outbox.append("topline.test.sequence", key, key,
                Map.of("sequence", sequence), Instant.now()));
    }

    /** Every record with {@code key}, read until {@code expected} arrived and the topic stayed quiet 3 s more. */
    private static List<TopicRecord> read(String key, int expected, Duration timeout) {
        try (TopicReader reader = TopicReader.fromBeginning(TOPIC)) {
            reader.readUntil(TopicReader.keyed(key), TopicReader.atLeast(expected), timeout);
            return reader.drain(TopicReader.keyed(key), Duration.ofSeconds(3));
        }
    }

    private static long pendingRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl(), "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select count(*) from outbox_event")) {
            result.next();
            return result.getLong(1);
        }
    }
}
