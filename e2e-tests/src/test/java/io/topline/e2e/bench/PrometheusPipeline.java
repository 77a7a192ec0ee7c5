package io.topline.e2e.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.topline.testinfra.Alertmanager;
import io.topline.testinfra.Prometheus;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The alternative a user would pick: Pushgateway, Prometheus and Alertmanager tuned for speed, with a webhook receiver. */
// Prometheus scrapes the Pushgateway and evaluates `topline_actual < topline_failure_level` (for: 0s) every second;
// Alertmanager (group_wait 0s, group_interval 1s) posts to a JDK HttpServer here. test-infra's Prometheus and
// Alertmanager classes write fixed configurations (no rules, a null receiver), so only their binary lookup is reused.
// Every run starts from nothing (issue 15's stall): Debian's Pushgateway persists its groups by default to the
// machine-wide /var/lib/prometheus/pushgateway.data and reloads them at start, and Alertmanager's notification log in
// its storage path remembers for repeat_interval (24 h) which groups it already notified, so state left by an earlier
// run fired old measures at once and kept new ones with the same labels from being notified again.
final class PrometheusPipeline implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    private final HttpServer receiver;
    private final ExecutorService receiverThreads = Executors.newFixedThreadPool(2);
    private URI pushgateway;

    private PrometheusPipeline() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alertmanager", exchange -> {
            long now = System.nanoTime();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            for (JsonNode alert : JSON.readTree(body).path("alerts")) {
                if ("firing".equals(alert.path("status").asText())) {
                    receivedAt.putIfAbsent(alert.path("labels").path("measure").asText(), now);
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.setExecutor(receiverThreads);
        receiver.start();
    }

    /** What is missing to run the pipeline, if anything. */
    static Optional<String> missing() {
        List<String> absent = new ArrayList<>();
        if (Prometheus.binary().isEmpty()) {
            absent.add("prometheus");
        }
        if (Alertmanager.binary().isEmpty()) {
            absent.add("prometheus-alertmanager");
        }
        if (pushgatewayBinary().isEmpty()) {
            absent.add("prometheus-pushgateway");
        }
        return absent.isEmpty() ? Optional.empty()
                : Optional.of(String.join(", ", absent) + " not installed (apt-get install -y " + String.join(" ", absent) + ")");
    }

    /** Starts Pushgateway, Alertmanager and Prometheus with files under {@code directory}, each once ready. */
    static PrometheusPipeline start(Path directory) throws IOException, InterruptedException {
        PrometheusPipeline pipeline = new PrometheusPipeline();
        try {
            pipeline.startAll(directory);
            return pipeline;
        } catch (IOException | InterruptedException | RuntimeException e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Path directory) throws IOException, InterruptedException {
        deleteTree(directory);
        Files.createDirectories(directory);
        int gatewayPort = freePort();
        pushgateway = launch("pushgateway", directory, gatewayPort, List.of(pushgatewayBinary().orElseThrow().toString(),
                "--web.listen-address=127.0.0.1:" + gatewayPort, "--persistence.file=", "--log.level=warn"));
        int alertmanagerPort = freePort();
        Path amConfig = directory.resolve("alertmanager.yml");
        Files.writeString(amConfig, """
                route:
                  receiver: harness
                  group_by: ['measure']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 24h
                receivers:
                  - name: harness
                    webhook_configs:
                      - url: 'http://127.0.0.1:%d/alertmanager'
                        send_resolved: false
                """.formatted(receiver.getAddress().getPort()));
        launch("alertmanager", directory, alertmanagerPort, List.of(Alertmanager.binary().orElseThrow().toString(),
                "--config.file=" + amConfig, "--storage.path=" + directory.resolve("am-data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address=", "--log.level=warn"));
        Path rules = directory.resolve("rules.yml");
        Files.writeString(rules, """
                groups:
                  - name: topline
                    interval: 1s
                    rules:
                      - alert: TargetMissed
                        expr: topline_actual < on(measure) topline_failure_level
                        for: 0s
                """);
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                rule_files: ['%s']
                alerting:
                  alertmanagers:
                    - static_configs:
                        - targets: ['127.0.0.1:%d']
                scrape_configs:
                  - job_name: pushgateway
                    honor_labels: true
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(rules, alertmanagerPort, gatewayPort));
        int prometheusPort = freePort();
        launch("prometheus", directory, prometheusPort, List.of(Prometheus.binary().orElseThrow().toString(),
                "--config.file=" + config, "--storage.tsdb.path=" + directory.resolve("prom-data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--log.level=warn"));
    }

    /**
     * Pushes one measure's value and failure level (a gauge each, grouped by measure) and returns when it was sent;
     * the value is below the level, so the rule fires at the next scrape and evaluation.
     */
    long pushMiss(String measure, double value, double failureLevel) throws IOException, InterruptedException {
        String body = "topline_actual " + value + "\ntopline_failure_level " + failureLevel + "\n";
        HttpRequest request = HttpRequest.newBuilder(pushgateway.resolve("/metrics/job/bench/measure/" + measure))
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        long sent = System.nanoTime();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 != 2) {
            throw new IllegalStateException("Pushgateway answered " + status);
        }
        return sent;
    }

    /** When the webhook for {@code measure} arrived ({@link System#nanoTime()}), if it has. */
    Long receivedAt(String measure) {
        return receivedAt.get(measure);
    }

    @Override
    public void close() throws InterruptedException {
        receiver.stop(0);
        receiverThreads.shutdown();
        for (int i = processes.size() - 1; i >= 0; i--) {
            Process p = processes.get(i);
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
        }
    }

    private URI launch(String name, Path directory, int port, List<String> command) throws IOException, InterruptedException {
        Path log = directory.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        URI base = URI.create("http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited: " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return base;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within 60 s; see " + log);
    }

    private static Optional<Path> pushgatewayBinary() {
        String configured = System.getenv("TOPLINE_PUSHGATEWAY");
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("prometheus-pushgateway", "pushgateway")) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static void deleteTree(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
