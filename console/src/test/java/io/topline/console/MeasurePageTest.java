package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.TestTokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class MeasurePageTest {

    private static Browser browser;

    @BeforeAll
    static void openBrowser() {
        browser = Browser.open();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldChartTheActualsAgainstEachPeriodsBandsWithAGapWhereThereIsNoData() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");
        browser.driver().findElement(By.linkText("Closing ratio")).click();

        assertEquals("Closing ratio\nweekly · average · higher is better · owner sam@example.com",
                browser.driver().findElement(By.tagName("h1")).getText());
        assertEquals(List.of(
                "2026-W45|33 %|—|—|– Not evaluated",
                "2026-W46|31.5 %|30|20|✔ Met (final)",
                "2026-W47|—|30|20|○ No data (final)",
                "2026-W48|18.25 %|35|25|✖ Missed (final)",
                "2026-W49|27 %|35|25|⚠ At risk (provisional)"),
                browser.driver().findElements(By.cssSelector("#figures tbody tr")).stream().map(row -> String.join("|",
                        row.findElements(By.xpath("./*")).stream().map(WebElement::getText).toList())).toList());
        assertEquals(List.of("2026-W45|point status-none", "2026-W46|point status-met",
                        "2026-W48|point status-missed", "2026-W49|point status-at-risk"),
                browser.driver().findElements(By.cssSelector("#chart circle")).stream().map(point ->
                        point.getAttribute("data-period") + "|" + point.getAttribute("class")).toList());
        assertEquals(2, browser.driver().findElements(By.cssSelector("#chart polyline.actuals")).size());
        assertEquals(List.of("band-success", "band-failure", "band-success", "band-failure", "band-success",
                        "band-failure", "band-success", "band-failure"),
                browser.driver().findElements(By.cssSelector("#chart rect")).stream()
                        .map(band -> band.getAttribute("class")).toList());
        assertEquals(List.of("v1 from 2026-W01: success 30, failure 20, critical — first year",
                "v2 from 2026-W48: success 35, failure 25, critical"), texts("#targets li"));
    }

    @Test
    void shouldDrawTheSuccessZoneAboveAndTheFailureZoneBelowForAHigherIsBetterMeasure() {
        browser.signInAs(TestTokens.VIEWER).go("/console/measures/closing-ratio");

        List<WebElement> bands = browser.driver().findElements(By.cssSelector("#chart rect"));
        WebElement success = bands.get(0);
        WebElement failure = bands.get(1);
        assertEquals("16", success.getAttribute("y"));
        assertEquals(220, Integer.parseInt(failure.getAttribute("y")) + Integer.parseInt(failure.getAttribute(
                "height")));
    }

    @Test
    void shouldListTheMeasuresAlertsWithTheirHistory() {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Closing ratio"));

        browser.signInAs(TestTokens.VIEWER).go("/console/measures/closing-ratio");

        WebElement item = browser.driver().findElement(By.cssSelector("#measure-alerts a[href='/console/inbox/"
                + alert.getString("id") + "']")).findElement(By.xpath(".."));
        item.findElement(By.tagName("summary")).click();
        List<WebElement> history = item.findElements(By.cssSelector("details li"));
        assertEquals(1, history.size());
        assertEquals(alert.getJsonArray("transitions").getJsonObject(0).getString("at") + ": new → FIRING",
                history.get(0).getText());
    }

    @Test
    void shouldAnswerNotFoundForAKeyThatIsNotASlug() {
        int before = RecordedApis.instance().received("GET", "/drivers").size();
        browser.signInAs(TestTokens.VIEWER).go("/console/measures/..%2Fdrivers");

        assertEquals(before, RecordedApis.instance().received("GET", "/drivers").size());
        assertEquals(0, browser.driver().findElements(By.id("chart")).size());
    }

    private static List<String> texts(String css) {
        return browser.driver().findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }
}
