package io.topline.cli.ingest;

import java.io.PrintWriter;

/**
 * A progress bar on stderr: redrawn in place on a terminal, one line per tenth otherwise (a CI log keeps every
 * line, so it must not get one per batch).
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final long total;
    private final boolean terminal;
    private long lastTenth = -1;

    public ProgressBar(PrintWriter err, long total, boolean terminal) {
        this.err = err;
        this.total = total;
        this.terminal = terminal;
    }

    public void show(long done) {
        long percent = total == 0 ? 100 : done * 100 / total;
        int filled = (int) (percent * WIDTH / 100);
        String bar = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + percent + "% " + done + "/" + total
                + " rows";
        if (terminal) {
            err.print("\r" + bar);
            err.flush();
        } else if (percent / 10 != lastTenth) {
            lastTenth = percent / 10;
            err.println(bar);
        }
    }

    /** Ends the bar's line on a terminal. */
    public void done() {
        if (terminal) {
            err.println();
        }
    }
}
