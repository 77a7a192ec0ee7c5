package io.topline.console.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The claims the console shows and adapts its pages to (who, which roles, until when), read from a bearer token's
 * payload without verifying it: the console never trusts them for access, the APIs verify every token they get.
 */
public record TokenClaims(String user, List<String> groups, Instant expiresAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The claims of a compact JWS, or empty when it is not one. */
    public static Optional<TokenClaims> of(String token) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            JsonNode payload = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            List<String> groups = new ArrayList<>();
            payload.path("groups").forEach(group -> groups.add(group.asText()));
            String user = payload.path("upn").asText(payload.path("preferred_username").asText(
                    payload.path("sub").asText("unknown")));
            Instant expiresAt = payload.has("exp") ? Instant.ofEpochSecond(payload.path("exp").asLong()) : Instant.MAX;
            return Optional.of(new TokenClaims(user, List.copyOf(groups), expiresAt));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether the token has expired at {@code now}. */
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
