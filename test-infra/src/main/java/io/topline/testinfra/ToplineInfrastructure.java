package io.topline.testinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Starts a real PostgreSQL and a real single-node KRaft Kafka broker for a module's tests.
 *
 * <p>Apply it with {@code @WithTestResource(value = ToplineInfrastructure.class, scope = TestResourceScope.GLOBAL)}
 * so that both start once per module run. {@code TOPLINE_TEST_JDBC_URL} (with {@code TOPLINE_TEST_DB_USER} and
 * {@code TOPLINE_TEST_DB_PASSWORD}) points the tests at an existing PostgreSQL instead of the embedded one.
 */
public class ToplineInfrastructure implements QuarkusTestResourceLifecycleManager {

    private static final String DATABASE = "topline_test";

    private static volatile KafkaClusterTestKit kafka;
    private static volatile EmbeddedPostgres postgres;
    private static volatile String bootstrapServers;
    private static volatile String jdbcUrl;
    private static volatile Path postgresData;
    private static volatile int postgresPort;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        startPostgres(config);
        startKafka();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        return config;
    }

    private static void startPostgres(Map<String, String> config) {
        String external = System.getenv("TOPLINE_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            jdbcUrl = external;
            config.put("quarkus.datasource.jdbc.url", external);
            config.put("quarkus.datasource.username", System.getenv().getOrDefault("TOPLINE_TEST_DB_USER", "postgres"));
            config.put("quarkus.datasource.password", System.getenv().getOrDefault("TOPLINE_TEST_DB_PASSWORD", ""));
            return;
        }
        try {
            // a data directory of our own that outlives a stop, so that a test can restart the server on it
            postgresData = Files.createTempDirectory("topline-test-pg");
            postgres = EmbeddedPostgres.builder().setDataDirectory(postgresData).setCleanDataDirectory(false).start();
            postgresPort = postgres.getPort();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            jdbcUrl = postgres.getJdbcUrl("postgres", DATABASE);
            config.put("quarkus.datasource.jdbc.url", jdbcUrl);
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "postgres");
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static void startKafka() {
        try {
            kafka = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                            .setCombined(true)
                            .setNumBrokerNodes(1)
                            .setNumControllerNodes(1)
                            .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            kafka.format();
            kafka.startup();
            kafka.waitForReadyBrokers();
            bootstrapServers = kafka.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the KRaft Kafka broker", e);
        }
    }

    /** The broker's bootstrap servers, for plain Kafka clients in tests. */
    public static String bootstrapServers() {
        return bootstrapServers;
    }

    /** The JDBC URL of the test database, for tests that look at tables directly. */
    public static String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Stops the embedded PostgreSQL with a fast shutdown (every session is ended with 57P01 admin_shutdown, as in a
     * production restart), for tests of a database outage; {@link #startPostgres()} brings it back with its data.
     */
    public static synchronized void stopPostgres() {
        requireEmbeddedPostgres();
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new IllegalStateException("Could not stop the embedded PostgreSQL", e);
            } finally {
                postgres = null;
            }
        }
    }

    /** Starts the embedded PostgreSQL stopped by {@link #stopPostgres()} again, on the same port and data. */
    public static synchronized void startPostgres() {
        requireEmbeddedPostgres();
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().setDataDirectory(postgresData).setCleanDataDirectory(false)
                        .setPort(postgresPort).start();
            } catch (IOException e) {
                throw new IllegalStateException("Could not restart the embedded PostgreSQL", e);
            }
        }
    }

    /** Whether the tests run on the embedded PostgreSQL (which they may stop), not on one named by the environment. */
    public static boolean embeddedPostgres() {
        return postgresData != null;
    }

    private static void requireEmbeddedPostgres() {
        if (!embeddedPostgres()) {
            throw new IllegalStateException("Only the embedded PostgreSQL can be stopped and restarted by a test");
        }
    }

    /** The running broker, for tests that must stop and restart it. */
    public static KafkaClusterTestKit kafka() {
        return kafka;
    }

    private static void deleteDataDirectory() {
        if (postgresData == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(postgresData)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind costs disk, not correctness
        }
    }

    @Override
    public void stop() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } catch (Exception e) {
            // the JVM is ending; a broker that does not close cleanly loses nothing we keep
        } finally {
            kafka = null;
        }
        try {
            if (postgres != null) {
                postgres.close();
            }
        } catch (Exception e) {
            // same as above: the embedded data directory is thrown away
        } finally {
            postgres = null;
            deleteDataDirectory();
        }
    }
}
