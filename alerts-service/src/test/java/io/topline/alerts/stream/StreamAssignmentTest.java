package io.topline.alerts.stream;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where the stream's consumer resumes a partition handed back to it (Kafka's MockConsumer keeps positions; the broker
 * restart itself is played by e2e-tests' ReplicasFaultTest, whose surviving stream must miss nothing).
 */
class StreamAssignmentTest {

    private static final TopicPartition ALERTS_0 = new TopicPartition("topline.alerts", 0);

    @Test
    void shouldStartANewPartitionAtTheEndAndResumeAHandedBackOneAfterTheLastRecordTaken() {
        MockConsumer<String, String> consumer = new MockConsumer<>("latest");
        consumer.updateEndOffsets(Map.of(ALERTS_0, 40L));
        consumer.assign(List.of(ALERTS_0));
        StreamAssignment assignment = new StreamAssignment();

        assignment.onPartitionsAssigned(consumer, List.of(ALERTS_0));
        assertEquals(40L, consumer.position(ALERTS_0));
        assertTrue(assignment.live());
        assertTrue(assignment.take(ALERTS_0, 40));
        assertTrue(assignment.take(ALERTS_0, 41));

        // the group formed again (a broker restart): the partition comes back, and the end has moved on meanwhile
        consumer.updateEndOffsets(Map.of(ALERTS_0, 45L));
        consumer.seekToEnd(List.of(ALERTS_0));
        assignment.onPartitionsAssigned(consumer, List.of(ALERTS_0));

        assertEquals(42L, consumer.position(ALERTS_0));
        assertFalse(assignment.take(ALERTS_0, 41), "a record taken before is not streamed again");
        assertTrue(assignment.take(ALERTS_0, 42));
    }

    @Test
    void shouldNotBeLiveBeforeItHoldsAPartition() {
        MockConsumer<String, String> consumer = new MockConsumer<>("latest");
        StreamAssignment assignment = new StreamAssignment();
        assignment.onPartitionsAssigned(consumer, List.of());
        assertFalse(assignment.live());
    }
}
