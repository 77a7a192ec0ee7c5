package io.topline.cli.ingest;

import io.topline.cli.TestData;
import io.topline.cli.ingest.CsvMapping.Measurement;
import io.topline.cli.ingest.ImportBatches.Batch;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Batches, their keys and the checkpoint that lets an interrupted import resume where it stopped. */
class ImportBatchesTest {

    private static final List<Measurement> ROWS = LongStream.rangeClosed(2, 8)
            .mapToObj(line -> new Measurement(line, "h-" + line, "new-clients", BigDecimal.valueOf(line),
                    "2026-11-0" + line + "T00:00Z", "crm"))
            .toList();

    @Test
    void shouldCutTheRowsIntoBatchesWithKeysMadeFromTheirContent() {
        List<Batch> batches = ImportBatches.of(ROWS, 3, 0);

        assertEquals(List.of(List.of(2L, 3L, 4L), List.of(5L, 6L, 7L), List.of(8L)),
                batches.stream().map(b -> b.items().stream().map(Measurement::line).toList()).toList());
        assertEquals(List.of(2L, 5L, 8L), batches.stream().map(Batch::firstLine).toList());
        assertEquals(List.of(4L, 7L, 8L), batches.stream().map(Batch::lastLine).toList());
        assertEquals("{\"items\":[{\"id\":\"h-8\",\"measure\":\"new-clients\",\"value\":8,"
                + "\"occurredAt\":\"2026-11-08T00:00Z\",\"source\":\"crm\"}]}", batches.get(2).body());
        assertEquals(ImportBatches.of(ROWS, 3, 0).get(0).idempotencyKey(), batches.get(0).idempotencyKey());
        assertNotEquals(batches.get(0).idempotencyKey(), batches.get(1).idempotencyKey());
    }

    @Test
    void shouldResumeAfterTheLastCommittedLineFromTheCheckpoint() throws Exception {
        Path csv = TestData.file("history.csv", "value,occurredAt\n");
        ImportCheckpoint checkpoint = ImportCheckpoint.of(csv);
        assertEquals(0, checkpoint.committedThrough());

        checkpoint.commit(4);
        List<Batch> resumed = ImportBatches.of(ROWS, 3, ImportCheckpoint.of(csv).committedThrough());

        assertEquals(csv.resolveSibling("history.csv.progress"), checkpoint.file());
        assertEquals(List.of(List.of("h-5", "h-6", "h-7"), List.of("h-8")),
                resumed.stream().map(b -> b.items().stream().map(Measurement::id).toList()).toList());
        checkpoint.clear();
        assertFalse(Files.exists(checkpoint.file()));
    }

    @Test
    void shouldDeriveTheIdPrefixFromTheFileName() {
        assertEquals("crm-export-2026", ImportCsvCommand.defaultPrefix(Path.of("/tmp/CRM export 2026.csv")));
    }
}
