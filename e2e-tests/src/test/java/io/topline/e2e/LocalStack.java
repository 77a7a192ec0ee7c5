package io.topline.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** One local stack, run with deploy/local/start.sh and stop.sh on ports, a state folder and a replica count of its own. */
// The stack runs from a fresh state folder (wiped before the first start, so a second run does not count the first
// run's measurements again), so a developer's running stack and data are never touched.
//
// The start and stop commands run from a snapshot of the packaged services and the local stack taken at the first
// start (the state folder's sibling "-apps"): other people rebuild the services in the same working tree while tests
// run, and a service restarted mid-story must not load jars that a concurrent package is rewriting (seen: a restarted
// metrics-service hung in class loading for minutes).
public final class LocalStack {

    /** The services, in the order start.sh starts them. */
    public static final List<String> SERVICES = List.of("drivers-service", "metrics-service", "alerts-service");

    /** The distance between the ports of two replicas of a service (start.sh's TOPLINE_REPLICA_PORT_STEP). */
    public static final int REPLICA_PORT_STEP = 100;

    private static final List<String> APP_PATHS = List.of("deploy/local/start.sh", "deploy/local/stop.sh",
            "deploy/local/env.sh", "deploy/local/load-example.sh", "deploy/local/keys",
            "deploy/local/target/topline-local-stack.jar", "deploy/local/target/classpath.txt",
            "drivers-service/target/quarkus-app", "metrics-service/target/quarkus-app", "alerts-service/target/quarkus-app",
            "console/target/quarkus-app");

    /** The ports of a stack: PostgreSQL, the broker (its controller on the next port) and each service's first replica. */
    public record Ports(int postgres, int kafka, int drivers, int metrics, int alerts) {
    }

    private final Path stateDir;
    private final Ports ports;
    private final int replicas;
    private final Map<String, String> settings;

    /**
     * @param settings extra environment variables of the services (and the scripts)
     */
    public LocalStack(Path stateDir, Ports ports, int replicas, Map<String, String> settings) {
        this.stateDir = stateDir;
        this.ports = ports;
        this.replicas = replicas;
        this.settings = new LinkedHashMap<>(settings);
    }

    /** Stops whatever a previous run left on these ports, wipes the state, snapshots the apps and starts the stack. */
    public void startFresh() throws IOException, InterruptedException {
        stop();
        deleteTree(stateDir);
        snapshotApps();
        start();
    }

    /** Runs the start command: it starts whatever is not running (after a kill) and waits until all are ready. */
    public void start() throws IOException, InterruptedException {
        run("deploy/local/start.sh", replicas);
    }

    /**
     * Runs the start command for the first {@code firstReplicas} replicas of each service only: it starts the broker
     * and PostgreSQL if they are not running, and leaves the other replicas as they are (killed ones stay down).
     */
    public void start(int firstReplicas) throws IOException, InterruptedException {
        run("deploy/local/start.sh", firstReplicas);
    }

    /** Runs the stop command (every replica, the broker, PostgreSQL); reports rather than throws a failure. */
    public void stop() {
        try {
            run("deploy/local/stop.sh", replicas);
        } catch (Exception e) {
            System.err.println("Could not stop the stack in " + stateDir + ": " + e.getMessage());
        }
    }

    public int replicas() {
        return replicas;
    }

    public Ports ports() {
        return ports;
    }

    /** Where the stack keeps its data, logs, process ids and tokens. */
    public Path stateDir() {
        return stateDir;
    }

    /** The copy of the packaged services and the local stack that the stack runs from. */
    public Path appsDir() {
        return stateDir.resolveSibling(stateDir.getFileName() + "-apps");
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + ports.kafka();
    }

    /** The base URL of replica {@code replica} (from 1) of {@code service}. */
    public String url(String service, int replica) {
        int first = switch (service) {
            case "drivers-service" -> ports.drivers();
            case "metrics-service" -> ports.metrics();
            case "alerts-service" -> ports.alerts();
            default -> throw new IllegalArgumentException("Not a service: " + service);
        };
        return "http://127.0.0.1:" + (first + (replica - 1) * REPLICA_PORT_STEP);
    }

    /** The process name of a replica, as start.sh names its pid and log files: the first keeps the service's name. */
    public static String replicaName(String service, int replica) {
        return replica == 1 ? service : service + "-" + replica;
    }

    /** A development token the stack's start command wrote for {@code role}. */
    public String token(String role) {
        try {
            return Files.readString(stateDir.resolve("tokens").resolve(role + ".jwt")).trim();
        } catch (IOException e) {
            throw new IllegalStateException("No token for " + role + ": did the stack start?", e);
        }
    }

    /** The process id of one of the stack's processes (a replica's name, {@code kafka} or {@code postgres}). */
    public long pid(String name) {
        try {
            return Long.parseLong(Files.readString(stateDir.resolve("pids").resolve(name + ".pid")).trim());
        } catch (IOException e) {
            throw new IllegalStateException("No process id for " + name, e);
        }
    }

    /** Sends SIGKILL to the named processes of the stack, all at once, and waits until every one is gone. */
    public void kill(String... names) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-9"));
        List<Long> pids = new ArrayList<>();
        for (String name : names) {
            pids.add(pid(name));
            command.add(Long.toString(pid(name)));
        }
        Process kill = new ProcessBuilder(command).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " (" + String.join(", ", names) + ") failed");
        }
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
        }
    }

    /** The log of one of the stack's processes. */
    public Path log(String name) {
        return stateDir.resolve("logs").resolve(name + ".log");
    }

    /**
     * Copies what start.sh runs (its scripts and keys, the stack's launcher jar and classpath, each packaged service)
     * into {@link #appsDir()}; copies again when a source file changed while copying.
     */
    private void snapshotApps() throws IOException {
        for (String path : APP_PATHS) {
            if (!Files.exists(Suite.root().resolve(path))) {
                throw new IllegalStateException(Suite.root().resolve(path) + " is missing: package the project first "
                        + "(./mvnw package -DskipTests)");
            }
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            deleteTree(appsDir());
            long started = System.currentTimeMillis();
            for (String path : APP_PATHS) {
                copyTree(Suite.root().resolve(path), appsDir().resolve(path));
            }
            if (newestChange() < started) {
                return;
            }
        }
        throw new IllegalStateException("The packaged services kept changing while being copied (a build is running)");
    }

    private static long newestChange() throws IOException {
        long newest = 0;
        for (String path : APP_PATHS) {
            try (Stream<Path> files = Files.walk(Suite.root().resolve(path))) {
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
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
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

    private void run(String script, int replicaCount) throws IOException, InterruptedException {
        Path home = Files.exists(appsDir().resolve(script)) ? appsDir() : Suite.root();
        List<String> command = new ArrayList<>(List.of("bash", home.resolve(script).toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).inheritIO();
        Map<String, String> env = builder.environment();
        env.put("TOPLINE_LOCAL_DIR", stateDir.toString());
        env.put("TOPLINE_PG_PORT", String.valueOf(ports.postgres()));
        env.put("TOPLINE_KAFKA_PORT", String.valueOf(ports.kafka()));
        env.put("TOPLINE_KAFKA_CONTROLLER_PORT", String.valueOf(ports.kafka() + 1));
        env.put("TOPLINE_DRIVERS_PORT", String.valueOf(ports.drivers()));
        env.put("TOPLINE_METRICS_PORT", String.valueOf(ports.metrics()));
        env.put("TOPLINE_ALERTS_PORT", String.valueOf(ports.alerts()));
        // the console takes the port below drivers-service's (28080 for the suite), never a developer's 8080
        env.put("TOPLINE_CONSOLE_PORT", String.valueOf(ports.drivers() - 1));
        env.put("TOPLINE_REPLICAS", String.valueOf(replicaCount));
        env.put("TOPLINE_REPLICA_PORT_STEP", String.valueOf(REPLICA_PORT_STEP));
        // a stack's apps are a fresh snapshot each run, so a class-data archive recorded at its stop (start.sh) would
        // only make the stop slower; the benchmark, which measures it, sets TOPLINE_APPCDS=on
        env.putIfAbsent("TOPLINE_APPCDS", "off");
        env.putAll(settings);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish within 5 minutes; see " + stateDir + File.separator + "logs");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(script + " failed with exit code " + process.exitValue() + "; see "
                    + stateDir + File.separator + "logs");
        }
    }
}
