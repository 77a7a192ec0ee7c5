package io.topline.e2e.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Debian's headless Chromium driving the suite's console, with the page-side clocks the console phase reads. */
// Every document gets a small script before its own (CDP Page.addScriptToEvaluateOnNewDocument): it notes the first
// frame after the load event ("drawn": requestAnimationFrame, then a task, so layout and paint of the whole table are
// done), and on the inbox it notes when the first alert row not seen before enters the table and when the stream's
// events arrive (a second EventSource beside the page's own), all on the page's clock (performance.timeOrigin + now).
final class ConsoleBrowser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PROBE = """
            window.__bench = { drawn: null, newRow: null, events: {} };
            addEventListener('load', function () {
              requestAnimationFrame(function () { setTimeout(function () { window.__bench.drawn = performance.now(); }); });
              var rows = document.getElementById('alert-rows');
              if (!rows) { return; }
              var known = new Set();
              rows.querySelectorAll('tr[id^="alert-"]').forEach(function (tr) { known.add(tr.id); });
              window.__bench.known = known;
              new MutationObserver(function () {
                if (window.__bench.newRow) { return; }
                var fresh = Array.prototype.find.call(rows.querySelectorAll('tr[id^="alert-"]'),
                  function (tr) { return !window.__bench.known.has(tr.id); });
                if (fresh) {
                  window.__bench.newRow = { at: performance.timeOrigin + performance.now(), id: fresh.id,
                    text: fresh.innerText };
                }
              }).observe(rows, { childList: true, subtree: true });
              var stream = new EventSource('/api/alerts/stream');
              stream.addEventListener('topline.alert.fired', function (event) {
                window.__bench.events[JSON.parse(event.data).dedupKey] = performance.timeOrigin + performance.now();
              });
            });
            """;

    private final ChromeDriver browser;
    private final String console;

    private ConsoleBrowser(String console) {
        this.console = console;
        browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(),
                new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new", "--no-sandbox",
                        "--disable-dev-shm-usage", "--window-size=1280,900"));
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
        browser.executeCdpCommand("Performance.enable", Map.of());
    }

    /** What is missing to drive a browser, if anything. */
    static Optional<String> missing() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER) ? Optional.empty()
                : Optional.of("chromium or chromedriver not installed (apt-get install -y chromium chromium-driver)");
    }

    /** Opens a browser whose {@link #view} paths are under {@code base}, signed in nowhere (for a saved page, say). */
    static ConsoleBrowser open(String base) {
        return new ConsoleBrowser(base);
    }

    /** Opens a browser on the console at {@code console} (its base URL) and signs in with a role's development token. */
    static ConsoleBrowser signedIn(String console, String role) {
        ConsoleBrowser b = open(console);
        try {
            b.browser.get(console + "/console/sign-in");
            b.browser.findElement(By.id("sign-in-" + role)).click();
            new WebDriverWait(b.browser, Duration.ofSeconds(30))
                    .until(d -> !d.getCurrentUrl().contains("/console/sign-in"));
            return b;
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
    }

    /**
     * Navigates to {@code path} and returns, in ms from the navigation's start, the Navigation and Paint Timing
     * marks, the first frame after load ("drawn"), the renderer's work during the navigation (CDP Performance
     * metrics of the new document: layout, style, script), the HTML's size and how many elements match {@code countSelector}.
     */
    Map<String, Double> view(String path, String countSelector) {
        browser.get(console + path);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> script("return window.__bench.drawn") != null);
        // the DevTools Performance metrics count from the document's start, so the new page's are the view's own
        Map<String, Double> renderer = rendererMetrics();
        @SuppressWarnings("unchecked")
        Map<String, Object> marks = (Map<String, Object>) script("""
                var n = performance.getEntriesByType('navigation')[0];
                var fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return { responseStart: n.responseStart, responseEnd: n.responseEnd,
                  domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventEnd,
                  load: n.loadEventEnd, drawn: window.__bench.drawn, fcp: fcp ? fcp.startTime : -1,
                  htmlBytes: n.decodedBodySize, count: document.querySelectorAll(arguments[0]).length };
                """, countSelector);
        Map<String, Double> timing = new LinkedHashMap<>();
        marks.forEach((k, v) -> timing.put(k, ((Number) v).doubleValue()));
        for (String metric : List.of("LayoutDuration", "RecalcStyleDuration", "ScriptDuration", "TaskDuration")) {
            timing.put(metric, renderer.getOrDefault(metric, 0.0) * 1000);
        }
        return timing;
    }

    /** The page's clock minus this JVM's, in ms (the middle of a round trip), to put page times on the JVM's clock. */
    double clockOffsetMillis() {
        double start = epochMillis();
        double page = ((Number) script("return performance.timeOrigin + performance.now()")).doubleValue();
        double end = epochMillis();
        return page - (start + end) / 2;
    }

    /** The first alert row the open inbox gained since it loaded or since the last {@link #forgetNewRow()}. */
    @SuppressWarnings("unchecked")
    Optional<Map<String, Object>> newRow() {
        return Optional.ofNullable((Map<String, Object>) script("return window.__bench.newRow"));
    }

    /** When the page's own stream connection delivered the alert with {@code dedupKey} (page clock), if it has. */
    Optional<Double> streamEventAt(String dedupKey) {
        Object at = script("return window.__bench.events[arguments[0]] || null", dedupKey);
        return Optional.ofNullable(at).map(v -> ((Number) v).doubleValue());
    }

    /** Counts the row last reported as known, so the next new row is the next alert. */
    void forgetNewRow() {
        script("if (window.__bench.newRow) { window.__bench.known.add(window.__bench.newRow.id); }"
                + " window.__bench.newRow = null;");
    }

    /** Whether the inbox's own live stream says it is connected. */
    boolean live() {
        return browser.findElement(By.id("live")).getText().startsWith("Live:");
    }

    static double epochMillis() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1000.0 + now.getNano() / 1e6;
    }

    private Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Double> rendererMetrics() {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) browser.executeCdpCommand("Performance.getMetrics",
                Map.of()).get("metrics")) {
            values.put((String) m.get("name"), ((Number) m.get("value")).doubleValue());
        }
        return values;
    }

    @Override
    public void close() {
        browser.quit();
    }
}
