package io.topline.drivers.driver;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.drivers.TestData;
import io.topline.drivers.target.CreateTargetRequest;
import io.topline.drivers.target.Severity;
import io.topline.drivers.target.TargetService;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.topline.drivers.TestData.asAdmin;
import static io.topline.drivers.TestData.asViewer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Archiving a driver while one of its measures changes keeps both changes, one revision each. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class DriverArchiveConcurrencyTest {

    @Inject
    TargetService targets;

    @Test
    void shouldArchiveAMeasureAfterAConcurrentTargetCommitsWithoutLosingItOrReusingItsRevision() throws Exception {
        String driver = TestData.createDriver("race-driver");
        String measure = TestData.createMeasure("race-measure", driver);
        asAdmin().body(TestData.target("2026-10", 95, 90)).post("/measures/" + measure + "/targets")
                .then().statusCode(201);
        asViewer().get("/measures/" + measure).then().statusCode(200).body("revision", equalTo(2));

        CountDownLatch added = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // a target version added in a transaction that stays open until the archive is under way
        CompletableFuture<Void> targetAdded = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    targets.add(measure, new CreateTargetRequest("2026-11", new BigDecimal("96"),
                            new BigDecimal("91"), Severity.WARNING, "raised while the driver was archived"), null);
                    added.countDown();
                    try {
                        commit.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertTrue(added.await(30, TimeUnit.SECONDS));
        CompletableFuture<Integer> archived = CompletableFuture.supplyAsync(() -> asAdmin()
                .header("If-Match", "\"1\"").post("/drivers/" + driver + "/archive").then().extract().statusCode());
        // long enough for the archive to reach the measure it waits for
        Thread.sleep(2000);
        commit.countDown();
        targetAdded.get(30, TimeUnit.SECONDS);
        assertTrue(archived.get(30, TimeUnit.SECONDS) == 200, "the archive succeeds");

        asViewer().get("/measures/" + measure).then().statusCode(200)
                .header("ETag", equalTo("\"4\""))
                .body("archived", equalTo(true))
                .body("revision", equalTo(4))
                .body("targets.version", contains(1, 2))
                .body("targets.effectiveFrom", contains("2026-10", "2026-11"));
    }
}
