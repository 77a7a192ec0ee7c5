package io.topline.console;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;

/**
 * A real headless Chromium (the Debian packages {@code chromium} and {@code chromium-driver}) driven by Selenium;
 * the browser tests are skipped, saying so, where either is missing ({@code .ci/run} installs both).
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TOPLINE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TOPLINE_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    /** Where the tests leave a screenshot of each test's last page, for a person to look at. */
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The browser of the test running now, for {@link PageChecks} (tests run one at a time). */
    private static volatile Browser current;

    /** axe-core, as Deque's Selenium integration bundles it (see the pom). */
    private static final String AXE = readAxe();

    private final WebDriver driver;
    /** The serious and critical accessibility violations of the pages seen since the last {@link #violations()}. */
    private final List<String> violations = new ArrayList<>();

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser current() {
        return current;
    }

    /** A browser for the console under test; the calling test is skipped when Chromium is not installed. */
    public static Browser open() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install "
                        + "chromium chromium-driver to run the browser tests");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                        "--disable-gpu", "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        current = new Browser(new ChromeDriver(service, options));
        return current;
    }

    public WebDriver driver() {
        return driver;
    }

    /** The console's address; the test port is known once the application has started. */
    public static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Opens {@code path} of the console, and runs the accessibility check on the page it shows. */
    public Browser go(String path) {
        driver.get(base() + path);
        checkAccessibility();
        return this;
    }

    /**
     * Runs axe-core on the page shown now and keeps its serious and critical violations (rule, help and the elements),
     * for {@link PageChecks} to fail the test on.
     */
    @SuppressWarnings("unchecked")
    public void checkAccessibility() {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
            js.executeScript(AXE);
        }
        List<String> found = (List<String>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(result => done(result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.impact + ' ' + v.id + ' (' + v.help + ') on ' + location.pathname + ': '
                        + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        violations.addAll(found);
    }

    /** The serious and critical violations found since the last call. */
    public List<String> violations() {
        List<String> found = List.copyOf(violations);
        violations.clear();
        return found;
    }

    /** Signs out whoever was signed in and signs in with {@code role} on the sign-in page. */
    public Browser signInAs(String role) {
        driver.manage().deleteAllCookies();
        go("/console/sign-in");
        driver.findElement(By.id("sign-in-" + role)).click();
        // the form's navigation must finish, or the next page would be asked for without the session cookie
        await(ExpectedConditions.not(ExpectedConditions.urlContains("/sign-in")));
        return this;
    }

    /** Waits up to ten seconds for {@code condition}. */
    public <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition);
    }

    /** Saves what the page shows now as {@code target/screenshots/<name>.png}. */
    public void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    /**
     * The errors the pages wrote to the browser console since the last call: script errors and failed scripts, not
     * a refused API call (a 403 for a viewer is the API doing its job, and the page says so itself).
     */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !message.contains("Failed to load resource"))
                .toList();
    }

    private static String readAxe() {
        try (InputStream in = Browser.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (com.deque.html.axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        current = null;
        driver.quit();
    }
}
