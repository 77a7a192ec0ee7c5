package io.topline.cli.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The last line of a CSV file whose batch the suite committed, kept in a small file beside it so that a run after an
 * interruption starts where the last one stopped. It is only a shortcut: the client ids alone already keep a full
 * re-run from counting anything twice.
 */
public record ImportCheckpoint(Path file) {

    /** The checkpoint of {@code csv}: {@code <csv>.progress}. */
    public static ImportCheckpoint of(Path csv) {
        return new ImportCheckpoint(csv.resolveSibling(csv.getFileName() + ".progress"));
    }

    /** The line committed through, or 0 when no earlier run left a checkpoint. */
    public long committedThrough() throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IOException(file + " does not hold a line number; delete it or run with --restart");
        }
    }

    /** Records that everything through {@code line} is committed; written whole, so a crash leaves the old one. */
    public void commit(long line) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(next, line + "\n", StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The import finished: nothing to resume. */
    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }
}
