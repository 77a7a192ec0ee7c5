package io.topline.metrics.retention;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.topline.chassis.db.AdvisoryLocks;
import io.topline.chassis.time.SettableClock;
import io.topline.metrics.support.TestData;
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

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Raw measurements and Idempotency-Key records past their retention are deleted in batches, by one replica at a time. */
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
    void shouldDeleteMeasurementsAndKeysPastTheirRetentionInBatchesAndKeepTheRest() throws Exception {
        clock.pin(NOW);
        String measure = TestData.uniqueKey("retention");
        try (Connection db = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl())) {
            // 25 rows past 800 days: more than one batch (the tests delete 10 a batch)
            for (int i = 0; i < 25; i++) {
                insertMeasurement(db, measure, "old-" + i, NOW.minus(Duration.ofDays(801)));
            }
            insertMeasurement(db, measure, "kept", NOW.minus(Duration.ofDays(799)));
            insertKey(db, measure + "-old", NOW.minus(Duration.ofHours(25)));
            insertKey(db, measure + "-kept", NOW.minus(Duration.ofHours(23)));

            job.run();

            assertEquals(Map.of("kept", 1), measurementsOf(db, measure));
            assertEquals(0, keys(db, measure + "-old"));
            assertEquals(1, keys(db, measure + "-kept"));
        }
    }

    @Test
    void shouldLeaveThePurgeToTheReplicaThatHoldsItsLock() throws Exception {
        clock.pin(NOW);
        String measure = TestData.uniqueKey("locked");
        try (Connection db = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl());
             Connection otherReplica = DriverManager.getConnection(ToplineInfrastructure.jdbcUrl())) {
            insertMeasurement(db, measure, "old", NOW.minus(Duration.ofDays(900)));
            otherReplica.setAutoCommit(false);
            try (PreparedStatement lock = otherReplica.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, AdvisoryLocks.keyOf("purge:measurements"));
                lock.executeQuery().close();
            }

            job.run();
            assertEquals(Map.of("old", 1), measurementsOf(db, measure));

            otherReplica.rollback();
            job.run();
            assertEquals(Map.of(), measurementsOf(db, measure));
        }
    }

    private static void insertMeasurement(Connection db, String measure, String clientId, Instant receivedAt)
            throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO measurement "
                + "(measure_key, value, occurred_at, source, client_id, period, received_at) "
                + "VALUES (?, 1, ?, 'crm', ?, '2024-08', ?)")) {
            insert.setString(1, measure);
            insert.setTimestamp(2, Timestamp.from(receivedAt));
            insert.setString(3, measure + "-" + clientId);
            insert.setTimestamp(4, Timestamp.from(receivedAt));
            insert.executeUpdate();
        }
    }

    private static void insertKey(Connection db, String key, Instant createdAt) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO idempotency_record (principal, "
                + "idempotency_key, fingerprint, status, created_at, completed_at) VALUES ('ian', ?, 'f', 200, ?, ?)")) {
            insert.setString(1, key);
            insert.setTimestamp(2, Timestamp.from(createdAt));
            insert.setTimestamp(3, Timestamp.from(createdAt));
            insert.executeUpdate();
        }
    }

    /** Client ids (without the measure prefix) of the measure's stored measurements, each with its count. */
    private static Map<String, Integer> measurementsOf(Connection db, String measure) throws Exception {
        Map<String, Integer> ids = new HashMap<>();
        try (PreparedStatement select = db.prepareStatement("SELECT client_id FROM measurement WHERE measure_key = ?")) {
            select.setString(1, measure);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.merge(rows.getString(1).substring(measure.length() + 1), 1, Integer::sum);
                }
            }
        }
        return ids;
    }

    private static int keys(Connection db, String key) throws Exception {
        try (PreparedStatement select = db.prepareStatement(
                "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
