package io.topline.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Starts the whole suite with the local stack's own start command, once per test run, on ports of its own. */
// The suite is one LocalStack (one replica of each service, state in target/suite), started fresh at the first test
// that needs it and stopped with the stop command when the JVM ends. Tests that need another shape (more replicas)
// start a LocalStack of their own on other ports, with the same settings.
public final class Suite implements BeforeAllCallback {

    // topline.e2e.portOffset moves every port at once, so that a benchmark can run beside the tests (or two
    // worktrees' tests beside each other) without one stack stopping the other's processes on the same ports
    public static final int OFFSET = Integer.getInteger("topline.e2e.portOffset", 0);
    public static final int POSTGRES_PORT = 25432 + OFFSET;
    public static final int KAFKA_PORT = 29092 + OFFSET;
    public static final int DRIVERS_PORT = 28081 + OFFSET;
    public static final int METRICS_PORT = 28082 + OFFSET;
    public static final int ALERTS_PORT = 28083 + OFFSET;

    private static final Object LOCK = new Object();
    private static volatile boolean started;

    private static final LocalStack STACK = new LocalStack(
            Path.of(System.getProperty("topline.e2e.state", root().resolve("e2e-tests/target/suite").toString())),
            new LocalStack.Ports(POSTGRES_PORT, KAFKA_PORT, DRIVERS_PORT, METRICS_PORT, ALERTS_PORT), 1, settings());

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureStarted();
    }

    /** Starts the suite from a fresh state once per JVM and stops it when the JVM ends. */
    public static void ensureStarted() throws IOException, InterruptedException {
        synchronized (LOCK) {
            if (!started) {
                // startFresh first stops what a JVM that died without its shutdown hook may have left on our ports
                Runtime.getRuntime().addShutdownHook(new Thread(STACK::stop, "suite-stop"));
                STACK.startFresh();
                started = true;
            }
        }
    }

    /**
     * What the story needs from the services beyond their local profile: alerts fire as soon as a final evaluation is
     * red (settle time 0), periods close within seconds rather than a minute, and webhook retries come quickly.
     * The system property {@code topline.e2e.settings} (name=value,...) adds or overrides settings.
     */
    public static Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("TOPLINE_ALERTS_SETTLE_TIME", "0s");
        settings.put("TOPLINE_EVALUATION_CLOSE_INTERVAL", "5s");
        settings.put("TOPLINE_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
        settings.put("TOPLINE_WEBHOOKS_RETRY_SCHEDULE", "0s,500ms,1s,2s,4s,8s,16s,32s");
        String extra = System.getProperty("topline.e2e.settings", "");
        for (String pair : extra.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return settings;
    }

    /** The repository root. */
    public static Path root() {
        return Path.of(System.getProperty("topline.root", "..")).toAbsolutePath().normalize();
    }

    /** The copy of the packaged services and the local stack that the suite runs from. */
    public static Path appsDir() {
        return STACK.appsDir();
    }

    /** Where the suite keeps its data, logs, process ids and tokens. */
    public static Path stateDir() {
        return STACK.stateDir();
    }

    public static String kafkaBootstrap() {
        return STACK.kafkaBootstrap();
    }

    public static String driversUrl() {
        return STACK.url("drivers-service", 1);
    }

    public static String metricsUrl() {
        return STACK.url("metrics-service", 1);
    }

    public static String alertsUrl() {
        return STACK.url("alerts-service", 1);
    }

    /** A development token the suite's start command printed for {@code role}. */
    public static String token(String role) {
        return STACK.token(role);
    }

    /** The process id of one of the suite's processes (a service name, {@code kafka} or {@code postgres}). */
    public static long pid(String name) {
        return STACK.pid(name);
    }

    /** Sends SIGKILL to one of the suite's processes and waits until it is gone. */
    public static void kill(String name) throws IOException, InterruptedException {
        STACK.kill(name);
    }

    /** Runs the start command again: it starts whatever is not running (after a kill) and waits until all are ready. */
    public static void start() throws IOException, InterruptedException {
        STACK.start();
    }

    /** Runs the stop command. */
    public static void stop() {
        STACK.stop();
    }
}
