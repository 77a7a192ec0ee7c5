package io.topline.alerts.retention;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.chassis.time.SettableClock;
import io.topline.testinfra.ToplineInfrastructure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finished webhook deliveries and their attempts past 90 days are deleted; recent and unfinished ones are kept. */
@QuarkusTest
@WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)
class RetentionJobTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    @Inject
    SettableClock clock;

    @Inject
    RetentionJob job;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void shouldDeleteFinishedDeliveriesAndTheirAttemptsPastTheirRetention() throws Exception {
        clock.pin(NOW);
        try (Connection db = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl())) {
            UUID subscription = insertSubscription(db);
            Instant old = NOW.minus(Duration.ofDays(91));
            // 12 old deliveries with 2 attempts each: more than one batch (the tests delete 10 a batch)
            for (int i = 0; i < 12; i++) {
                insertDelivery(db, subscription, "old-" + i, "SUCCEEDED", old, 2);
            }
            insertDelivery(db, subscription, "recent", "FAILED", NOW.minus(Duration.ofDays(89)), 1);
            insertDelivery(db, subscription, "unfinished", "PENDING", null, 1);

            job.run();

            assertEquals(Map.of("recent", 1, "unfinished", 1), attemptsBySubscriptionMessage(db, subscription));
        }
    }

    private static UUID insertSubscription(Connection db) throws Exception {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO subscription (id, url, plain_secret, drivers, "
                + "functions, measures, kinds, min_severity, active, created_at, slug) "
                + "VALUES (?, 'https://hooks.example/x', 'whsec_x', '[]', '[]', '[]', '[]', 'INFO', false, now(), ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "retention-" + id);
            insert.executeUpdate();
        }
        return id;
    }

    private static void insertDelivery(Connection db, UUID subscription, String message, String status,
                                       Instant completedAt, int attempts) throws Exception {
        UUID id = UUID.randomUUID();
        Instant created = completedAt != null ? completedAt.minusSeconds(60) : NOW.minus(Duration.ofDays(200));
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO webhook_delivery (id, subscription_id, "
                + "message_id, event_type, payload, status, attempts, next_attempt_at, created_at, completed_at) "
                + "VALUES (?, ?, ?, 'topline.alert.fired', '{}', ?, ?, ?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, subscription);
            insert.setString(3, message);
            insert.setString(4, status);
            insert.setInt(5, attempts);
            // an unfinished one is due far in the future, so that the delivery worker leaves it alone
            insert.setTimestamp(6, completedAt == null ? Timestamp.from(NOW.plus(Duration.ofDays(3650))) : null);
            insert.setTimestamp(7, Timestamp.from(created));
            insert.setTimestamp(8, completedAt == null ? null : Timestamp.from(completedAt));
            insert.executeUpdate();
        }
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO webhook_attempt (delivery_id, attempt, "
                    + "attempted_at, status_code, outcome, duration_ms) VALUES (?, ?, ?, 500, 'RETRY', 5)")) {
                insert.setObject(1, id);
                insert.setInt(2, attempt);
                insert.setTimestamp(3, Timestamp.from(created));
                insert.executeUpdate();
            }
        }
    }

    /** The subscription's deliveries left, by message id, each with its attempts left. */
    private static Map<String, Integer> attemptsBySubscriptionMessage(Connection db, UUID subscription) throws Exception {
        Map<String, Integer> left = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("SELECT d.message_id, count(a.id) FROM webhook_delivery d "
                + "LEFT JOIN webhook_attempt a ON a.delivery_id = d.id WHERE d.subscription_id = ? GROUP BY d.message_id")) {
            select.setObject(1, subscription);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    left.put(rows.getString(1), rows.getInt(2));
                }
            }
        }
        return left;
    }
}
