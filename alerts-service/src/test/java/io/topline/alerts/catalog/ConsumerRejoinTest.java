package io.topline.alerts.catalog;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.JoiningReplica;
import io.topline.testinfra.ToplineInfrastructure;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

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
        JoiningReplica.assertPartitionsWithin(TOPIC_OF_GROUP, Duration.ofSeconds(5));
    }
}
