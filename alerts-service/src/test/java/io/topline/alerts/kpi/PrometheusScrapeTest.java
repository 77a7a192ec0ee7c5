package io.topline.alerts.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.topline.alerts.TestData;
import io.topline.alerts.period.Cadence;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.Prometheus;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real Prometheus scrapes this service's metrics endpoint; the scorecard and the pipeline are read back through
 * Prometheus's own HTTP API, as Grafana reads them. Skipped, saying why, where the binary is not installed.
 */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class PrometheusScrapeTest {

    /** Thursday of November 2026: October is closed, November open. */
    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "topline.json");
    private static final Pattern METRIC_NAME = Pattern.compile("\\b(topline_[a-z0-9_]+)");

    @Inject
    SettableClock clock;
    @Inject
    KpiGauges gauges;

    HttpServer receiver;

    @BeforeEach
    void start() throws IOException {
        clock.startAt(NOW);
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        clock.reset();
    }

    @Test
    void shouldShowAMissedMeasureBelowItsFailureLevelWithItsFiringAlertInPrometheus() throws Exception {
        Assumptions.assumeTrue(Prometheus.binary().isPresent(), Prometheus.MISSING);
        String driver = TestData.key("kpi-sales");
        String measure = TestData.key("kpi-bookings");
        subscribe(measure);
        TestData.publishDriver(driver, "Sales", "SALES", 1);
        TestData.publishMeasure(measure, driver, "Bookings", "PERCENT", "LAST", "HIGHER_IS_BETTER", Cadence.MONTHLY,
                1, TestData.target(1, "2026-10", "95", "90", "CRITICAL", NOW.minusSeconds(86400 * 60)));
        TestData.publishActual(measure, Cadence.MONTHLY, "LAST", "2026-10", "88", 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RequestAs.viewer().queryParam("measure", measure)
                .when().get("/alerts").then().statusCode(200)
                .body("totalItems", equalTo(1)).body("items[0].state", equalTo("FIRING")));
        TestData.publishActual(measure, Cadence.MONTHLY, "LAST", "2026-11", "85", 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> RequestAs.viewer().queryParam("measure", measure)
                .queryParam("period", "2026-11").when().get("/evaluations").then().statusCode(200)
                .body("items[0].actual", equalTo(85)));
        await().atMost(Duration.ofSeconds(60)).until(() -> RequestAs.admin().when().get("/q/metrics").asString()
                .contains("topline_webhook_attempts_total"));
        // October's miss fired; November, open and below its failure level, may fire an alert of its own
        int firing = RequestAs.viewer().queryParam("measure", measure).queryParam("state", "FIRING")
                .when().get("/alerts").then().statusCode(200).extract().path("totalItems");
        assertTrue(firing >= 1, "firing alerts: " + firing);
        gauges.refresh();

        Path directory = Path.of("target", "prometheus-" + measure);
        try (Prometheus prometheus = Prometheus.scraping(directory, "topline-alerts", "/q/metrics",
                List.of("127.0.0.1:" + RestAssured.port))) {
            String selector = "{measure=\"" + measure + "\",driver=\"" + driver + "\",function=\"SALES\"}";
            JsonNode below = await().atMost(Duration.ofSeconds(30)).until(
                    () -> prometheus.query("topline_kpi_actual" + selector + " < topline_kpi_failure_level" + selector),
                    result -> result.size() == 1);
            assertEquals("85", below.get(0).path("value").get(1).asText());
            assertEquals(measure, below.get(0).path("metric").path("measure").asText());
            assertEquals("topline-alerts", below.get(0).path("metric").path("job").asText());
            assertEquals("90", single(prometheus, "topline_kpi_failure_level" + selector));
            assertEquals("95", single(prometheus, "topline_kpi_success_level" + selector));
            assertEquals(Integer.toString(firing), single(prometheus, "topline_kpi_firing_alerts" + selector));
            assertEquals("0", single(prometheus, "topline_kpi_period_closed" + selector));

            Set<String> missing = new TreeSet<>(dashboardMetricNames());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                missing.removeAll(prometheus.metricNames());
                assertEquals(Set.of(), missing, "the dashboard charts metrics Prometheus never scraped");
            });
        }
    }

    @Test
    void shouldFindMetricNamesInTheDashboard() throws IOException {
        Set<String> names = dashboardMetricNames();
        assertTrue(names.containsAll(Set.of("topline_kpi_actual", "topline_kpi_failure_level",
                "topline_kpi_firing_alerts", "topline_outbox_backlog_events", "topline_consumer_lag_records",
                "topline_dead_letters_records", "topline_webhook_attempts_total")), names.toString());
    }

    /** Every topline_ metric name in the dashboard's queries. */
    static Set<String> dashboardMetricNames() throws IOException {
        JsonNode dashboard = TestData.JSON.readTree(Files.readString(DASHBOARD));
        Set<String> names = new TreeSet<>();
        for (JsonNode expression : dashboard.findValues("expr")) {
            Matcher matcher = METRIC_NAME.matcher(expression.asText());
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String single(Prometheus prometheus, String query) throws Exception {
        JsonNode result = prometheus.query(query);
        assertEquals(1, result.size(), query + " gave " + result);
        return result.get(0).path("value").get(1).asText();
    }

    private void subscribe(String measure) {
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/kpi";
        RequestAs.admin().contentType("application/json")
                .body("{\"url\":\"" + url + "\",\"measures\":[\"" + measure + "\"]}")
                .when().post("/subscriptions").then().statusCode(201);
    }
}
