package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import io.topline.testinfra.Prometheus;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.topline.testinfra.TestTokens.ADMIN;
import static io.topline.testinfra.TestTokens.INGEST;
import static io.topline.testinfra.TestTokens.VIEWER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A real Prometheus scrapes the three services of the running suite: a missed measure's actual below its failure
 * level and its firing alerts, every service's pipeline, and every metric the Grafana dashboard charts.
 */
@ExtendWith(Suite.class)
class SuiteMetricsTest {

    private static final Path DASHBOARD = Suite.root().resolve("deploy/grafana/dashboards/topline.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(topline_[a-z0-9_]+)");

    @Test
    void shouldLetPrometheusChartAMissedMeasureAndThePipelineOfEveryService() throws Exception {
        Assumptions.assumeTrue(Prometheus.binary().isPresent(), Prometheus.MISSING);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String measure = "kpi-bookings-" + suffix;
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            missOnce("kpi-sales-" + suffix, measure, webhook);
            int firing = Api.get(Suite.alertsUrl() + "/alerts?state=FIRING&measure=" + measure, VIEWER, 200)
                    .get("totalItems").asInt();
            assertEquals(1, firing);

            Path directory = Suite.root().resolve("e2e-tests/target/prometheus-" + suffix);
            try (Prometheus prometheus = Prometheus.scraping(directory, "topline", "/q/metrics", List.of(
                    "127.0.0.1:" + Suite.DRIVERS_PORT, "127.0.0.1:" + Suite.METRICS_PORT,
                    "127.0.0.1:" + Suite.ALERTS_PORT))) {
                String selector = "{measure=\"" + measure + "\"}";
                // the KPI snapshot is refreshed every 15 s in the local stack
                JsonNode below = await().atMost(Duration.ofSeconds(90)).until(() -> prometheus.query(
                        "topline_kpi_actual" + selector + " < topline_kpi_failure_level" + selector),
                        result -> result.size() == 1);
                assertEquals("80", below.get(0).path("value").get(1).asText());
                assertEquals("SALES", below.get(0).path("metric").path("function").asText());
                JsonNode alerts = prometheus.query("topline_kpi_firing_alerts" + selector);
                assertEquals("1", alerts.get(0).path("value").get(1).asText(), alerts.toString());

                JsonNode pipeline = await().atMost(Duration.ofSeconds(30)).until(
                        () -> prometheus.query("count by (instance) (topline_outbox_backlog_events)"),
                        result -> result.size() == 3);
                assertEquals(3, pipeline.size(), pipeline.toString());
                Set<String> missing = new TreeSet<>(dashboardMetricNames());
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    missing.removeAll(prometheus.metricNames());
                    assertEquals(Set.of(), missing, "the dashboard charts metrics no service exposes");
                });
            }
        }
    }

    /** Defines a measure, subscribes a webhook to it, and lets a closed month miss its target. */
    private static void missOnce(String driver, String measure, WebhookReceiver webhook) {
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(15).minusMonths(2);
        Api.post(Suite.driversUrl() + "/drivers", ADMIN, Map.of("key", driver, "name", "KPI sales", "function",
                "SALES", "owner", "sam@example.com", "feedsInto", List.of()), 201);
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("key", measure);
        definition.put("driverKey", driver);
        definition.put("name", "Bookings");
        definition.put("unit", "PERCENT");
        definition.put("aggregation", "LAST");
        definition.put("direction", "HIGHER_IS_BETTER");
        definition.put("cadence", "MONTHLY");
        Api.post(Suite.driversUrl() + "/measures", ADMIN, definition, 201);
        Api.post(Suite.driversUrl() + "/measures/" + measure + "/targets", ADMIN, Map.of("effectiveFrom",
                month.minusMonths(1).toString().substring(0, 7), "successLevel", 95, "failureLevel", 90,
                "severity", "CRITICAL"), 201);
        JsonNode subscription = Api.post(Suite.alertsUrl() + "/subscriptions", ADMIN,
                Map.of("url", webhook.url(), "measures", List.of(measure)), 201);
        webhook.secret(subscription.get("secret").asText());
        Map<String, Object> measurement = Map.of("measure", measure, "value", 80,
                "occurredAt", month + "T10:00:00Z", "source", "e2e");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            // metrics-service answers 422 until its catalog has read the new measure
            Response response = Api.as(INGEST).contentType("application/json")
                    .body(measurement).post(Suite.metricsUrl() + "/measurements");
            return response.statusCode() == 201;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> webhook.verified().size() == 1);
    }

    private static Set<String> dashboardMetricNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (JsonNode expression : Api.parse(Files.readString(DASHBOARD)).findValues("expr")) {
            Matcher matcher = METRIC_NAME.matcher(expression.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }
}
