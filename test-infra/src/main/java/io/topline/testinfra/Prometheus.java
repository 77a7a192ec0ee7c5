package io.topline.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A real Prometheus server of a test's own: the {@code prometheus} binary (Debian package {@code prometheus}) on a
 * free port, with its configuration and its storage under the given directory, scraping the given targets every
 * second. It never touches a system Prometheus on :9090.
 */
public final class Prometheus implements AutoCloseable {

    /** Points at a binary other than the {@code prometheus} on the PATH. */
    public static final String BINARY_VARIABLE = "TOPLINE_PROMETHEUS";
    /** What a test skipped for want of the binary says. */
    public static final String MISSING = "prometheus is not installed: apt-get install -y prometheus (.ci/run installs "
            + "it), or point " + BINARY_VARIABLE + " at a binary";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Prometheus(Process process, URI base) {
        this.process = process;
        this.base = base;
    }

    /** The binary to run, if there is one. */
    public static Optional<Path> binary() {
        String configured = System.getenv(BINARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "prometheus");
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts Prometheus scraping {@code targets} ({@code host:port}) at {@code metricsPath} every second, and waits
     * until it is ready.
     */
    public static Prometheus scraping(Path directory, String job, String metricsPath, List<String> targets)
            throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(MISSING));
        Files.createDirectories(directory);
        Path config = directory.resolve("prometheus.yml");
        Files.writeString(config, config(job, metricsPath, targets));
        int port = freePort();
        List<String> command = List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("prometheus.log").toFile()).start();
        Prometheus prometheus = new Prometheus(process, URI.create("http://127.0.0.1:" + port));
        prometheus.awaitReady(directory);
        return prometheus;
    }

    /** The samples of an instant query through the HTTP API ({@code data.result}); empty when none match. */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        if (!"success".equals(answer.path("status").asText())) {
            throw new IllegalStateException("Prometheus refused " + promql + ": " + answer);
        }
        return answer.path("data").path("result");
    }

    /** Every metric name Prometheus has stored. */
    public List<String> metricNames() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        get("/api/v1/label/__name__/values").path("data").forEach(name -> names.add(name.asText()));
        return names;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private void awaitReady(Path directory) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with " + process.exitValue() + ": "
                        + Files.readString(directory.resolve("prometheus.log")));
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(base.resolve("/-/ready"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("Prometheus was not ready within " + START_TIMEOUT);
    }

    private static String config(String job, String metricsPath, List<String> targets) {
        String list = targets.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", "));
        return """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                scrape_configs:
                  - job_name: '%s'
                    metrics_path: '%s'
                    static_configs:
                      - targets: [%s]
                """.formatted(job, metricsPath, list);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
