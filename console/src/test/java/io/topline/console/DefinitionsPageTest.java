package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.topline.testinfra.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's pages for drivers, measures, subscriptions and escalation policies, in a real browser. */
@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class DefinitionsPageTest {

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
    void shouldCreateADriverShowAStaleEditsProblemAndArchiveIt() {
        String key = "pipeline-" + System.nanoTime();
        browser.signInAs(TestTokens.ADMIN).go("/console/admin/drivers");
        type("driver-key", key);
        type("driver-name", "Pipeline");
        select("driver-function", "SALES");
        type("driver-owner", "pia@example.com");
        type("driver-feeds", "sales, finance");
        click("create-driver");

        assertEquals("The driver was created.", text("done"));
        assertEquals(new JsonObject().put("key", key).put("name", "Pipeline").put("function", "SALES")
                .put("owner", "pia@example.com").put("feedsInto", new JsonArray().add("sales").add("finance")),
                lastBody("POST", "/drivers"));
        assertEquals("Pipeline\n" + key + "|sales|pia@example.com|sales, finance|active",
                row(By.id("driver-" + key)));

        browser.driver().findElement(By.linkText("Pipeline")).click();
        changeBehindTheFormsBack("/api/drivers/" + key, new JsonObject().put("name", "Pipeline (renamed)")
                .put("function", "SALES").put("owner", "pia@example.com")
                .put("feedsInto", new JsonArray().add("sales").add("finance")));
        type("driver-name", "Sales pipeline");
        click("save-driver");

        assertEquals("Precondition failed (status 412): If-Match \"1\" does not match the current ETag \"2\": someone "
                + "changed it since you read it; read it again and retry", text("problem"));
        assertEquals("Sales pipeline", value("driver-name"));
        click("reload");
        assertEquals("Pipeline (renamed)", value("driver-name"));
        type("driver-name", "Sales pipeline");
        click("save-driver");
        assertEquals("The driver was saved.", text("done"));
        assertEquals("\"2\"", last("PUT", "/drivers/" + key).ifMatch());

        click("archive-driver-button");
        assertEquals("The driver was archived.", text("done"));
        assertEquals("\"3\"", last("POST", "/drivers/" + key + "/archive").ifMatch());
        assertEquals("Sales pipeline\n" + key + "|sales|pia@example.com|sales, finance|archived",
                row(By.id("driver-" + key)));
    }

    @Test
    void shouldCreateAMeasureWithItsHeartbeatShowAStaleEditsProblemAndArchiveIt() {
        String key = "deal-value-" + System.nanoTime();
        browser.signInAs(TestTokens.ADMIN).go("/console/admin/measures");
        type("measure-key", key);
        select("measure-driver", "sales");
        select("measure-cadence", "MONTHLY");
        select("measure-direction", "HIGHER_IS_BETTER");
        type("measure-name", "Deal value");
        select("measure-unit", "CURRENCY");
        type("measure-currency", "EUR");
        select("measure-aggregation", "SUM");
        type("measure-heartbeat", "P1D");
        click("create-measure");

        assertEquals("The measure was created.", text("done"));
        assertEquals(new JsonObject().put("key", key).put("driverKey", "sales").put("direction", "HIGHER_IS_BETTER")
                .put("cadence", "MONTHLY").put("name", "Deal value").put("unit", "CURRENCY").put("currency", "EUR")
                .put("aggregation", "SUM").put("expectedEvery", "P1D"), lastBody("POST", "/measures"));
        assertEquals("Deal value\n" + key + "|sales|monthly|currency (EUR)|higher is better|P1D|active",
                row(By.id("measure-" + key)));

        browser.driver().findElement(By.linkText("Deal value")).click();
        changeBehindTheFormsBack("/api/measures/" + key, new JsonObject().put("name", "Deal value").put("unit",
                "CURRENCY").put("currency", "EUR").put("aggregation", "SUM").put("expectedEvery", "PT12H"));
        type("measure-owner", "sam@example.com");
        click("save-measure");
        assertEquals(412, problemStatus());
        assertEquals("sam@example.com", value("measure-owner"));

        click("reload");
        assertEquals("PT12H", value("measure-heartbeat"));
        type("measure-owner", "sam@example.com");
        click("save-measure");
        assertEquals("The measure was saved.", text("done"));
        assertEquals(new JsonObject().put("name", "Deal value").put("unit", "CURRENCY").put("currency", "EUR")
                .put("aggregation", "SUM").put("owner", "sam@example.com").put("expectedEvery", "PT12H"),
                lastBody("PUT", "/measures/" + key));

        click("archive-measure-button");
        assertEquals("The measure was archived.", text("done"));
        assertEquals("\"3\"", last("POST", "/measures/" + key + "/archive").ifMatch());
    }

    @Test
    void shouldShowTheApisRefusalOfANewDriverNextToTheForm() {
        browser.signInAs(TestTokens.ADMIN).go("/console/admin/drivers");
        type("driver-key", "sales");
        type("driver-name", "Sales again");
        type("driver-owner", "sam@example.com");
        click("create-driver");

        assertEquals("Conflict (status 409): A driver with the key sales exists already", text("problem"));
        assertEquals("Sales again", value("driver-name"));
    }

    @Test
    void shouldCreateASlackSubscriptionAndPreviewItsTemplateBeforeSavingIt() {
        String description = "Sales in Slack " + System.nanoTime();
        browser.signInAs(TestTokens.ADMIN).go("/console/admin/subscriptions");
        select("subscription-receiver", "SLACK");
        assertEquals(List.of(true, false, false), List.of(shown("subscription-url"),
                shown("subscription-routing-key"), shown("subscription-recipients")));
        type("subscription-url", "https://hooks.slack.com/services/T0/B0/x");
        type("subscription-description", description);
        browser.driver().findElement(By.cssSelector("input[name=functions][value=SALES]")).click();
        browser.driver().findElement(By.cssSelector("input[name=kinds][value=MISSED]")).click();
        select("subscription-severity", "WARNING");
        type("subscription-repeat", "PT4H");
        click("create-subscription");

        assertEquals("The subscription was created.", text("done"));
        assertEquals(new JsonObject().put("receiver", "SLACK").put("url", "https://hooks.slack.com/services/T0/B0/x")
                .put("description", description).put("functions", new JsonArray().add("SALES"))
                .put("kinds", new JsonArray().add("MISSED")).put("minSeverity", "WARNING")
                .put("repeatInterval", "PT4H"), lastBody("POST", "/subscriptions"));
        assertEquals(0, browser.driver().findElements(By.id("secret")).size());
        String id = browser.driver().findElement(By.id("template-form")).getAttribute("action")
                .replaceAll(".*/subscriptions/([^/]+)/template", "$1");

        type("template-title-field", "{alert.measure.name} {event}");
        type("template-text", "{alert.summary}");
        click("preview-template");
        assertEquals(List.of("Closing ratio fired", "Closing ratio missed its target in 2026-W49"),
                List.of(text("preview-title"), text("preview-text")));
        assertTrue(text("preview-body").contains("\"text\" : \"Closing ratio fired\""), text("preview-body"));
        assertEquals(new JsonObject().put("template", new JsonObject().put("title", "{alert.measure.name} {event}")
                .put("text", "{alert.summary}")), lastBody("POST", "/subscriptions/" + id + "/preview"));

        type("template-title-field", "{alert.measure.name");
        click("preview-template");
        assertEquals("Unprocessable (status 422): A template part does not parse\ntemplate.title: unterminated "
                + "expression", text("problem"));
        type("template-title-field", "{alert.measure.name} {event}");
        click("save-template");
        assertEquals("The subscription was saved.", text("done"));
        assertEquals(new JsonObject().put("title", "{alert.measure.name} {event}").put("text", "{alert.summary}"),
                lastBody("PUT", "/subscriptions/" + id + "/template"));
        assertEquals("{alert.measure.name} {event}", value("template-title-field"));

        click("disable-subscription");
        assertEquals("The subscription was disabled.", text("done"));
        assertEquals(1, RecordedApis.instance().received("DELETE", "/subscriptions/" + id).size());
        click("enable-subscription");
        assertEquals("The subscription was enabled.", text("done"));
    }

    @Test
    void shouldCreateASubscriptionForEveryReceiverKindWithTheSettingsItNeeds() {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        kinds.put("WEBHOOK", Map.of("subscription-url", "https://hooks.example.com/topline"));
        kinds.put("SLACK", Map.of("subscription-url", "https://hooks.slack.com/services/T1/B1/y"));
        kinds.put("TEAMS", Map.of("subscription-url", "https://example.webhook.office.com/workflows/1"));
        kinds.put("PAGERDUTY", Map.of("subscription-routing-key", "R0ut1ngKey_1"));
        kinds.put("ALERTMANAGER", Map.of("subscription-url", "http://alertmanager.example.com:9093"));
        kinds.put("EMAIL", Map.of("subscription-recipients", "ops@example.com, fay@example.com"));
        browser.signInAs(TestTokens.ADMIN);
        for (Map.Entry<String, Map<String, String>> kind : kinds.entrySet()) {
            browser.go("/console/admin/subscriptions");
            select("subscription-receiver", kind.getKey());
            kind.getValue().forEach(DefinitionsPageTest::type);
            click("create-subscription");
            assertEquals("The subscription was created.", text("done"), kind.getKey());
            assertEquals(kind.getKey().equals("WEBHOOK"), !browser.driver().findElements(By.id("secret")).isEmpty());
        }
        List<JsonObject> bodies = RecordedApis.instance().received("POST", "/subscriptions").stream()
                .map(r -> new JsonObject(r.body())).toList();
        assertEquals(List.of(
                        new JsonObject().put("receiver", "WEBHOOK").put("url", "https://hooks.example.com/topline"),
                        new JsonObject().put("receiver", "SLACK").put("url", "https://hooks.slack.com/services/T1/B1/y"),
                        new JsonObject().put("receiver", "TEAMS")
                                .put("url", "https://example.webhook.office.com/workflows/1"),
                        new JsonObject().put("receiver", "PAGERDUTY").put("routingKey", "R0ut1ngKey_1"),
                        new JsonObject().put("receiver", "ALERTMANAGER")
                                .put("url", "http://alertmanager.example.com:9093"),
                        new JsonObject().put("receiver", "EMAIL").put("recipients",
                                new JsonArray().add("ops@example.com").add("fay@example.com"))),
                bodies.subList(bodies.size() - 6, bodies.size()));
    }

    @Test
    void shouldShowAMissingReceiverSettingNextToTheForm() {
        browser.signInAs(TestTokens.ADMIN).go("/console/admin/subscriptions");
        select("subscription-receiver", "EMAIL");
        type("subscription-description", "Finance by e-mail");
        click("create-subscription");

        assertEquals("Bad request (status 400): The request has invalid fields\nrecipients: is required for an EMAIL "
                + "receiver", text("problem"));
        assertEquals("EMAIL", new Select(browser.driver().findElement(By.id("subscription-receiver")))
                .getFirstSelectedOption().getAttribute("value"));
        assertEquals("Finance by e-mail", value("subscription-description"));
    }

    @Test
    void shouldCreateAnEscalationPolicyAndDisableIt() {
        String name = "Sales misses " + System.nanoTime();
        browser.signInAs(TestTokens.ADMIN).go("/console/admin/escalation-policies");
        type("policy-name", name);
        browser.driver().findElement(By.cssSelector("#new-policy input[name=functions][value=SALES]")).click();
        type("policy-after-1", "PT0S");
        type("policy-targets-1", "measure-owner");
        type("policy-after-2", "PT30M");
        type("policy-targets-2", "driver-owner, person:fay@example.com");
        click("create-policy");

        assertEquals("The policy was created.", text("done"));
        assertEquals(new JsonObject().put("name", name).put("functions", new JsonArray().add("SALES"))
                .put("steps", new JsonArray()
                        .add(new JsonObject().put("after", "PT0S").put("targets", new JsonArray().add("measure-owner")))
                        .add(new JsonObject().put("after", "PT30M").put("targets", new JsonArray()
                                .add("driver-owner").add("person:fay@example.com")))),
                lastBody("POST", "/escalation-policies"));
        By policy = By.xpath("//tr[th='" + name + "']");
        assertEquals(name + "|functions SALES|after PT0S: measure-owner\nafter PT30M: driver-owner, "
                + "person:fay@example.com|active|Disable", row(policy));
        WebElement disable = browser.driver().findElement(policy).findElement(By.tagName("button"));
        disable.click();
        browser.await(gone(disable));
        assertEquals("The policy was disabled.", text("done"));
    }

    @Test
    void shouldShowNoAdministrationOfDefinitionsToAViewerOrOnCall() {
        browser.signInAs(TestTokens.VIEWER).go("/console/scorecard");
        assertEquals(0, browser.driver().findElements(By.linkText("Administration")).size());
        browser.go("/console/admin/drivers");
        assertEquals("Defining drivers, measures, receivers and escalation policies is for the admin role",
                browser.driver().findElement(By.cssSelector("p.problem")).getText());
        assertEquals(0, browser.driver().findElements(By.cssSelector("main form")).size());

        browser.signInAs(TestTokens.ONCALL).go("/console/admin");
        assertEquals(List.of("Silences"), browser.driver().findElements(By.cssSelector("nav.subnav a")).stream()
                .map(WebElement::getText).toList());
        browser.go("/console/admin/subscriptions");
        assertEquals(0, browser.driver().findElements(By.id("new-subscription")).size());
    }

    private static void changeBehindTheFormsBack(String path, JsonObject state) {
        RestAssured.given().cookie("topline_session", TestTokens.forRole(TestTokens.ADMIN))
                .contentType(ContentType.JSON).header("If-Match", "\"1\"").body(state.encode())
                .put(path).then().statusCode(200);
    }

    private static void type(String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static void select(String id, String value) {
        new Select(browser.driver().findElement(By.id(id))).selectByValue(value);
    }

    /** Clicks and waits for the page the click loads, then checks that page's accessibility. */
    private static void click(String id) {
        WebElement element = browser.driver().findElement(By.id(id));
        element.click();
        browser.await(gone(element));
        browser.checkAccessibility();
    }

    /**
     * Whether the page holding {@code element} has gone: Selenium's {@code stalenessOf}, also when Chrome answers, in the
     * moment the old document is replaced, that the node "does not belong to the document" (not a stale-element error).
     */
    private static Function<WebDriver, Boolean> gone(WebElement element) {
        return driver -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException e) {
                return true;
            } catch (WebDriverException e) {
                return e.getMessage() != null && e.getMessage().contains("does not belong to the document");
            }
        };
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static String value(String id) {
        return browser.driver().findElement(By.id(id)).getAttribute("value");
    }

    private static boolean shown(String id) {
        return browser.driver().findElement(By.id(id)).isDisplayed();
    }

    private static int problemStatus() {
        return Integer.parseInt(text("problem").replaceAll("(?s).*\\(status (\\d+)\\).*", "$1"));
    }

    private static String row(By by) {
        return String.join("|", cells(browser.driver().findElement(by)));
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.xpath("./th|./td")).stream().map(WebElement::getText).toList();
    }

    private static RecordedApis.Received last(String method, String path) {
        List<RecordedApis.Received> received = RecordedApis.instance().received(method, path);
        return received.get(received.size() - 1);
    }

    private static JsonObject lastBody(String method, String path) {
        return new JsonObject(last(method, path).body());
    }
}
