package io.topline.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.topline.testinfra.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Puts the console in front of {@link RecordedApis} (all three base URLs) and writes a development token per role,
 * signed with test-infra's test key, where the development sign-in reads them.
 */
public class ConsoleTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            String apis = RecordedApis.instance().start();
            Path tokens = Files.createTempDirectory("console-tokens");
            for (String role : List.of(TestTokens.VIEWER, TestTokens.ONCALL, TestTokens.ADMIN)) {
                Files.writeString(tokens.resolve(role + ".jwt"), TestTokens.forRole(role));
            }
            return Map.of("topline.console.services.drivers", apis,
                    "topline.console.services.metrics", apis,
                    "topline.console.services.alerts", apis,
                    "topline.console.sign-in.tokens-directory", tokens.toString());
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
