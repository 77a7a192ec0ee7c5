package io.topline.e2e;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts the whole suite with the local stack's own start command, once per test run, on ports of its own. */
// The suite runs from a fresh state folder under target/ (wiped before the first start, so a second run
// does not count the first run's measurements again), so a developer's running stack and data are never touched.
// It is stopped with the stop command when the JVM ends.
//
// The start and stop commands run from a snapshot of the packaged services and the local stack taken at the first
// start (target/suite-apps): other people rebuild the services in the same working tree while tests run, and a
// service restarted mid-story must not load jars that a concurrent package is rewriting (seen: a restarted
// metrics-service hung in class loading for minutes).
public final class Suite implements BeforeAllCallback {

    public static final int POSTGRES_PORT = 25432;
    public static final int KAFKA_PORT = 29092;
    public static final int DRIVERS_PORT = 28081;
    public static final int METRICS_PORT = 28082;
    public static final int ALERTS_PORT = 28083;

    private static final Object LOCK = new Object();
    private static volatile boolean started;

    /** Extra settings the suite's services run with, as environment variables (see {@link #settings()}). */
    private static final Map<String, String> SERVICE_SETTINGS = new LinkedHashMap<>(settings());

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ensureStarted();
    }

    /** Starts the suite from a fresh state once per JVM and stops it when the JVM ends. */
    public static void ensureStarted() throws IOException, InterruptedException {
        synchronized (LOCK) {
            if (!started) {
                // a JVM that died without its shutdown hook may have left the suite running on our ports
                stop();
                deleteState();
                snapshotApps();
                Runtime.getRuntime().addShutdownHook(new Thread(Suite::stop, "suite-stop"));
                start();
                started = true;
            }
        }
    }

    /**
     * What the story needs from the services beyond their local profile: alerts fire as soon as a final evaluation is
     * red (settle time 0), periods close within seconds rather than a minute, and webhook retries come quickly.
     */
    private static Map<String, String> settings() {
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
        return stateDir().resolveSibling(stateDir().getFileName() + "-apps");
    }

    /** Where the suite keeps its data, logs, process ids and tokens. */
    public static Path stateDir() {
        return Path.of(System.getProperty("topline.e2e.state", root().resolve("e2e-tests/target/suite").toString()));
    }

    public static String kafkaBootstrap() {
        return "127.0.0.1:" + KAFKA_PORT;
    }

    public static String driversUrl() {
        return "http://127.0.0.1:" + DRIVERS_PORT;
    }

    public static String metricsUrl() {
        return "http://127.0.0.1:" + METRICS_PORT;
    }

    public static String alertsUrl() {
        return "http://127.0.0.1:" + ALERTS_PORT;
    }

    /** A development token the suite's start command printed for {@code role}. */
    public static String token(String role) {
        try {
            return Files.readString(stateDir().resolve("tokens").resolve(role + ".jwt")).trim();
        } catch (IOException e) {
            throw new IllegalStateException("No token for " + role + ": did the suite start?", e);
        }
    }

    /** The process id of one of the suite's processes (a service name, {@code kafka} or {@code postgres}). */
    public static long pid(String name) {
        try {
            return Long.parseLong(Files.readString(stateDir().resolve("pids").resolve(name + ".pid")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("No process id for " + name, e);
        }
    }

    /** Sends SIGKILL to one of the suite's processes and waits until it is gone. */
    public static void kill(String name) throws IOException, InterruptedException {
        long pid = pid(name);
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -9 " + pid + " (" + name + ") failed");
        }
        ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
    }

    /** Runs the start command again: it starts whatever is not running (after a kill) and waits until all are ready. */
    public static void start() throws IOException, InterruptedException {
        run("deploy/local/start.sh");
    }

    /** Runs the stop command. */
    public static void stop() {
        try {
            run("deploy/local/stop.sh");
        } catch (Exception e) {
            System.err.println("Could not stop the suite: " + e.getMessage());
        }
    }

    /**
     * Copies what start.sh runs (its scripts and keys, the stack's launcher jar and classpath, each packaged service)
     * into {@link #appsDir()}; copies again when a source file changed while copying.
     */
    private static void snapshotApps() throws IOException {
        List<String> paths = List.of("deploy/local/start.sh", "deploy/local/stop.sh", "deploy/local/env.sh",
                "deploy/local/load-example.sh", "deploy/local/keys", "deploy/local/target/topline-local-stack.jar",
                "deploy/local/target/classpath.txt", "drivers-service/target/quarkus-app",
                "metrics-service/target/quarkus-app", "alerts-service/target/quarkus-app");
        for (String path : paths) {
            if (!Files.exists(root().resolve(path))) {
                throw new IllegalStateException(root().resolve(path) + " is missing: package the project first "
                        + "(./mvnw package -DskipTests)");
            }
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            deleteTree(appsDir());
            long started = System.currentTimeMillis();
            for (String path : paths) {
                copyTree(root().resolve(path), appsDir().resolve(path));
            }
            if (newestChange(paths) < started) {
                return;
            }
        }
        throw new IllegalStateException("The packaged services kept changing while being copied (a build is running)");
    }

    private static long newestChange(List<String> paths) throws IOException {
        long newest = 0;
        for (String path : paths) {
            try (Stream<Path> files = Files.walk(root().resolve(path))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    newest = Math.max(newest, Files.getLastModifiedTime(file).toMillis());
                }
            }
        }
        return newest;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteState() throws IOException {
        deleteTree(stateDir());
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void run(String script) throws IOException, InterruptedException {
        Path home = Files.exists(appsDir().resolve(script)) ? appsDir() : root();
        List<String> command = new ArrayList<>(List.of("bash", home.resolve(script).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("TOPLINE_LOCAL_DIR", stateDir().toString());
        env.put("TOPLINE_PG_PORT", String.valueOf(POSTGRES_PORT));
        env.put("TOPLINE_KAFKA_PORT", String.valueOf(KAFKA_PORT));
        env.put("TOPLINE_KAFKA_CONTROLLER_PORT", String.valueOf(KAFKA_PORT + 1));
        env.put("TOPLINE_DRIVERS_PORT", String.valueOf(DRIVERS_PORT));
        env.put("TOPLINE_METRICS_PORT", String.valueOf(METRICS_PORT));
        env.put("TOPLINE_ALERTS_PORT", String.valueOf(ALERTS_PORT));
        env.putAll(SERVICE_SETTINGS);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within 5 minutes; see " + stateDir() + File.separator + "logs");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed with exit code " + process.exitValue() + "; see "
                    + stateDir() + File.separator + "logs");
        }
    }
}
