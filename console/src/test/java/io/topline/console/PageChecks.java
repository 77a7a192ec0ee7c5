package io.topline.console;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After each browser test: a screenshot of the page it ended on ({@code target/screenshots/<class>-<test>.png}), and
 * no serious or critical accessibility violation (axe-core) on any page the test opened or ended on, and no error in
 * the browser console.
 */
public final class PageChecks implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Browser browser = Browser.current();
        if (browser == null) {
            return; // skipped: no Chromium here
        }
        browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName());
        browser.checkAccessibility();
        assertEquals(List.of(), browser.violations(), "serious or critical accessibility violations (axe-core)");
        assertEquals(List.of(), browser.consoleErrors(), "errors in the browser console");
    }
}
