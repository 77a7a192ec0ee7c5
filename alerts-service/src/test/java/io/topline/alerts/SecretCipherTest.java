package io.topline.alerts;

import io.topline.alerts.subscription.SecretCipher;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** AES-GCM encryption of webhook secrets at rest, and the refusal to run without a usable key. */
class SecretCipherTest {

    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void shouldEncryptWithAFreshNonceAndDecryptOnlyForTheSameSubscriptionAndKey() {
        SecretCipher cipher = new SecretCipher(Optional.of(KEY));
        UUID id = UUID.randomUUID();
        String first = cipher.encrypt(SECRET, id);
        String second = cipher.encrypt(SECRET, id);

        assertTrue(first.startsWith("v1:"), first);
        assertFalse(first.contains(SECRET.substring("whsec_".length())), first);
        assertNotEquals(first, second, "every encryption takes a new nonce");
        assertEquals(SECRET, cipher.decrypt(first, id));
        assertEquals(SECRET, cipher.decrypt(second, id));

        IllegalStateException otherRow = assertThrows(IllegalStateException.class,
                () -> cipher.decrypt(first, UUID.randomUUID()));
        assertTrue(otherRow.getMessage().contains("cannot be decrypted"), otherRow.getMessage());
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        SecretCipher other = new SecretCipher(Optional.of(Base64.getEncoder().encodeToString(otherKey)));
        assertThrows(IllegalStateException.class, () -> other.decrypt(first, id));
        String tampered = first.substring(0, first.length() - 2) + (first.endsWith("A=") ? "B=" : "A=");
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(tampered, id));
    }

    @Test
    void shouldRefuseToStartWithoutAKeyNamingTheVariableToSet() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> new SecretCipher(Optional.empty()));
        assertEquals("topline.webhooks.secret-encryption-key is not set. Webhook secrets are encrypted at rest with "
                + "it: set TOPLINE_WEBHOOKS_SECRET_ENCRYPTION_KEY to a base64-encoded 256-bit key (for example the "
                + "output of 'openssl rand -base64 32') and keep it, since stored secrets need it.", missing.getMessage());
        assertEquals(missing.getMessage(),
                assertThrows(IllegalStateException.class, () -> new SecretCipher(Optional.of("  "))).getMessage());
    }

    @Test
    void shouldRefuseAKeyThatIsNotBase64Of32Bytes() {
        String expected = "topline.webhooks.secret-encryption-key (TOPLINE_WEBHOOKS_SECRET_ENCRYPTION_KEY) must be a "
                + "base64-encoded 256-bit (32-byte) key, for example the output of 'openssl rand -base64 32'.";
        for (String key : new String[]{"not base64!", Base64.getEncoder().encodeToString(new byte[16])}) {
            assertEquals(expected, assertThrows(IllegalStateException.class,
                    () -> new SecretCipher(Optional.of(key))).getMessage(), key);
        }
    }
}
