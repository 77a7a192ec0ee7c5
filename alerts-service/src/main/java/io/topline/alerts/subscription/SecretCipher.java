package io.topline.alerts.subscription;

import io.quarkus.runtime.Startup;
import io.topline.alerts.delivery.WebhookConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Encrypts webhook secrets at rest with AES-256-GCM under the configured key, each bound to its subscription.
 *
 * <p>Created at start, so that a service without a usable key refuses to start instead of failing at the first
 * subscription or delivery.
 */
@Startup
@ApplicationScoped
public class SecretCipher {

    static final String MISSING_KEY = "topline.webhooks.secret-encryption-key is not set. Webhook secrets are "
            + "encrypted at rest with it: set TOPLINE_WEBHOOKS_SECRET_ENCRYPTION_KEY to a base64-encoded 256-bit key "
            + "(for example the output of 'openssl rand -base64 32') and keep it, since stored secrets need it.";
    static final String BAD_KEY = "topline.webhooks.secret-encryption-key (TOPLINE_WEBHOOKS_SECRET_ENCRYPTION_KEY) "
            + "must be a base64-encoded 256-bit (32-byte) key, for example the output of 'openssl rand -base64 32'.";
    // the format version leads every stored value, so that a later key or algorithm can live beside this one
    private static final String FORMAT = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKey key;

    @Inject
    public SecretCipher(WebhookConfig config) {
        this(config.secretEncryptionKey());
    }

    public SecretCipher(Optional<String> base64Key) {
        String value = base64Key.map(String::trim).filter(k -> !k.isEmpty())
                .orElseThrow(() -> new IllegalStateException(MISSING_KEY));
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(BAD_KEY);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(BAD_KEY);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** The stored form of a subscription's secret: a fresh nonce and the ciphertext, authenticated with its id. */
    public String encrypt(String secret, UUID subscriptionId) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(subscriptionId));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return FORMAT + Base64.getEncoder().encodeToString(
                    ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** The secret back from its stored form; fails when the key is another or the value was tampered with. */
    public String decrypt(String stored, UUID subscriptionId) {
        if (stored == null || !stored.startsWith(FORMAT)) {
            throw new IllegalStateException("The secret of subscription " + subscriptionId + " is not in a known format");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(stored.substring(FORMAT.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(subscriptionId));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("The secret of subscription " + subscriptionId
                    + " cannot be decrypted: topline.webhooks.secret-encryption-key is not the key it was stored with");
        }
    }

    private static byte[] associatedData(UUID subscriptionId) {
        // binds each ciphertext to its row: a value copied onto another subscription does not decrypt
        return subscriptionId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
