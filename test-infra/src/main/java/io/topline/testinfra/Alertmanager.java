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
import java.util.List;
import java.util.Optional;

/**
 * A real Alertmanager of a test's own: the {@code prometheus-alertmanager} binary (Debian package
 * {@code prometheus-alertmanager}) on a free port, clustering off, with a configuration that routes everything to a
 * receiver that notifies nobody, and its storage under the given directory. It never touches a system Alertmanager on
 * :9093.
 */
public final class Alertmanager implements AutoCloseable {

    /** Points at a binary other than the {@code prometheus-alertmanager} (or {@code alertmanager}) on the PATH. */
    public static final String BINARY_VARIABLE = "TOPLINE_ALERTMANAGER";
    /** What a test skipped for want of the binary says. */
    public static final String MISSING = "prometheus-alertmanager is not installed: apt-get install -y "
            + "prometheus-alertmanager (.ci/run installs it), or point " + BINARY_VARIABLE + " at a binary";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String CONFIG = """
            route:
              receiver: 'null'
              group_wait: 1s
            receivers:
              - name: 'null'
            """;

    private final ReadyProcess process;
    private final URI base;

    private Alertmanager(ReadyProcess process) {
        this.process = process;
        this.base = process.base();
    }

    /** The binary to run, if there is one: Debian names it {@code prometheus-alertmanager}, upstream {@code alertmanager}. */
    public static Optional<Path> binary() {
        return ReadyProcess.find(BINARY_VARIABLE, List.of("prometheus-alertmanager", "alertmanager"));
    }

    /** Starts an Alertmanager with its files under {@code directory} and waits until it is ready. */
    public static Alertmanager start(Path directory) throws IOException, InterruptedException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(MISSING));
        Files.createDirectories(directory);
        Path config = directory.resolve("alertmanager.yml");
        Files.writeString(config, CONFIG);
        int port = ReadyProcess.freePort();
        // an empty cluster address turns the gossip off, which would otherwise take the fixed port 9094
        List<String> command = List.of(binary.toString(), "--config.file=" + config,
                "--storage.path=" + directory.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=", "--log.level=warn");
        return new Alertmanager(ReadyProcess.start("Alertmanager", command, port, directory.resolve("alertmanager.log"),
                HTTP));
    }

    /** The base URL to give a client, for example {@code http://127.0.0.1:40123}. */
    public String url() {
        return base.toString();
    }

    /**
     * The alerts Alertmanager holds whose labels match the matcher (for example {@code measure="retention"}), through
     * its {@code GET /api/v2/alerts}.
     */
    public JsonNode alerts(String matcher) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v2/alerts?filter="
                        + URLEncoder.encode(matcher, StandardCharsets.UTF_8)))
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Alertmanager answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
