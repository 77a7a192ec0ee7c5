package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.topline.testinfra.TestTokens;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class AdministrationPageTest {

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
    void shouldListTheSilencesInForceAndExpireOne() {
        String comment = "Maintenance of the CRM export " + System.nanoTime();
        String id = RestAssured.given().cookie("topline_session", TestTokens.forRole(TestTokens.ONCALL))
                .contentType(ContentType.JSON).body(new JsonObject().put("matchers", List.of(new JsonObject()
                        .put("label", "function").put("operator", "MATCHES").put("value", "SALES|FINANCE").getMap()))
                        .put("untilResolved", true).put("comment", comment).encode())
                .post("/api/silences").then().statusCode(201).extract().path("id");
        browser.signInAs(TestTokens.ONCALL).go("/console/admin");

        WebElement row = browser.driver().findElement(By.id("silence-" + id));
        assertEquals(List.of("active", "function =~ SALES|FINANCE", "until resolved", comment, "olga@example.com",
                "Expire"), row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList());
        row.findElement(By.cssSelector("button.expire")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        assertEquals("The silence was expired.", browser.driver().findElement(By.id("done")).getText());
        assertEquals(0, browser.driver().findElements(By.id("silence-" + id)).size());
        assertEquals(1, RecordedApis.instance().received("POST", "/silences/" + id + "/expire").size());
    }

    @Test
    void shouldShowTheSubscriptionsToAnAdminOnly() {
        browser.signInAs(TestTokens.ADMIN).go("/console/admin");

        // the two of TestData first (other tests may have created more since)
        assertEquals(List.of(
                        "Sales channel\nhttps://hooks.example.com/sales|functions SALES; kinds MISSED; severity at least "
                                + "WARNING|PT4H|✔ active",
                        "webhook\nhttps://old.example.com/hook|every alert|never|✖ disabled the receiver answered 410 "
                                + "Gone"),
                browser.driver().findElements(By.cssSelector("#subscriptions tbody tr")).stream().map(row ->
                        String.join("|", row.findElements(By.tagName("td")).stream().map(WebElement::getText)
                                .toList())).toList().subList(0, 2));

        browser.signInAs(TestTokens.ONCALL).go("/console/admin");
        assertEquals(0, browser.driver().findElements(By.id("subscriptions")).size());
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");
        assertEquals(0, browser.driver().findElements(By.linkText("Administration")).size());
    }

    @Test
    void shouldSetANewTargetVersionFromTheMeasurePageAsAdmin() {
        browser.signInAs(TestTokens.ADMIN).go("/console/measures/closing-ratio");

        browser.driver().findElement(By.xpath("//summary[text()='New target version']")).click();
        browser.driver().findElement(By.id("target-from")).sendKeys("2026-W50");
        browser.driver().findElement(By.id("target-success")).sendKeys("36.5");
        browser.driver().findElement(By.id("target-failure")).sendKeys("26");
        new Select(browser.driver().findElement(By.id("target-severity"))).selectByValue("WARNING");
        browser.driver().findElement(By.id("target-note")).sendKeys("Raised after the pricing change");
        browser.driver().findElement(By.id("save-target")).click();

        browser.await(ExpectedConditions.presenceOfElementLocated(By.id("done")));
        List<RecordedApis.Received> posts = RecordedApis.instance().received("POST", "/measures/closing-ratio/targets");
        assertEquals(new JsonObject().put("effectiveFrom", "2026-W50").put("successLevel", 36.5).put("failureLevel", 26)
                .put("severity", "WARNING").put("note", "Raised after the pricing change"),
                new JsonObject(posts.get(posts.size() - 1).body()));
        assertEquals(List.of(TestTokens.ADMIN), posts.get(posts.size() - 1).groups());

        browser.signInAs(TestTokens.VIEWER).go("/console/measures/closing-ratio");
        assertEquals(0, browser.driver().findElements(By.id("new-target")).size());
    }
}
