package io.topline.console;

import io.restassured.RestAssured;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

/**
 * A real headless Chromium (the Debian packages {@code chromium} and {@code chromium-driver}) driven by Selenium;
 * the browser tests are skipped, saying so, where either is missing ({@code .ci/run} installs both).
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TOPLINE_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TOPLINE_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** A browser for the console under test; the calling test is skipped when Chromium is not installed. */
    public static Browser open() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install "
                        + "chromium chromium-driver to run the browser tests");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                        "--disable-gpu", "--no-first-run");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** The console's address; the test port is known once the application has started. */
    public static String base() {
        return "http://localhost:" + RestAssured.port;
    }

    /** Opens {@code path} of the console. */
    public Browser go(String path) {
        driver.get(base() + path);
        return this;
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

    @Override
    public void close() {
        driver.quit();
    }
}
