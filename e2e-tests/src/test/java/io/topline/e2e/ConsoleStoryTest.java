package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static io.topline.testinfra.TestTokens.ADMIN;
import static io.topline.testinfra.TestTokens.INGEST;
import static io.topline.testinfra.TestTokens.ONCALL;
import static io.topline.testinfra.TestTokens.VIEWER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console over the real suite in a real headless Chromium: a measure misses a closed month, the scorecard shows
 * the miss, a viewer sees the alert without actions, and on-call acknowledges it from the inbox, which the API then
 * reports. Skipped, saying so, where chromium or chromedriver is missing.
 */
@ExtendWith(Suite.class)
class ConsoleStoryTest {

    /** start.sh's console in the suite: the port below drivers-service's (LocalStack sets TOPLINE_CONSOLE_PORT). */
    private static final String CONSOLE = "http://127.0.0.1:" + (Suite.DRIVERS_PORT - 1);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static WebDriver browser;

    @BeforeAll
    static void openBrowser() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing: apt-get install chromium chromium-driver");
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(),
                new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                        "--disable-dev-shm-usage", "--window-size=1280,900"));
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void shouldShowAMissOnTheScorecardAndAcknowledgeItsAlertFromTheInbox() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String measure = "console-bookings-" + suffix;
        String month = missOnce("console-sales-" + suffix, measure);
        JsonNode alert = await().atMost(Duration.ofSeconds(60)).until(() -> Api.get(Suite.alertsUrl()
                + "/alerts?state=FIRING&measure=" + measure, VIEWER, 200).get("items"), items -> items.size() == 1)
                .get(0);

        signInAs(VIEWER);
        // alerts-service may read the measure and its actual before their driver (another key, so perhaps another
        // partition of topline.definitions): until the driver arrives the row has no function, and the SALES filter
        // leaves it out (seen in CI under load), so the page is read again until it shows the row
        By cellOfMonth = By.cssSelector("tr[data-measure='" + measure + "'] a[href$='period=" + month + "']");
        WebElement cell = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.get(CONSOLE + "/console/scorecard?cadence=MONTHLY&function=SALES");
            List<WebElement> found = browser.findElements(cellOfMonth);
            return found.isEmpty() ? null : found.get(0);
        }, Objects::nonNull);
        assertEquals("80 % Missed", cell.getText().replace('\n', ' '));
        browser.get(CONSOLE + "/console/inbox?measure=" + measure);
        WebElement row = browser.findElement(By.id("alert-" + alert.get("id").asText()));
        assertEquals("", row.findElement(By.cssSelector("td.actions")).getText());

        signInAs(ONCALL);
        browser.get(CONSOLE + "/console/inbox?measure=" + measure);
        WebElement actions = browser.findElement(By.cssSelector("#alert-" + alert.get("id").asText() + " td.actions"));
        actions.findElement(By.xpath(".//summary[text()='Acknowledge']")).click();
        actions.findElement(By.cssSelector("form[action$='/acknowledge'] input[name=comment]"))
                .sendKeys("Looking at the pipeline");
        actions.findElement(By.cssSelector("button.acknowledge")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.id("done")));

        JsonNode acknowledged = Api.get(Suite.alertsUrl() + "/alerts/" + alert.get("id").asText(), VIEWER, 200);
        assertEquals("ACKNOWLEDGED", acknowledged.get("state").asText());
        JsonNode last = acknowledged.get("transitions").get(acknowledged.get("transitions").size() - 1);
        assertEquals(List.of("FIRING", "ACKNOWLEDGED", "Looking at the pipeline"),
                List.of(last.get("from").asText(), last.get("to").asText(), last.get("comment").asText()));
    }

    private static void signInAs(String role) {
        browser.manage().deleteAllCookies();
        browser.get(CONSOLE + "/console/sign-in");
        browser.findElement(By.id("sign-in-" + role)).click();
        // the click posts the sign-in form; a navigation before its answer set the session cookie would cancel it and
        // reach the next page signed out (seen in CI under load)
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(driver -> !driver.manage().getCookies().isEmpty());
    }

    /** Defines a monthly measure with a target and lets a closed month miss it; returns that month's label. */
    private static String missOnce(String driver, String measure) {
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(15).minusMonths(1);
        Api.post(Suite.driversUrl() + "/drivers", ADMIN, Map.of("key", driver, "name", "Console sales", "function",
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
        Map<String, Object> measurement = Map.of("measure", measure, "value", 80,
                "occurredAt", month + "T10:00:00Z", "source", "e2e");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            // metrics-service answers 422 until its catalog has read the new measure
            Response response = Api.as(INGEST).contentType("application/json")
                    .body(measurement).post(Suite.metricsUrl() + "/measurements");
            return response.statusCode() == 201;
        });
        return month.toString().substring(0, 7);
    }
}
