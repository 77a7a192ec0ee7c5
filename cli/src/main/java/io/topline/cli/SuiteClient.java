package io.topline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Talks HTTP to one of the suite's services with the configured token, and turns refusals into exit codes. */
public class SuiteClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SuiteOptions options;
    private final String role;

    /** A client with the suite's options; {@code role} names the local stack's token file to fall back on. */
    public SuiteClient(SuiteOptions options, String role) {
        this.options = options;
        this.role = role;
    }

    /** An answer of the suite. */
    public record Answer(int status, String body, HttpResponse<String> response) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new CommandFailure(ExitCodes.UNAVAILABLE, "The suite answered HTTP " + status + " with a body "
                        + "that is not JSON");
            }
        }

        public Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends a request; a body of null sends none. */
    public Answer send(String method, URI base, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, path)).timeout(TIMEOUT)
                .header("Accept", headers.getOrDefault("Accept", "application/json"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach((name, value) -> {
            if (!name.equals("Accept")) {
                request.header(name, value);
            }
        });
        request.header("Authorization", "Bearer " + token());
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response);
        } catch (ConnectException e) {
            throw unreachable(base, "connection refused");
        } catch (HttpTimeoutException e) {
            throw unreachable(base, "no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (IOException e) {
            throw unreachable(base, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "Interrupted");
        }
    }

    /** Opens a stream (server-sent events, say); the caller reads and closes it. */
    public HttpResponse<InputStream> stream(URI base, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(base, path)).GET()
                .header("Authorization", "Bearer " + token());
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable(base, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "Interrupted");
        }
    }

    /** Fails with the answer's problem printed, unless it is a success. */
    public Answer expectSuccess(Answer answer, PrintWriter err, String file) {
        if (!answer.ok()) {
            Problems.print(answer, err, file);
            throw new CommandFailure(ExitCodes.ofStatus(answer.status()), null);
        }
        return answer;
    }

    /** Whether the configured token is an ingest key (tlk_...), whose requests take their source from the key. */
    public boolean usesIngestKey() {
        return token().startsWith("tlk_");
    }

    private String token() {
        try {
            return options.token(role).orElseThrow(() -> new CommandFailure(ExitCodes.DENIED, "No token: set "
                    + "TOPLINE_TOKEN, or give --token-file FILE (or TOPLINE_TOKEN_FILE); the local stack writes "
                    + SuiteOptions.localToken(role)));
        } catch (IOException e) {
            throw new CommandFailure(ExitCodes.DENIED, "Cannot read the token file: " + e.getMessage());
        }
    }

    private static URI resolve(URI base, String path) {
        String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + path);
    }

    private static CommandFailure unreachable(URI base, String reason) {
        return new CommandFailure(ExitCodes.UNAVAILABLE, "Cannot reach " + base + " (" + reason + "); is the suite "
                + "running? deploy/local/start.sh starts it, and --drivers-url, --metrics-url, --alerts-url point elsewhere");
    }
}
