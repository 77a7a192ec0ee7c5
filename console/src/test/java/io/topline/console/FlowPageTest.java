package io.topline.console;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(ConsoleTestResource.class)
@ExtendWith(PageChecks.class)
class FlowPageTest {

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
    void shouldDrawEveryDriverColouredByItsRollUpWithTheChainOfTheMostDownstreamRedDriver() {
        browser.signInAs(TestTokens.VIEWER).go("/console/flow");

        assertEquals(List.of(
                "leads|node status-missed chain|Lead generation, marketing: Missed",
                "onboarding|node status-none|Onboarding, service: No data",
                "sales|node status-missed chain|Sales, sales: Missed",
                "finance|node status-missed chain|Collections, finance: Missed"), nodes());
        assertEquals(List.of("leads>sales|edge chain", "onboarding>finance|edge", "sales>finance|edge chain"), edges());
        assertEquals("Collections is ✖ Missed, likely explained upstream by ✖ Sales, Missed, 1 step up ← "
                        + "✖ Lead generation, Missed, 2 steps up.",
                browser.driver().findElement(By.id("explanation")).getText());
    }

    @Test
    void shouldHighlightTheChainOfTheDriverChosen() {
        browser.signInAs(TestTokens.VIEWER).go("/console/flow");

        browser.driver().findElement(By.id("driver-sales")).click();

        browser.await(ExpectedConditions.urlContains("focus=sales"));
        assertEquals(List.of("leads>sales|edge chain", "onboarding>finance|edge", "sales>finance|edge"), edges());
        assertEquals("Sales is ✖ Missed, likely explained upstream by ✖ Lead generation, Missed, 1 step up.",
                browser.driver().findElement(By.id("explanation")).getText());
    }

    @Test
    void shouldLayTheDriversOutLeftToRightInTheOrderTheyFeedEachOther() {
        browser.signInAs(TestTokens.VIEWER).go("/console/flow");

        assertEquals(List.of("leads@16,16", "onboarding@16,108", "sales@264,16", "finance@512,16"),
                browser.driver().findElements(By.cssSelector("#flow a.node")).stream().map(node -> {
                    WebElement box = node.findElement(By.tagName("rect"));
                    return node.getAttribute("id").substring("driver-".length()) + "@" + box.getAttribute("x") + ","
                            + box.getAttribute("y");
                }).toList());
    }

    private static List<String> nodes() {
        return browser.driver().findElements(By.cssSelector("#flow a.node")).stream().map(node ->
                node.getAttribute("id").substring("driver-".length()) + "|" + node.getAttribute("class") + "|"
                        + node.getAttribute("aria-label")).toList();
    }

    private static List<String> edges() {
        return browser.driver().findElements(By.cssSelector("#flow path.edge")).stream().map(edge ->
                edge.getAttribute("data-from") + ">" + edge.getAttribute("data-to") + "|" + edge.getAttribute("class"))
                .toList();
    }
}
