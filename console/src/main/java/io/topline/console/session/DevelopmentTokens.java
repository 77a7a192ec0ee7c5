package io.topline.console.session;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the development token of a role from the directory the local stack writes them to. */
@ApplicationScoped
public class DevelopmentTokens {

    private final SignInConfig config;

    public DevelopmentTokens(SignInConfig config) {
        this.config = config;
    }

    /** The token of {@code role} (one of {@link Roles#PEOPLE}), or empty when the file is missing or unreadable. */
    public Optional<String> of(String role) {
        if (!Roles.PEOPLE.contains(role)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file(role), StandardCharsets.UTF_8).trim()).filter(t -> !t.isEmpty());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the token of {@code role} is expected, for the message when it is missing. */
    public Path file(String role) {
        return config.tokensDirectory().resolve(role + ".jwt");
    }
}
