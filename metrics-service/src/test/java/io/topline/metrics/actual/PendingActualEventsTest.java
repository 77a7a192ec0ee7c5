package io.topline.metrics.actual;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.topline.chassis.outbox.OutboxEvents;
import io.topline.metrics.catalog.MeasureCatalog;
import io.topline.metrics.support.TestData;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.topline.metrics.support.TestData.batch;
import static io.topline.metrics.support.TestData.measurement;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An actual event still waiting for the relay is replaced by the next one of its measure-period: the relay publishes
 * the latest actual once, not every step towards it.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PendingActualEventsTest {

    @Inject
    MeasureCatalog catalog;

    @Inject
    OutboxEvents events;

    @Inject
    EntityManager entityManager;

    @Test
    void shouldPublishOnlyTheLatestActualOfAMeasurePeriodWhoseEarlierEventStillWaited() throws Exception {
        String key = TestData.uniqueKey("pending");
        TestData.defineMeasure(catalog, key, "MONTHLY", "SUM");
        Instant at = TestData.thisMonth(30);
        String subject = key + ":" + TestData.month(at);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // the relay publishes only under its lock: holding it keeps the events waiting
        CompletableFuture<Void> relayLock = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            while (!events.tryLockRelay()) {
                pause();
            }
            held.countDown();
            await(release);
        }));
        try (TopicReader actuals = TopicReader.fromEnd("topline.actuals")) {
            assertTrue(held.await(30, TimeUnit.SECONDS));
            post(key, "a", 5, at, 1);
            post(key, "b", 7, at.plusSeconds(1), 2);
            post(key, "c", 11, at.plusSeconds(2), 3);
            assertEquals(List.of(3), QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                    "SELECT CAST(payload AS jsonb) ->> 'revision' FROM outbox_event WHERE record_key = ?1")
                    .setParameter(1, subject).getResultList().stream().map(r -> Integer.parseInt((String) r)).toList()));
            release.countDown();
            relayLock.get(30, TimeUnit.SECONDS);

            actuals.readUntil(TopicReader.keyed(subject), TopicReader.atLeast(1), Duration.ofSeconds(30));
            List<TopicRecord> published = actuals.drain(TopicReader.keyed(subject), Duration.ofSeconds(2));
            assertEquals(1, published.size());
            assertEquals(3, published.get(0).data().get("revision").asInt());
            assertEquals(3, published.get(0).data().get("count").asInt());
            assertEquals(23, published.get(0).data().get("sum").asInt());
        } finally {
            release.countDown();
        }
    }

    private static void post(String key, String id, int value, Instant at, int revision) {
        RequestAs.ingest().contentType(ContentType.JSON).body(batch(List.of(measurement(key + "-" + id, key, value, at))))
                .when().post("/measurements/batch")
                .then().statusCode(200).body("accepted", equalTo(1)).body("actuals[0].revision", equalTo(revision));
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(40, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
