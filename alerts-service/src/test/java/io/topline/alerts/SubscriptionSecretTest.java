package io.topline.alerts;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.topline.alerts.subscription.SecretCipher;
import io.topline.alerts.subscription.SubscriptionRepository;
import io.topline.alerts.subscription.SubscriptionService;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhook secrets never rest in plain text: new ones are stored encrypted, old plain ones are encrypted at start. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class SubscriptionSecretTest {


    @Inject
    EntityManager entityManager;
    @Inject
    SecretCipher cipher;
    @Inject
    SubscriptionRepository subscriptions;
    @Inject
    SubscriptionService service;

    @Test
    void shouldStoreANewSecretEncryptedAndShowItOnlyOnCreation() {
        String url = "https://hooks.example.com/" + TestData.key("secret");
        Response created = RequestAs.admin()
                .contentType("application/json").body("{\"url\":\"" + url + "\"}")
                .when().post("/subscriptions")
                .then().statusCode(201).body("url", equalTo(url)).body("secret", startsWith("whsec_"))
                .extract().response();
        String secret = created.path("secret");
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith("/subscriptions/" + id), created.header("Location"));
        RequestAs.admin().when().get("/subscriptions/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("url", equalTo(url)).body("secret", nullValue());

        Object[] row = row(UUID.fromString(id));
        assertNull(row[0], "no plain secret column value");
        String stored = (String) row[1];
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains(secret.substring("whsec_".length())), stored);
        assertEquals(secret, cipher.decrypt(stored, UUID.fromString(id)));
    }

    @Test
    void shouldEncryptASecretStoredInPlainTextBeforeTheMigrationAndKeepSigningWithIt() {
        UUID id = UUID.randomUUID();
        String plain = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                        "insert into subscription (id, url, plain_secret, drivers, functions, measures, kinds, "
                                + "min_severity, active, created_at, slug) values (?1, 'https://old.example.com/hook', ?2, "
                                + "'', '', '', '', 'INFO', false, ?3, ?4)")
                .setParameter(1, id).setParameter(2, plain).setParameter(3, Timestamp.from(Instant.now()))
                .setParameter(4, "old-" + id)
                .executeUpdate());
        assertEquals(plain, QuarkusTransaction.requiringNew().call(() -> subscriptions.findById(id).secret(cipher)),
                "a row from before the migration still signs");

        assertTrue(service.encryptPlainSecrets() >= 1);

        Object[] row = row(id);
        assertNull(row[0], "the plain copy is gone");
        assertEquals(plain, cipher.decrypt((String) row[1], id));
        assertEquals(plain, QuarkusTransaction.requiringNew().call(() -> subscriptions.findById(id).secret(cipher)));
        assertEquals(0, service.encryptPlainSecrets(), "nothing is left in plain text");
    }

    private Object[] row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery(
                        "select plain_secret, secret_ciphertext from subscription where id = ?1")
                .setParameter(1, id).getSingleResult());
    }
}
