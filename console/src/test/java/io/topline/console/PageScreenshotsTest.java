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
import org.openqa.selenium.Dimension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every page at desktop and phone width: no serious accessibility violation and no page wider than the phone, and a
 * screenshot of each ({@code target/screenshots/page-<name>-<width>.png}). With {@code -Dtopline.docs.screenshots}
 * the five in {@link #DOC_SHOTS} are copied to {@code docs/images/console/}, where docs/console.md and the README show them.
 */
@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class PageScreenshotsTest {

    /** Where the docs keep them, from the console module's directory (Surefire's working directory). */
    static final Path DOCS = Path.of("..", "docs", "images", "console");
    static final Map<String, Dimension> WIDTHS = Map.of("desktop", new Dimension(1280, 900),
            "phone", new Dimension(390, 844));

    /** The screenshots docs/console.md and the README show (a few hundred KB together). */
    static final List<String> DOC_SHOTS = List.of("page-scorecard-desktop.png", "page-scorecard-phone.png",
            "page-inbox-phone.png", "page-measure-phone.png", "page-subscription-desktop.png");

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
    void shouldShowEveryPageAtDesktopAndPhoneWidthWithoutSeriousViolations() throws IOException {
        JsonObject alert = RecordedApis.instance().fire(TestData.firingAlert("Closing ratio"));
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("scorecard", "/console/scorecard");
        pages.put("flow", "/console/flow");
        pages.put("measure", "/console/measures/closing-ratio");
        pages.put("inbox", "/console/inbox");
        pages.put("alert", "/console/inbox/" + alert.getString("id"));
        pages.put("administration", "/console/admin");
        pages.put("drivers", "/console/admin/drivers");
        pages.put("measures", "/console/admin/measures");
        pages.put("subscriptions", "/console/admin/subscriptions");
        pages.put("subscription", "/console/admin/subscriptions/7d1f5a8e-3c2b-4e6f-9a1d-2b3c4d5e6f70");
        pages.put("escalation-policies", "/console/admin/escalation-policies");
        browser.signInAs(TestTokens.ADMIN);
        List<String> tooWide = new ArrayList<>();
        List<String> shots = new ArrayList<>();
        for (String width : List.of("desktop", "phone")) {
            browser.driver().manage().window().setSize(WIDTHS.get(width));
            for (Map.Entry<String, String> page : pages.entrySet()) {
                browser.go(page.getValue());
                Object overflow = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                        .executeScript("return document.documentElement.scrollWidth > window.innerWidth");
                if (Boolean.TRUE.equals(overflow)) {
                    tooWide.add(page.getKey() + " at " + width);
                }
                String name = "page-" + page.getKey() + "-" + width;
                browser.screenshot(name);
                shots.add(name + ".png");
            }
        }
        browser.driver().manage().window().setSize(WIDTHS.get("desktop"));
        browser.go("/console/scorecard");
        assertEquals(List.of(), tooWide, "pages wider than the window");
        assertEquals(1, browser.driver().findElements(By.tagName("h1")).size());
        if (Boolean.getBoolean("topline.docs.screenshots")) {
            Files.createDirectories(DOCS);
            for (String shot : shots.stream().filter(DOC_SHOTS::contains).toList()) {
                Files.copy(Browser.SCREENSHOTS.resolve(shot), DOCS.resolve(shot), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
