package io.topline.alerts;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.delivery.DeliveryWorker;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An attempt that outlives its lease (a stalled thread, a moved clock) is not sent a second time by the instance
 * still sending it: it records its outcome, and the receiver hears the message once.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class WebhookLeaseTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    DeliveryWorker worker;

    HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        clock.pin(NOW);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            try {
                // held below the sender's 2 s timeout (test profile): the attempt is in flight meanwhile
                release.await(1500, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        clock.reset();
    }

    @Test
    void shouldNotSendAgainADeliveryItIsStillAttemptingPastItsLease() {
        String key = TestData.key("lease");
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
        String subscription = RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"measures\":[\"" + key + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).extract().path("id");
        TestData.retentionWithOctoberActual(key, TestData.key("service"), "88.0");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> requests.get() == 1);

        clock.pin(NOW.plus(Duration.ofMinutes(10)));
        worker.startDueAttempts();
        release.countDown();

        TestData.awaitSucceeded(subscription, 1);
        assertEquals(1, requests.get(), "sent once, though its lease ran out while it was being sent");
        RequestAs.admin().when().get("/subscriptions/" + subscription + "/deliveries").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].attempts", equalTo(1))
                .body("items[0].status", equalTo("SUCCEEDED"));
    }
}
