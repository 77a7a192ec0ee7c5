package io.topline.local;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Prints one development token per role, signed with the local key pair that only the local configuration trusts.
 *
 * <p>Arguments: private key file, issuer, output directory (one {@code <role>.jwt} file per role), audience.
 */
public final class DevTokens {

    private static final Map<String, String> USERS = new LinkedHashMap<>();

    static {
        USERS.put("topline-admin", "admin@topline.local");
        USERS.put("topline-ingest", "ingest@topline.local");
        USERS.put("topline-viewer", "viewer@topline.local");
        USERS.put("topline-oncall", "oncall@topline.local");
    }

    private DevTokens() {
    }

    public static void main(String[] args) throws Exception {
        PrivateKey privateKey = KeyUtils.decodePrivateKey(Files.readString(Path.of(args[0])));
        String issuer = args[1];
        Path output = Path.of(args[2]);
        String audience = args[3];
        Files.createDirectories(output);
        for (Map.Entry<String, String> entry : USERS.entrySet()) {
            String token = Jwt.issuer(issuer)
                    .audience(audience)
                    .upn(entry.getValue())
                    .subject(entry.getValue())
                    .groups(Set.of(entry.getKey()))
                    .expiresIn(Duration.ofDays(7))
                    .jws()
                    .sign(privateKey);
            Files.writeString(output.resolve(entry.getKey() + ".jwt"), token);
        }
    }
}
