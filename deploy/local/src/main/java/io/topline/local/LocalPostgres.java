package io.topline.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * Starts the local stack's PostgreSQL server, keeping its data between runs, and exits once it is ready.
 *
 * <p>Arguments: data directory, port, the server's log file. Creates the {@code topline} role and one database per
 * service when missing. The server runs on without this launcher (pg_ctl detaches it); stop.sh stops it.
 */
public final class LocalPostgres {

    private static final List<String> DATABASES = List.of("topline_drivers", "topline_metrics", "topline_alerts");

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        File dataDirectory = new File(args[0]).getAbsoluteFile();
        int port = Integer.parseInt(args[1]);
        ProcessBuilder.Redirect serverLog = ProcessBuilder.Redirect.appendTo(new File(args[2]).getAbsoluteFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                // the embedded default turns this off; an acknowledged write must survive a crash here too
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("listen_addresses", "127.0.0.1")
                // a JVM that only waited for the server took some 130 MiB of the suite's memory: the server outlives
                // this launcher (no shutdown hook stops it) and writes its log to a file rather than to a pipe that
                // would close with the launcher
                .setRegisterShutdownHook(false)
                .setOutputRedirector(serverLog)
                .setErrorRedirector(serverLog)
                // a start after a crash recovers first, which on a busy machine takes longer than the 10 s default;
                // start.sh waits 150 s for this launcher
                .setPGStartupWait(Duration.ofSeconds(120))
                .start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            createRoleIfMissing(connection);
            for (String database : DATABASES) {
                createDatabaseIfMissing(connection, database);
            }
        } catch (SQLException | RuntimeException e) {
            // without its databases the server is of no use, and left running it would hold the port
            postgres.close();
            throw e;
        }
        System.out.println("PostgreSQL ready on 127.0.0.1:" + port + " with data in " + dataDirectory);
    }

    private static void createRoleIfMissing(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_roles where rolname = 'topline'");
             ResultSet rows = query.executeQuery();
             Statement statement = connection.createStatement()) {
            if (!rows.next()) {
                statement.execute("create role topline login password 'topline'");
            }
        }
    }

    private static void createDatabaseIfMissing(Connection connection, String database) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery(); Statement statement = connection.createStatement()) {
                if (!rows.next()) {
                    statement.execute("create database " + database + " owner topline");
                }
            }
        }
    }
}
