package io.topline.cli;

/** A command that cannot go on: its message is printed on stderr and the tool exits with {@link #exitCode()}. */
public class CommandFailure extends RuntimeException {

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
