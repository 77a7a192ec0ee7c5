package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class InboxPageTest {

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
    void shouldShowAViewerTheAlertsWithoutAcknowledgeResolveOrSilence() {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Viewer ratio"));

        browser.signInAs(TestTokens.VIEWER).go("/console/inbox");

        WebElement row = row(alert);
        assertEquals(List.of("✖ Firing", "critical", alert.getString("summary") + "\nmissed · Sales · Viewer ratio",
                "2026-W48", "18.25 %"), row.findElements(By.tagName("td")).subList(0, 5).stream()
                .map(WebElement::getText).toList());
        assertEquals("", row.findElement(By.cssSelector("td.actions")).getText());
    }

    @Test
    void shouldAcknowledgeWithACommentAsOnCall() {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Acknowledged ratio"));
        browser.signInAs(TestTokens.ONCALL).go("/console/inbox");

        WebElement actions = row(alert).findElement(By.cssSelector("td.actions"));
        actions.findElement(By.xpath(".//summary[text()='Acknowledge']")).click();
        actions.findElement(By.cssSelector("form[action$='/acknowledge'] input[name=comment]"))
                .sendKeys("Calling the two biggest prospects today");
        actions.findElement(By.cssSelector("button.acknowledge")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertEquals("The alert was acknowledged.", browser.driver().findElement(By.id("done")).getText());
        assertEquals("⚠ Acknowledged", row(alert).findElement(By.cssSelector("td .badge")).getText());
        List<RecordedApis.Received> posts = RecordedApis.instance().received("POST",
                "/alerts/" + alert.getString("id") + "/acknowledge");
        assertEquals(1, posts.size());
        assertEquals(new JsonObject().put("comment", "Calling the two biggest prospects today"),
                new JsonObject(posts.get(0).body()));
        assertEquals(List.of(TestTokens.ONCALL), posts.get(0).groups());
    }

    @Test
    void shouldResolveFromTheAlertsPageAndShowItsHistory() {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Resolved ratio"));
        browser.signInAs(TestTokens.ONCALL).go("/console/inbox/" + alert.getString("id"));

        browser.driver().findElement(By.cssSelector(".act form[action$='/resolve'] input[name=comment]"))
                .sendKeys("Back on track after the campaign");
        browser.driver().findElement(By.cssSelector(".act button.resolve")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertEquals("✔ Resolved", browser.driver().findElement(By.id("alert-state")).getText());
        List<WebElement> history = browser.driver().findElements(By.cssSelector("#history li"));
        assertEquals(2, history.size());
        assertTrue(history.get(1).getText().endsWith(": FIRING → RESOLVED by olga@example.com: "
                + "“Back on track after the campaign”"), history.get(1).getText());
        assertEquals(0, browser.driver().findElements(By.cssSelector(".act button")).size());
    }

    @Test
    void shouldSilenceTheAlertsMeasureAndPeriodForADay() {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Silenced ratio"));
        browser.signInAs(TestTokens.ONCALL).go("/console/inbox");
        row(alert).findElement(By.cssSelector("a.silence")).click();
        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("silence-length")));

        new Select(browser.driver().findElement(By.id("silence-length"))).selectByValue("1d");
        browser.driver().findElement(By.id("silence-comment")).sendKeys("Known gap while the CRM migrates");
        Instant before = Instant.now();
        browser.driver().findElement(By.id("create-silence")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertEquals("The alert was silenced.", browser.driver().findElement(By.id("done")).getText());
        List<RecordedApis.Received> posts = RecordedApis.instance().received("POST", "/silences");
        JsonObject sent = new JsonObject(posts.get(posts.size() - 1).body());
        Instant endsAt = Instant.parse(sent.getString("endsAt"));
        assertTrue(!endsAt.isBefore(before.plus(Duration.ofDays(1))) && endsAt.isBefore(Instant.now()
                .plus(Duration.ofDays(1))), sent.encode());
        assertEquals(new JsonObject().put("matchers", new JsonArray()
                        .add(matcher("measure", "silenced-ratio")).add(matcher("period", "2026-W48")))
                        .put("endsAt", sent.getString("endsAt")).put("comment", "Known gap while the CRM migrates"),
                sent);
    }

    @Test
    void shouldShowANewAlertAsItFiresWithoutReloadingThePage() {
        browser.signInAs(TestTokens.VIEWER).go("/console/inbox");
        browser.await(ExpectedConditions.textToBePresentInElementLocated(By.id("live"), "Live:"));
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        js.executeScript("window.stillTheSamePage = true;");

        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Live ratio"));

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("alert-" + alert.getString("id"))));
        assertEquals(Boolean.TRUE, js.executeScript("return window.stillTheSamePage === true;"));
        assertTrue(browser.driver().findElement(By.id("live")).getText().endsWith(alert.getString("summary")
                + " (firing)"), browser.driver().findElement(By.id("live")).getText());
    }

    @Test
    void shouldFilterByState() {
        JsonObject firing = RecordedApis.instance().fire(TestData.firingAlert("Filtered ratio"));
        browser.signInAs(TestTokens.VIEWER).go("/console/inbox");

        new Select(browser.driver().findElement(By.id("filter-state"))).selectByValue("RESOLVED");
        browser.driver().findElement(By.id("apply-filters")).click();

        browser.await(ExpectedConditions.urlContains("state=RESOLVED"));
        assertEquals(0, browser.driver().findElements(By.id("alert-" + firing.getString("id"))).size());
        browser.driver().findElements(By.cssSelector("#alert-rows tr[data-state]"))
                .forEach(row -> assertEquals("RESOLVED", row.getAttribute("data-state")));
        List<RecordedApis.Received> lists = RecordedApis.instance().received("GET", "/alerts");
        assertEquals("state=RESOLVED&page=0&size=50", lists.get(lists.size() - 1).query());
    }

    private static JsonObject matcher(String label, String value) {
        return new JsonObject().put("label", label).put("operator", "EQUALS").put("value", value);
    }

    private static WebElement row(JsonObject alert) {
        return browser.driver().findElement(By.id("alert-" + alert.getString("id")));
    }
}
