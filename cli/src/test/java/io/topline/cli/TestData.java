package io.topline.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** The module's one test-data factory: files to read and addresses nothing listens on. */
public final class TestData {

    /** The published example organisation file. */
    public static final Path EXAMPLE = Path.of("..", "contracts", "organisation", "examples", "example-organisation.yaml");

    private TestData() {
    }

    /** Writes {@code content} to a new file named {@code name} in a fresh folder. */
    public static Path file(String name, String content) throws IOException {
        Path file = Files.createTempDirectory("topline-cli-").resolve(name);
        Files.writeString(file, content);
        return file;
    }

    /** A local URL nothing listens on (a port the system just handed out and took back). */
    public static String closedUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
