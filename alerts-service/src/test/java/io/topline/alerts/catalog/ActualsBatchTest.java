package io.topline.alerts.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Polls of many actuals (the consumer's batch path): applied in one transaction with the same evaluations and alerts
 * as one by one, and a bad record among good ones dead-lettered alone.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ActualsBatchTest {

    /** In November 2026: October is closed and past its grace time, so its evaluations are final. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final String OCTOBER = "2026-10";
    private static final int TOPIC_PARTITIONS = 3;
    /** Each case's actuals as (revision, value), published in this order: misses, an amber, a correction, a stale. */
    private static final List<List<Step>> CASES = List.of(
            List.of(new Step(1, "40")),
            List.of(new Step(1, "55")),
            List.of(new Step(1, "70")),
            List.of(new Step(1, "30")),
            List.of(new Step(1, "70"), new Step(2, "45")),
            List.of(new Step(2, "75"), new Step(1, "20")));

    @Inject
    SettableClock clock;
    @Inject
    ChannelRegistry channels;
    @Inject
    MeterRegistry meters;
    @Inject
    ActualRepository actuals;

    @AfterEach
    void resetClock() {
        clock.reset();
        channel().resume();
    }

    @Test
    void shouldApplyAPollOfActualsForManyMeasuresWithTheEvaluationsAndAlertsOfOneByOne() {
        clock.pin(NOW);
        String driver = TestData.key("batch-driver");
        TestData.publishDriver(driver, "Batching", "SERVICE", 1);
        List<String> alone = defineMeasures(driver, "alone");
        List<String> together = defineMeasures(driver, "together");
        for (int i = 0; i < CASES.size(); i++) {
            for (Step actual : CASES.get(i)) {
                publish(alone.get(i), actual);
                String measure = alone.get(i);
                // one record at a time: each is applied before the next is sent
                await().atMost(Duration.ofSeconds(30)).until(() -> evaluation(measure) != null);
            }
        }
        long pollsBefore = togetherPolls();

        whilePaused(() -> {
            for (int i = 0; i < CASES.size(); i++) {
                for (Step actual : CASES.get(i)) {
                    publish(together.get(i), actual);
                }
            }
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals(
                evaluationsAs(alone, "case"), evaluationsAs(together, "case")));
        assertTrue(togetherPolls() > pollsBefore, "the records came in one poll and were applied together");
        // the poll's rows are written by statement, one by one's by Hibernate: the same columns either way
        assertEquals(storedActuals(alone), storedActuals(together));
        List<String> statuses = alone.stream().map(measure -> evaluation(measure).path("status").asText()).toList();
        assertEquals(List.of("MISSED", "AT_RISK", "MET", "MISSED", "MISSED", "MET"), statuses);
        assertEquals(firedByCase(alone), firedByCase(together));
        assertEquals(List.of(1, 0, 0, 1, 1, 0), firedByCase(together));
    }

    @Test
    void shouldDeadLetterOnlyTheBadRecordOfAPollAndApplyItsNeighbours() {
        clock.pin(NOW);
        String driver = TestData.key("batch-driver");
        TestData.publishDriver(driver, "Batching", "SERVICE", 1);
        // by key the bad record sorts between its neighbours, so the poll's transaction fails after applying one; all
        // three share a partition, so that they come in one fetch
        String missed = TestData.octoberMeasure(driver, "Misses", "60");
        String bad = samePartition("zz-" + missed, missed);
        String met = samePartition("zzz-" + missed, missed);
        TestData.publishMeasure(met, driver, "Meets", "NUMBER", "SUM", "HIGHER_IS_BETTER", Cadence.MONTHLY, 1,
                TestData.target(1, OCTOBER, "60", "50", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> evaluation(missed) != null);
        long oneByOneBefore = oneByOnePolls();

        // one producer batch in one partition: the consumer fetches the three records together
        publishTogether(List.of(actual(missed, "MONTHLY", 2, 40), actual(bad, "FORTNIGHTLY", 1, 1),
                actual(met, "MONTHLY", 1, 80)));

        await().atMost(Duration.ofSeconds(30)).until(() -> evaluation(met) != null
                && "MISSED".equals(evaluation(missed).path("status").asText()));
        assertEquals("MET", evaluation(met).path("status").asText());
        assertTrue(oneByOnePolls() > oneByOneBefore, "a poll of several records fell back to one by one");
        List<TopicRecord> dead;
        try (TopicReader deadLetters = TopicReader.fromBeginning("topline.actuals.alerts-service.dlq")) {
            deadLetters.readFirst(TopicReader.keyed(bad + ":" + OCTOBER), Duration.ofSeconds(30));
            dead = deadLetters.drain(TopicReader.keyed(bad + ":" + OCTOBER, missed + ":" + OCTOBER,
                    met + ":" + OCTOBER), Duration.ofSeconds(1));
        }
        assertEquals(List.of(bad + ":" + OCTOBER), dead.stream().map(TopicRecord::key).toList());
        assertTrue(dead.get(0).header("dead-letter-reason").contains("cadence"), dead.get(0).toString());
        assertEquals(List.of(1, 0), fired(List.of(missed, met)));
    }

    private List<String> defineMeasures(String driver, String group) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < CASES.size(); i++) {
            String key = TestData.key(group + "-" + i);
            TestData.publishMeasure(key, driver, "Case " + i, "NUMBER", "SUM", "HIGHER_IS_BETTER", Cadence.MONTHLY, 1,
                    TestData.target(1, OCTOBER, "60", "50", "CRITICAL", Instant.parse("2026-09-20T08:00:00Z")));
            keys.add(key);
        }
        // the measures are in the catalog before any actual: a batch must not race its own definitions
        String last = keys.get(keys.size() - 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> RequestAs.viewer().queryParam("cadence", "MONTHLY")
                .queryParam("periods", 1).when().get("/scorecard").then().extract().asString().contains(last));
        return keys;
    }

    /** A measure key starting with {@code prefix} whose October record lands in the partition of {@code other}'s. */
    private static String samePartition(String prefix, String other) {
        int wanted = partitionOf(other + ":" + OCTOBER);
        for (int i = 0; ; i++) {
            String candidate = prefix + "-" + i;
            if (partitionOf(candidate + ":" + OCTOBER) == wanted) {
                return candidate;
            }
        }
    }

    /** The producer's default partition for a keyed record of topline.actuals (three partitions in the tests). */
    private static int partitionOf(String recordKey) {
        return Utils.toPositive(Utils.murmur2(recordKey.getBytes(StandardCharsets.UTF_8))) % TOPIC_PARTITIONS;
    }

    private static void publish(String measure, Step actual) {
        TestData.publishActual(measure, Cadence.MONTHLY, "SUM", OCTOBER, actual.value(), actual.revision());
    }

    /** One actual of a case: its revision and value. */
    private record Step(long revision, String value) {
    }

    /**
     * Publishes while the consumer is paused, so that the records wait for it; SmallRye's pause holds the stream, not
     * the fetches, so they come in several polls of a few records each (the test needs at least one of several).
     */
    private void whilePaused(Runnable publishing) {
        channel().pause();
        try {
            // a poll already under way when the pause came is handed over first
            Thread.sleep(1_000);
            publishing.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            channel().resume();
        }
    }

    private PausableChannel channel() {
        return channels.getPausable("actuals");
    }

    /**
     * An October actual of a SUM measure as metrics-service publishes it; a cadence no contract knows
     * ({@code FORTNIGHTLY}) is a rule the record breaks, so it is not retried.
     */
    private static ProducerRecord<String, String> actual(String measure, String cadence, long revision, int value) {
        ObjectNode event = TestData.JSON.createObjectNode();
        event.put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "/topline/metrics-service").put("type", "topline.actual.updated")
                .put("subject", measure + ":" + OCTOBER).put("time", NOW.toString());
        ObjectNode data = event.putObject("data");
        data.put("measure", measure).put("period", OCTOBER).put("cadence", cadence)
                .put("periodStart", "2026-10-01T00:00:00Z").put("periodEnd", "2026-11-01T00:00:00Z")
                .put("aggregation", "SUM").put("value", value).put("count", revision).put("sum", value)
                .put("min", value).put("max", value).put("last", value)
                .put("lastOccurredAt", "2026-10-01T01:00:00Z").put("revision", revision)
                .put("updatedAt", NOW.toString());
        return new ProducerRecord<>("topline.actuals", measure + ":" + OCTOBER, event.toString());
    }

    /** Sends the records as one producer batch (they share a partition), acknowledged by the broker. */
    private static void publishTogether(List<ProducerRecord<String, String>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ToplineInfrastructure.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            records.forEach(record -> sent.add(producer.send(record)));
            producer.flush();
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not publish the poll's records", e);
        }
    }

    private static JsonNode evaluation(String measure) {
        JsonNode items = TestData.JSON.valueToTree(RequestAs.viewer().queryParam("measure", measure)
                .queryParam("period", OCTOBER).when().get("/evaluations").then().statusCode(200)
                .extract().jsonPath().getList("items"));
        return items.isEmpty() ? null : items.get(0);
    }

    /** Each measure's whole evaluation with its key replaced by its case number, so two groups compare. */
    private static Map<Integer, JsonNode> evaluationsAs(List<String> measures, String field) {
        Map<Integer, JsonNode> byCase = new LinkedHashMap<>();
        for (int i = 0; i < measures.size(); i++) {
            JsonNode evaluation = evaluation(measures.get(i));
            if (evaluation != null) {
                ((ObjectNode) evaluation).put("measure", field + " " + i);
            }
            byCase.put(i, evaluation);
        }
        return byCase;
    }

    /** Each measure's stored October actual, every column but its id, key and arrival, as text. */
    private List<String> storedActuals(List<String> measures) {
        return QuarkusTransaction.requiringNew().call(() -> measures.stream()
                .map(measure -> actuals.findFor(measure, OCTOBER).map(a -> String.join(" ", a.period(),
                        String.valueOf(a.cadence()), String.valueOf(a.periodStart()), String.valueOf(a.value()),
                        String.valueOf(a.count()), String.valueOf(a.sum()), String.valueOf(a.min()),
                        String.valueOf(a.max()), String.valueOf(a.last()), String.valueOf(a.revision())))
                        .orElse("none"))
                .toList());
    }

    private static List<Integer> firedByCase(List<String> measures) {
        return fired(measures);
    }

    /** How many topline.alert.fired events each measure has on topline.alerts, after a quiet second. */
    private static List<Integer> fired(List<String> measures) {
        Predicate<TopicRecord> ofMeasures = TopicReader.keyed(measures.toArray(String[]::new));
        List<TopicRecord> records;
        try (TopicReader alerts = TopicReader.fromBeginning("topline.alerts")) {
            records = alerts.drain(ofMeasures, Duration.ofSeconds(2));
        }
        return measures.stream().map(measure -> (int) records.stream()
                .filter(r -> measure.equals(r.key()) && "topline.alert.fired".equals(r.json().path("type").asText()))
                .count()).toList();
    }

    private long togetherPolls() {
        return polls("together");
    }

    private long oneByOnePolls() {
        return polls("one-by-one");
    }

    private long polls(String applied) {
        DistributionSummary summary = meters.find("topline.consumer.poll.records").tag("applied", applied).summary();
        return summary == null ? 0 : summary.count();
    }
}
