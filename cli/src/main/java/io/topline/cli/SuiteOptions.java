package io.topline.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the suite is and who the tool is to it. The URLs default to the local stack's ports and may be set by flags
 * or environment variables; the token comes from {@code TOPLINE_TOKEN}, from a file ({@code --token-file} or
 * {@code TOPLINE_TOKEN_FILE}), or from the local stack's admin token file, never from the command line itself.
 */
public class SuiteOptions {

    /** Where the local stack (deploy/local/start.sh) writes its development tokens, one per role. */
    static final Path LOCAL_TOKENS = Path.of(".local", "tokens");

    @Option(names = "--drivers-url", paramLabel = "URL", defaultValue = "${env:TOPLINE_DRIVERS_URL:-http://127.0.0.1:8081}",
            description = "drivers-service base URL (env TOPLINE_DRIVERS_URL; default ${DEFAULT-VALUE})")
    URI driversUrl;

    @Option(names = "--metrics-url", paramLabel = "URL", defaultValue = "${env:TOPLINE_METRICS_URL:-http://127.0.0.1:8082}",
            description = "metrics-service base URL (env TOPLINE_METRICS_URL; default ${DEFAULT-VALUE})")
    URI metricsUrl;

    @Option(names = "--alerts-url", paramLabel = "URL", defaultValue = "${env:TOPLINE_ALERTS_URL:-http://127.0.0.1:8083}",
            description = "alerts-service base URL (env TOPLINE_ALERTS_URL; default ${DEFAULT-VALUE})")
    URI alertsUrl;

    @Option(names = "--token-file", paramLabel = "FILE", defaultValue = "${env:TOPLINE_TOKEN_FILE}",
            description = "a file holding the bearer token (env TOPLINE_TOKEN_FILE); TOPLINE_TOKEN wins over it, and "
                    + "without either the local stack's token for the command's role (.local/tokens/topline-<role>.jwt) is used "
                    + "when it exists")
    Path tokenFile;

    /** The local stack's token file for {@code role} (topline-admin, topline-ingest, ...). */
    static Path localToken(String role) {
        return LOCAL_TOKENS.resolve(role + ".jwt");
    }

    /** The bearer token, or empty when none is configured anywhere; {@code role} picks the local stack's file. */
    public Optional<String> token(String role) throws IOException {
        String fromEnvironment = System.getenv("TOPLINE_TOKEN");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(fromEnvironment.strip());
        }
        if (tokenFile != null) {
            return Optional.of(Files.readString(tokenFile).strip());
        }
        Path local = localToken(role);
        return Files.isReadable(local) ? Optional.of(Files.readString(local).strip()) : Optional.empty();
    }

    public URI driversUrl() {
        return driversUrl;
    }

    public URI metricsUrl() {
        return metricsUrl;
    }

    public URI alertsUrl() {
        return alertsUrl;
    }
}
