package io.topline.alerts;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class ConsumerFailureTest {

    @Inject
    SettableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldDeadLetterAPoisonActualAndKeepConsumingTheRecordsBehindIt() {
        clock.pin(EvaluationAlertTest.NOW);
        String driver = TestData.key("service");
        String key = TestData.key("retention-poison");
        TestData.publishDriver(driver, "Service", "SERVICE", 1);
        TestData.publishMeasure(key, driver, "Client retention", "PERCENT", "LAST", "HIGHER_IS_BETTER",
                Cadence.MONTHLY, 1, TestData.target(1, "2026-10", "95", "90", "CRITICAL",
                        java.time.Instant.parse("2026-09-20T08:00:00Z")));
        // same key, so same partition: the good record behind the poison one must still be applied
        TestData.publishRaw("topline.actuals", key, "{\"specversion\": \"1.0\", \"data\": ");
        TestData.publishActual(key, Cadence.MONTHLY, "LAST", "2026-10", "97", 1);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> EvaluationAlertTest.evaluation(key, "2026-10")
                .body("items[0].status", equalTo("MET")));
        TopicRecord dead;
        try (TopicReader deadLetters = TopicReader.fromBeginning("topline.actuals.alerts-service.dlq")) {
            dead = deadLetters.readFirst(TopicReader.keyed(key), Duration.ofSeconds(30));
        }
        assertEquals("{\"specversion\": \"1.0\", \"data\": ", dead.value());
        assertNotNull(dead.header("dead-letter-reason"), "the reason travels with the record");
        assertEquals("topline.actuals", dead.header("dead-letter-topic"));
    }
}
