package io.topline.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.topline.testinfra.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts the console in front of {@link RecordedApis} (all three base URLs) and writes a development token per role,
 * signed with test-infra's test key, where the development sign-in reads them.
 */
public class ConsoleTestResource implements QuarkusTestResourceLifecycleManager {

    /** The init argument that switches the console to the production sign-in, with RecordedApis as its provider. */
    static final String OIDC = "oidc";

    private boolean oidc;

    @Override
    public void init(Map<String, String> initArgs) {
        oidc = Boolean.parseBoolean(initArgs.getOrDefault(OIDC, "false"));
    }

    @Override
    public Map<String, String> start() {
        try {
            String apis = RecordedApis.instance().start();
            Path tokens = Files.createTempDirectory("console-tokens");
            for (String role : List.of(TestTokens.VIEWER, TestTokens.ONCALL, TestTokens.ADMIN)) {
                Files.writeString(tokens.resolve(role + ".jwt"), TestTokens.forRole(role));
            }
            Map<String, String> config = new HashMap<>(Map.of("topline.console.services.drivers", apis,
                    "topline.console.services.metrics", apis,
                    "topline.console.services.alerts", apis,
                    "topline.console.sign-in.tokens-directory", tokens.toString()));
            if (oidc) {
                config.putAll(Map.of("topline.console.sign-in.mode", "OIDC",
                        "quarkus.oidc.tenant-enabled", "true",
                        "quarkus.oidc.auth-server-url", apis + RecordedApis.OIDC_REALM,
                        "quarkus.oidc.discovery-enabled", "false",
                        "quarkus.oidc.authorization-path", "protocol/openid-connect/auth",
                        "quarkus.oidc.token-path", "protocol/openid-connect/token",
                        "quarkus.oidc.jwks-path", "protocol/openid-connect/certs",
                        "quarkus.oidc.credentials.secret", "test-secret",
                        "quarkus.http.auth.permission.console.policy", "authenticated"));
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("The recorded APIs did not start", e);
        }
    }

    @Override
    public void stop() {
        try {
            RecordedApis.instance().stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
