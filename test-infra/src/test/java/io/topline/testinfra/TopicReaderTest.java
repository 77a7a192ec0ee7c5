package io.topline.testinfra;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one Kafka read helper of the tests, against the real broker the modules' tests use. */
class TopicReaderTest {

    private static final ToplineInfrastructure INFRASTRUCTURE = new ToplineInfrastructure();
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        INFRASTRUCTURE.start();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        producer.close();
        INFRASTRUCTURE.stop();
    }

    @Test
    void shouldReadFromTheBeginningWithKeysHeadersAndTheCheckedCloudEvent() throws Exception {
        String topic = topic();
        String event = EventContracts.example("topline.actual.updated").toString();
        send(topic, "other", "{}", Map.of());
        send(topic, "revenue", event, Map.of("content-type", "application/cloudevents+json; charset=UTF-8"));

        try (TopicReader reader = TopicReader.fromBeginning(topic)) {
            TopicRecord record = reader.readFirst(TopicReader.keyed("revenue"), Duration.ofSeconds(30));

            assertEquals("revenue", record.key());
            assertEquals(event, record.value());
            assertEquals(Map.of("content-type", "application/cloudevents+json; charset=UTF-8"), record.headers());
            assertNull(record.header("dead-letter-reason"));
            assertEquals(EventContracts.example("topline.actual.updated"), record.event());
            assertEquals("topline.actual.updated", record.event().get("type").asText());
            assertEquals(EventContracts.example("topline.actual.updated").get("data"), record.data());
            // two keys may sit in two partitions, whose records come in no fixed order between them
            assertEquals(List.of("other", "revenue"), reader.drain(r -> true, Duration.ZERO).stream()
                    .map(TopicRecord::key).sorted().toList());
        }
    }

    @Test
    void shouldReadOnlyWhatIsPublishedAfterOpeningFromTheEnd() throws Exception {
        String topic = topic();
        send(topic, "before", "1", Map.of());
        try (TopicReader reader = TopicReader.fromEnd(topic)) {
            send(topic, "after", "2", Map.of());

            assertEquals(List.of("after"), reader.readUntil(r -> true, TopicReader.atLeast(1), Duration.ofSeconds(30))
                    .stream().map(TopicRecord::key).toList());
            assertEquals(List.of("after"), reader.drain(r -> true, Duration.ofMillis(500)).stream()
                    .map(TopicRecord::key).toList());
        }
    }

    @Test
    void shouldSeeInADrainWhatArrivesAfterTheAwaitedRecords() throws Exception {
        String topic = topic();
        try (TopicReader reader = TopicReader.fromBeginning(topic)) {
            send(topic, "k", "first", Map.of());
            List<TopicRecord> awaited = reader.readUntil(TopicReader.keyed("k"), TopicReader.atLeast(1),
                    Duration.ofSeconds(30));
            send(topic, "k", "duplicate", Map.of());

            assertEquals(List.of("first"), awaited.stream().map(TopicRecord::value).toList());
            assertEquals(List.of("first", "duplicate"), reader.drain(TopicReader.keyed("k"), Duration.ZERO).stream()
                    .map(TopicRecord::value).toList());
        }
    }

    @Test
    void shouldFailWithWhatItSawWhenTheAwaitedRecordsDoNotCome() throws Exception {
        String topic = topic();
        send(topic, "k", "only one", Map.of());
        try (TopicReader reader = TopicReader.fromBeginning(topic)) {
            AssertionError error = assertThrows(AssertionError.class, () -> reader.readUntil(TopicReader.keyed("k"),
                    TopicReader.atLeast(2), Duration.ofSeconds(2)));

            assertTrue(error.getMessage().contains("1 matched") && error.getMessage().contains("only one"),
                    error.getMessage());
        }
    }

    @Test
    void shouldHandEachRecordToTheListenerAndFailWhenTheListenerFails() throws Exception {
        String topic = topic();
        TopicReader reader = TopicReader.open(ToplineInfrastructure.bootstrapServers(), topic,
                TopicReader.Start.BEGINNING, record -> {
                    throw new AssertionError("listener refused " + record.value());
                });
        send(topic, "k", "v", Map.of());

        AssertionError error = assertThrows(AssertionError.class, () -> reader.readUntil(r -> true,
                TopicReader.atLeast(2), Duration.ofSeconds(30)));
        assertTrue(error.getMessage().contains("listener refused v"), error.getMessage());
        assertThrows(AssertionError.class, reader::close);
    }

    private static String topic() {
        return "test-reader-" + UUID.randomUUID();
    }

    private static void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
    }
}
