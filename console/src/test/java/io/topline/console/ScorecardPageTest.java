package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class ScorecardPageTest {

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
    void shouldDrawTheRowsInRevenueFlowOrderGroupedByDriverWithIconAndTextInEveryCell() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");

        assertEquals(List.of("Marketing · Lead generation (mia@example.com)", "Sales · Sales (sam@example.com)",
                "Finance · Collections (fay@example.com)"), texts(By.cssSelector("#scorecard caption")));
        assertEquals(List.of("Marketing-qualified leads", "Website visits", "Closing ratio", "Days sales outstanding"),
                texts(By.cssSelector("#scorecard tbody th[scope=row]")));
        assertEquals(List.of("2026-W46", "2026-W47", "2026-W48", "2026-W49"),
                texts(By.cssSelector("#scorecard .group:first-child thead th.period")));
        WebElement closing = row("closing-ratio");
        assertEquals(List.of(
                "status-met|✔|31.5 % Met|/console/scorecard/evaluation?measure=closing-ratio&period=2026-W46",
                "status-at-risk|⚠|25 % At risk|/console/scorecard/evaluation?measure=closing-ratio&period=2026-W47",
                "status-missed|✖|18.25 % Missed|/console/scorecard/evaluation?measure=closing-ratio&period=2026-W48",
                "status-missed|✖|19 % Missed (pace)|/console/scorecard/evaluation?measure=closing-ratio&period=2026-W49"),
                cells(closing));
        assertEquals(List.of("sam@example.com", "percent", "success 30 % · failure 20 % v1", "23.44 % average", "1",
                "19 %"), List.of(cell(closing, 2), cell(closing, 3), cell(closing, 4), cell(closing, 9),
                cell(closing, 10), cell(closing, 11)));
        WebElement visits = row("website-visits");
        assertEquals("Not evaluated", visits.findElement(By.cssSelector("td.cell small")).getText());
        assertEquals(0, visits.findElements(By.cssSelector("td.cell")).get(0).findElements(By.tagName("a")).size());
        assertEquals("none", cell(visits, 4));
    }

    @Test
    void shouldOpenTheEvaluationBehindACell() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");

        row("closing-ratio").findElement(By.cssSelector("td.cell a[href$='period=2026-W48']")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("evaluation")));
        assertEquals("Evaluation of closing-ratio, 2026-W48", browser.driver().findElement(By.tagName("h1")).getText());
        assertEquals("✖ Missed · final", browser.driver().findElement(By.id("evaluation-status")).getText());
        assertEquals(List.of("Actual", "18.25", "Projection (pace)", "18.25", "Target version", "v1", "Success level",
                        "30", "Failure level", "20", "Severity", "CRITICAL", "Period",
                        "2026-11-23T00:00:00Z to 2026-11-30T00:00:00Z (weekly)", "Evaluated at",
                        "2026-11-30T01:00:00Z"),
                texts(By.cssSelector("#evaluation dt, #evaluation dd")));
        List<RecordedApis.Received> calls = RecordedApis.instance().received("GET", "/evaluations");
        assertEquals("measure=closing-ratio&period=2026-W48&size=1", calls.get(calls.size() - 1).query());
    }

    @Test
    void shouldFilterByFunctionAndOwnerAndKeepTheFiltersAcrossTheCadenceSwitch() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");

        new Select(browser.driver().findElement(By.id("filter-function"))).selectByValue("MARKETING");
        new Select(browser.driver().findElement(By.id("filter-owner"))).selectByValue("max@example.com");
        browser.driver().findElement(By.id("apply-filters")).click();
        browser.await(ExpectedConditions.urlContains("owner="));

        assertEquals(List.of("Website visits"), texts(By.cssSelector("#scorecard tbody th[scope=row]")));
        browser.driver().findElement(By.linkText("Monthly")).click();
        browser.await(ExpectedConditions.urlContains("cadence=MONTHLY"));
        assertEquals(Browser.base()
                        + "/console/scorecard?cadence=MONTHLY&periods=13&function=MARKETING&owner=max%40example.com",
                browser.driver().getCurrentUrl());
        assertEquals("page", browser.driver().findElement(By.linkText("Monthly")).getAttribute("aria-current"));
        List<RecordedApis.Received> calls = RecordedApis.instance().received("GET", "/scorecard");
        assertEquals("cadence=MONTHLY&periods=13", calls.get(calls.size() - 1).query());
    }

    @Test
    void shouldStayWithinAPhoneScreenWithTheTableScrollingInItsOwnRegion() {
        browser.signInAs(TestTokens.VIEWER);
        Dimension wide = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(390, 844));
            browser.go("/console/scorecard");

            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            Object page = js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
            Object table = js.executeScript("var w = document.querySelector('.table-wrap');"
                    + "return w.scrollWidth > w.clientWidth && w.getBoundingClientRect().right <= window.innerWidth;");
            assertEquals(Boolean.TRUE, page, "the page scrolls sideways at phone width");
            assertEquals(Boolean.TRUE, table, "the scorecard should scroll inside its region");
        } finally {
            browser.driver().manage().window().setSize(wide);
        }
    }

    @Test
    void shouldKeepEveryTextAtAContrastOfAtLeastFourAndAHalfToOne() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");

        // WCAG 2 relative luminance of each element's text colour against the first opaque background behind it
        Object low = ((JavascriptExecutor) browser.driver()).executeScript("""
                function rgb(c) { return c.match(/[\\d.]+/g).map(Number); }
                function lum(c) { return rgb(c).slice(0, 3).map(v => { v /= 255;
                    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
                    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0); }
                function background(e) { for (; e; e = e.parentElement) { var c = getComputedStyle(e).backgroundColor;
                    if (rgb(c).length < 4 || rgb(c)[3] > 0) { return c; } } return 'rgb(255, 255, 255)'; }
                var low = [];
                document.querySelectorAll('main *, header *').forEach(e => {
                    if (![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) { return; }
                    var a = lum(getComputedStyle(e).color), b = lum(background(e));
                    var ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
                    if (ratio < 4.5) { low.push(e.tagName + '.' + e.className + ' ' + ratio.toFixed(2)); }
                });
                return low.join('; ');""");
        assertEquals("", low);
    }

    @Test
    void shouldOfferASkipLinkAsTheFirstStopOfTheKeyboard() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");

        browser.driver().findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement first = browser.driver().switchTo().activeElement();
        assertEquals("Skip to the content", first.getText());
        first.sendKeys(Keys.ENTER);
        assertEquals("main", browser.driver().switchTo().activeElement().getAttribute("id"));
    }

    @Test
    void shouldExportTheFilteredRowsAsCsv() {
        Response response = RestAssured.given().cookie("topline_session", TestTokens.forRole(TestTokens.VIEWER))
                .get("/console/scorecard/export.csv?cadence=WEEKLY&function=SALES");

        assertEquals(200, response.statusCode());
        assertEquals("text/csv;charset=UTF-8", response.contentType().replace(" ", ""));
        assertEquals("attachment; filename=\"scorecard-weekly-2026-W49.csv\"", response.header("Content-Disposition"));
        assertEquals("function,driver,measure,measure name,owner,unit,target version,success level,failure level,"
                + "2026-W46,2026-W46 status,2026-W47,2026-W47 status,2026-W48,2026-W48 status,2026-W49,2026-W49 status,"
                + "trailing kind,trailing value,misses,open period pace\r\n"
                + "SALES,Sales,closing-ratio,Closing ratio,sam@example.com,percent,1,30,20,31.5,MET,25,AT_RISK,18.25,"
                + "MISSED,19,MISSED,AVERAGE,23.44,1,19\r\n", response.body().asString());
    }

    @Test
    void shouldSendASignedOutVisitorToSignInAndBackToThePage() {
        browser.driver().manage().deleteAllCookies();
        browser.go("/console/scorecard?cadence=QUARTERLY");

        browser.await(ExpectedConditions.urlContains("/console/sign-in"));
        browser.driver().findElement(By.id("sign-in-" + TestTokens.VIEWER)).click();

        browser.await(ExpectedConditions.urlContains("/console/scorecard"));
        assertEquals(Browser.base() + "/console/scorecard?cadence=QUARTERLY",
                browser.driver().getCurrentUrl());
        assertTrue(browser.driver().findElement(By.cssSelector("header .who")).getText()
                .startsWith("vera@example.com (topline-viewer)"));
    }

    private static WebElement row(String measure) {
        return browser.driver().findElement(By.cssSelector("#scorecard tr[data-measure='" + measure + "']"));
    }

    private static String cell(WebElement row, int column) {
        return row.findElements(By.xpath("./*")).get(column - 1).getText().replace('\n', ' ');
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("td.cell")).stream().map(cell -> {
            String css = cell.getAttribute("class").replace("cell ", "");
            WebElement link = cell.findElement(By.tagName("a"));
            return css + "|" + icon(cell) + "|" + link.getText().replace('\n', ' ') + "|"
                    + URI.create(link.getAttribute("href")).getRawPath() + "?" + URI.create(link.getAttribute("href"))
                    .getQuery();
        }).toList();
    }

    /** The icon a cell's CSS draws (its alternative text is empty: the word beside it says the same). */
    private static String icon(WebElement cell) {
        String content = (String) ((JavascriptExecutor) browser.driver()).executeScript(
                "return getComputedStyle(arguments[0].querySelector('i'), '::before').content", cell);
        return content.substring(1, content.indexOf('"', 1));
    }

    private static List<String> texts(By selector) {
        return browser.driver().findElements(selector).stream().map(WebElement::getText).toList();
    }
}
