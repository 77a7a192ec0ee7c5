package io.topline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a fault test saw (counts and seconds), printed as it goes and written to a file under target/ at the end. */
public final class FaultReport {

    private final String title;
    private final Path file;
    private final List<String> lines = new ArrayList<>();

    public FaultReport(String title, Path file) {
        this.title = title;
        this.file = file;
    }

    /** Records one line (String.format) and prints it at once, so a test that fails later still shows it. */
    public synchronized void line(String format, Object... args) {
        String line = String.format(format, args);
        lines.add(line);
        System.out.println("[" + title + "] " + line);
    }

    /** Writes every line recorded so far to the report file. */
    public synchronized void write() {
        try {
            Files.createDirectories(file.getParent());
            StringBuilder text = new StringBuilder("# " + title + "\n\n");
            lines.forEach(l -> text.append("- ").append(l).append('\n'));
            Files.writeString(file, text);
            System.out.println("[" + title + "] report written to " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seconds since {@code startNanos} (System.nanoTime), one decimal. */
    public static String seconds(long startNanos) {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }
}
