package io.topline.alerts.catalog;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.JoiningReplica;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restarted replica consumes again within 5 s: each channel has a group of its own with cooperative rebalancing
 * and a 1 s heartbeat, so a member joining while this service holds every partition is handed some at once.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ConsumerRejoinTest {

    private static final Map<String, String> TOPIC_OF_GROUP = Map.of("alerts-service-definitions", "topline.definitions",
            "alerts-service-actuals", "topline.actuals");

    @Test
    void shouldHandAJoiningReplicaPartitionsOfEveryChannelWithinFiveSeconds() {
        TOPIC_OF_GROUP.forEach((group, topic) -> {
            Duration waited = JoiningReplica.timeToFirstPartition(group, topic, Duration.ofSeconds(30));
            System.out.printf("Consumer rejoin: group %s handed a joining replica a partition of %s in %d ms%n",
                    group, topic, waited.toMillis());
            assertTrue(waited.compareTo(Duration.ofSeconds(5)) < 0, group + " took " + waited);
        });
    }
}
