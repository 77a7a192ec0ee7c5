package io.topline.alerts.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.alerts.TestData;
import io.topline.chassis.db.AdvisoryLocks;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.Alertmanager;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Alertmanager (Debian's prometheus-alertmanager, started here) is told of a firing alert with its labels,
 * sees it again from the re-send sweep while it is open, and sees it end when it is resolved; read back through
 * Alertmanager's own API. Skipped, saying why, where the binary is not installed.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class AlertmanagerReceiverTest {

    /** Thursday 26 November 2026, 12:00 UTC: October is closed and past its grace time. */
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Inject
    SettableClock clock;
    @Inject
    AlertmanagerResendSweep sweep;
    @Inject
    AdvisoryLocks locks;

    Alertmanager alertmanager;

    @BeforeEach
    void start() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Alertmanager.binary().isPresent(), Alertmanager.MISSING);
        clock.pin(NOW);
        alertmanager = Alertmanager.start(Path.of("target", "alertmanager-" + System.nanoTime()));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (alertmanager != null) {
            alertmanager.close();
        }
        clock.reset();
    }

    @Test
    void shouldShowTheAlertWithItsLabelsInAlertmanagerKeepItActiveAndEndItOnResolve() throws Exception {
        String key = TestData.key("am");
        String driver = TestData.key("am-service");
        String subscription = RequestAs.admin().contentType("application/json")
                .body("{\"receiver\":\"ALERTMANAGER\",\"url\":\"" + alertmanager.url() + "\",\"measures\":[\"" + key
                        + "\"]}")
                .when().post("/subscriptions").then().statusCode(201).body("receiver", equalTo("ALERTMANAGER"))
                .extract().path("id");
        TestData.publishDriver(driver, "Customer service", "SERVICE", 1);
        TestData.retentionWithOctoberActual(key, driver, "88.0");
        String matcher = "measure=\"" + key + "\"";
        await().atMost(Duration.ofSeconds(30)).until(() -> alertmanager.alerts(matcher).size() == 1);

        JsonNode shown = alertmanager.alerts(matcher).get(0);
        String alertId = shown.at("/annotations/console").asText().replace("http://127.0.0.1:8080/console/inbox/", "");
        // the alert's own labels (the driver's function is the catalog's when it fired), its name and its period
        Map<String, String> expected = new TreeMap<>(RequestAs.admin().get("/alerts/" + alertId).then().statusCode(200)
                .extract().jsonPath().getMap("labels", String.class, String.class));
        assertEquals(List.of("driver", "function", "kind", "measure", "severity"), List.copyOf(expected.keySet()));
        expected.put("alertname", "topline_missed");
        expected.put("period", "2026-10");
        assertEquals(expected, labels(shown));
        assertEquals(List.of(driver, key), List.of(shown.at("/labels/driver").asText(),
                shown.at("/labels/measure").asText()));
        assertEquals(List.of("active", "[FIRING] CRITICAL MISSED: Client retention (2026-10)", key + ":2026-10:MISSED",
                        "http://127.0.0.1:8080/console/inbox/" + alertId, NOW.toString()),
                List.of(shown.at("/status/state").asText(), shown.at("/annotations/summary").asText(),
                        shown.at("/annotations/dedup_key").asText(), shown.get("generatorURL").asText(),
                        Instant.parse(shown.get("startsAt").asText()).toString()));
        assertTrue(Instant.parse(shown.get("endsAt").asText()).isAfter(Instant.now()),
                "active until Alertmanager's resolve_timeout: " + shown);

        JsonNode preview = TestData.JSON.readTree(RequestAs.admin().contentType("application/json")
                .body("{\"alertId\":\"" + alertId + "\"}").when().post("/subscriptions/" + subscription + "/preview")
                .then().statusCode(200).body("url", equalTo(alertmanager.url() + "/api/v2/alerts"))
                .extract().path("body").toString());
        ReceiverSchemas.assertValid(ReceiverSchemas.ALERTMANAGER, preview);

        assertEquals(0, sweep.sweep(Duration.ofMinutes(1)), "told just now");
        clock.pin(NOW.plus(Duration.ofMinutes(2)));
        assertEquals(1, sweep.sweep(Duration.ofMinutes(1)));
        assertEquals(0, sweep.sweep(Duration.ofMinutes(1)), "re-sent once per interval");
        await().atMost(Duration.ofSeconds(30)).until(() -> messages(subscription).contains(alertId + "-resend-1-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> "SUCCEEDED".equals(status(subscription, alertId
                + "-resend-1-1")));

        RequestAs.oncall().contentType("application/json").body("{\"comment\":\"fixed\"}")
                .when().post("/alerts/" + alertId + "/resolve").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> ended(alertmanager.alerts(matcher)));
        clock.pin(NOW.plus(Duration.ofMinutes(4)));
        assertEquals(0, sweep.sweep(Duration.ofMinutes(1)), "a resolved alert is not re-sent");
    }

    @Test
    void shouldResendOnOneReplicaAtATime() {
        // another replica's sweep holds the lock: this one does nothing and says so
        QuarkusTransaction.requiringNew().run(() -> {
            locks.lockForTransaction(AlertmanagerResendSweep.LOCK);
            assertEquals(-1, sweep.sweep(Duration.ofMinutes(1)));
        });
        assertTrue(sweep.sweep(Duration.ofMinutes(1)) >= 0, "the lock is free again");
    }

    /** Alertmanager drops a resolved alert from its active list, or lists it ended. */
    private static boolean ended(JsonNode alerts) {
        for (JsonNode alert : alerts) {
            if (Instant.parse(alert.get("endsAt").asText()).isAfter(Instant.now())) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> labels(JsonNode alert) {
        Map<String, String> labels = new TreeMap<>();
        alert.get("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private static List<String> messages(String subscription) {
        return new ArrayList<>(RequestAs.admin().get("/subscriptions/" + subscription + "/deliveries?size=50")
                .then().statusCode(200).extract().jsonPath().getList("items.messageId", String.class));
    }

    private static String status(String subscription, String messageId) {
        return RequestAs.admin().get("/subscriptions/" + subscription + "/deliveries?size=50").then().statusCode(200)
                .extract().jsonPath().getString("items.find { it.messageId == '" + messageId + "' }.status");
    }
}
