package io.topline.testinfra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final ReadyProcess process;
    private final URI base;

    private Prometheus(ReadyProcess process) {
        this.process = process;
        this.base = process.base();
    }

    /** The binary to run, if there is one. */
    public static Optional<Path> binary() {
        return ReadyProcess.find(BINARY_VARIABLE, List.of("prometheus"));
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
        int port = ReadyProcess.freePort();
        List<String> command = List.of(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn");
        return new Prometheus(ReadyProcess.start("Prometheus", command, port, directory.resolve("prometheus.log"), HTTP));
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
        process.close();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
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

}
