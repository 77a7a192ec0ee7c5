package io.topline.cli.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.topline.cli.CommandFailure;
import io.topline.cli.ExitCodes;
import io.topline.cli.Roles;
import io.topline.cli.SuiteClient;
import io.topline.cli.SuiteOptions;
import io.topline.cli.ingest.CsvMapping.Measurement;
import io.topline.cli.ingest.ImportBatches.Batch;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code topline import-csv FILE}: loads history from a CSV file into metrics-service in batches. Every row gets a
 * client id and every batch an Idempotency-Key, and a checkpoint beside the file says how far the suite committed,
 * so an interrupted import runs again from where it stopped and nothing is counted twice.
 */
@Command(name = "import-csv", description = "Load measurements from a CSV file with a header line, in batches "
        + "(POST /measurements/batch). Every row is checked before anything is sent. Rows get client ids "
        + "(--id-column, or <id-prefix>-<line>), so running the same command again after an interruption resumes "
        + "without counting anything twice; FILE.progress remembers the last committed line.")
public class ImportCsvCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "the CSV file; its first line names the columns")
    Path file;

    @ArgGroup(multiplicity = "1")
    MeasureChoice measure;

    /** Either a column naming each row's measure, or one measure for the whole file. */
    static class MeasureChoice {
        @Option(names = "--measure-column", paramLabel = "COLUMN", description = "the column holding the measure key")
        String column;

        @Option(names = "--measure", paramLabel = "KEY", description = "the measure of every row")
        String key;
    }

    @Option(names = "--value-column", paramLabel = "COLUMN", defaultValue = "value",
            description = "the column holding the value (default ${DEFAULT-VALUE})")
    String valueColumn;

    @Option(names = "--time-column", paramLabel = "COLUMN", defaultValue = "occurredAt",
            description = "the column holding when: an ISO-8601 instant, a local date-time or a date (default ${DEFAULT-VALUE})")
    String timeColumn;

    @Option(names = "--zone", paramLabel = "ZONE", defaultValue = "UTC",
            description = "the time zone of times without an offset (default ${DEFAULT-VALUE})")
    ZoneId zone;

    @Option(names = "--id-column", paramLabel = "COLUMN", description = "the column holding each row's client id "
            + "(default: <id-prefix>-<line>)")
    String idColumn;

    @Option(names = "--id-prefix", paramLabel = "PREFIX", description = "the prefix of derived client ids (default: "
            + "the file's name): keep it when importing the same file again")
    String idPrefix;

    @Option(names = "--source", defaultValue = "topline-csv", description = "the source of every row (default ${DEFAULT-VALUE})")
    String source;

    @Option(names = "--batch-size", defaultValue = "1000", description = "rows per batch, 1 to 10000 (default ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--attempts", defaultValue = "5", description = "tries per batch while the suite is away or "
            + "failing, waiting 2, 4, 8... s in between (default ${DEFAULT-VALUE})")
    int attempts;

    @Option(names = "--restart", description = "ignore the checkpoint and send every row again (still counted once)")
    boolean restart;

    @Mixin
    SuiteOptions suite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new CommandFailure(ExitCodes.USAGE, "--batch-size must be 1 to 10000");
        }
        PrintWriter err = spec.commandLine().getErr();
        List<Measurement> measurements = readAll(err);
        ImportCheckpoint checkpoint = ImportCheckpoint.of(file);
        long committed = restart ? 0 : checkpoint.committedThrough();
        List<Batch> batches = ImportBatches.of(measurements, batchSize, committed);
        long skipped = measurements.size() - batches.stream().mapToLong(b -> b.items().size()).sum();
        if (committed > 0) {
            err.println("Resuming after line " + committed + " (" + checkpoint.file() + "): " + skipped
                    + " row(s) were committed by an earlier run");
        }
        Summary summary = send(batches, checkpoint, skipped, measurements.size(), err);
        checkpoint.clear();
        spec.commandLine().getOut().println(summary.describe(file));
        return ExitCodes.OK;
    }

    private List<Measurement> readAll(PrintWriter err) throws IOException {
        CsvRows rows;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rows = CsvRows.read(reader);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": no such file");
        } catch (RuntimeException | IOException e) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": not a CSV file with a header line (" + e.getMessage() + ")");
        }
        CsvMapping mapping = new CsvMapping(measure.column, measure.key, valueColumn, timeColumn, idColumn,
                idPrefix != null ? idPrefix : defaultPrefix(file), source, zone);
        List<String> missing = mapping.missingColumns(rows.header());
        if (!missing.isEmpty()) {
            throw new CommandFailure(ExitCodes.INVALID, file + ": no column " + String.join(", ", missing)
                    + " (the header has " + String.join(", ", rows.header()) + ")");
        }
        List<Measurement> measurements = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (CsvRows.Row row : rows.rows()) {
            CsvMapping.Result result = mapping.map(row.line(), row.values());
            if (result.ok()) {
                measurements.add(result.measurement());
            } else {
                errors.add(result.error());
            }
        }
        if (!errors.isEmpty()) {
            errors.forEach(e -> err.println(file + ": " + e));
            throw new CommandFailure(ExitCodes.INVALID, file + ": " + errors.size() + " bad row(s); nothing was sent");
        }
        return measurements;
    }

    private Summary send(List<Batch> batches, ImportCheckpoint checkpoint, long skipped, long total, PrintWriter err)
            throws IOException {
        SuiteClient client = new SuiteClient(suite, Roles.INGEST);
        ProgressBar progress = new ProgressBar(err, total, System.console() != null);
        Summary summary = new Summary(total, skipped, Instant.now());
        progress.show(skipped);
        for (Batch batch : batches) {
            SuiteClient.Answer answer = sendOne(client, batch, err);
            JsonNode outcome = answer.json();
            long accepted = outcome.path("accepted").asLong();
            long duplicates = outcome.path("duplicates").asLong();
            if (answer.header("Idempotent-Replayed").filter("true"::equalsIgnoreCase).isPresent()) {
                // the first response to this batch, replayed: an earlier run stored its rows
                summary.add(0, accepted + duplicates);
            } else {
                summary.add(accepted, duplicates);
            }
            checkpoint.commit(batch.lastLine());
            progress.show(skipped + summary.sent);
        }
        progress.done();
        return summary;
    }

    /** Sends one batch, retrying what may pass later (the suite away, a 5xx, a key still in flight). */
    private SuiteClient.Answer sendOne(SuiteClient client, Batch batch, PrintWriter err) {
        for (int attempt = 1; ; attempt++) {
            try {
                SuiteClient.Answer answer = client.send("POST", suite.metricsUrl(), "/measurements/batch",
                        "application/json", batch.body(), Map.of("Idempotency-Key", batch.idempotencyKey()));
                boolean retryable = answer.status() >= 500 || answer.status() == 409
                        && answer.body().contains("idempotency-key-in-flight");
                if (!retryable || attempt >= attempts) {
                    return client.expectSuccess(answer, err, file + " lines " + batch.firstLine() + "-" + batch.lastLine());
                }
            } catch (CommandFailure unreachable) {
                if (unreachable.exitCode() != ExitCodes.UNAVAILABLE || attempt >= attempts) {
                    throw new CommandFailure(unreachable.exitCode(), unreachable.getMessage() + "\nRun the same "
                            + "command again to resume after line " + (batch.firstLine() - 1) + "; nothing is counted twice.");
                }
            }
            pause(Duration.ofSeconds(1L << attempt));
        }
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure(ExitCodes.UNAVAILABLE, "Interrupted");
        }
    }

    /** The file's name as a prefix of client ids: lower case, without its extension. */
    static String defaultPrefix(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** What the import did. */
    private static final class Summary {
        private final long total;
        private final long skipped;
        private final Instant started;
        private long sent;
        private long accepted;
        private long duplicates;
        private int batches;

        Summary(long total, long skipped, Instant started) {
            this.total = total;
            this.skipped = skipped;
            this.started = started;
        }

        void add(long acceptedInBatch, long duplicatesInBatch) {
            accepted += acceptedInBatch;
            duplicates += duplicatesInBatch;
            sent += acceptedInBatch + duplicatesInBatch;
            batches++;
        }

        String describe(Path file) {
            return file + ": " + total + " row(s); " + accepted + " stored, " + duplicates + " already stored, "
                    + skipped + " committed by an earlier run; " + batches + " batch(es) in "
                    + Duration.between(started, Instant.now()).toMillis() / 1000.0 + " s";
        }
    }
}
