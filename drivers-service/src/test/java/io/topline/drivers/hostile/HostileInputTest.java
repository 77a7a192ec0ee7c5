package io.topline.drivers.hostile;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.ToplineInfrastructure;
import io.topline.testinfra.hostile.HostileInputRun;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile requests over every operation of this service's OpenAPI document: never a 5xx, every refusal a
 * problem, nothing internal in a body, and a healthy service afterwards (with the other two services' runs, over
 * 10,000 cases). alerts-service is not in this JVM (topline.alerting.url is a closed port), so an admin's export and a
 * file with alerting sections answer its documented 503 alerting-unavailable problem, which the run accepts as such.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class HostileInputTest {

    @Test
    void shouldRefuseEveryHostileRequestWithAProblemAndStayHealthy() {
        HostileInputRun.assertRefusedCleanly(3_400, "https://topline.dev/problems/alerting-unavailable");
    }
}
