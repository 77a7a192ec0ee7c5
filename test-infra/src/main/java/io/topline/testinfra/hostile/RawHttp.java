package io.topline.testinfra.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sends an HTTP/1.1 request byte for byte over a plain socket and reads the answer: hostile requests must reach the
 * server exactly as written, which no HTTP client allows (they encode, validate and refuse what is sent here).
 */
public final class RawHttp {

    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final int timeoutMillis;

    public RawHttp(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** What the server answered; {@code status} is -1 when it closed the connection without an answer. */
    public record Answer(int status, Map<String, String> headers, String body, boolean timedOut) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** Sends {@code head} (request line and headers, CRLF-terminated, without the blank line) and {@code body}. */
    public Answer send(byte[] head, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (IOException closedEarly) {
                // the server may refuse and close before reading everything (an over-long body): read its answer
            }
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            return new Answer(-1, Map.of(), "", true);
        } catch (IOException e) {
            return new Answer(-1, Map.of(), e.toString(), false);
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int headEnd = -1;
        Map<String, String> headers = null;
        int status = -1;
        try {
            for (int n; (n = in.read(chunk)) > 0 && buffer.size() < MAX_RESPONSE_BYTES; ) {
                buffer.write(chunk, 0, n);
                if (headEnd < 0) {
                    headEnd = indexOf(buffer.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    if (headEnd >= 0) {
                        String head = new String(buffer.toByteArray(), 0, headEnd, StandardCharsets.ISO_8859_1);
                        status = statusOf(head);
                        if (status == 100) {
                            // an interim answer to Expect: 100-continue; the final one follows
                            byte[] rest = Arrays.copyOfRange(buffer.toByteArray(), headEnd + 4, buffer.size());
                            buffer.reset();
                            buffer.writeBytes(rest);
                            headEnd = indexOf(rest, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                            if (headEnd < 0) {
                                continue;
                            }
                            head = new String(rest, 0, headEnd, StandardCharsets.ISO_8859_1);
                            status = statusOf(head);
                        }
                        headers = headersOf(head);
                        if (String.valueOf(headers.get("content-type")).startsWith("text/event-stream")) {
                            break; // a live stream never ends: its head is the answer
                        }
                    }
                }
                if (headEnd >= 0 && complete(buffer.toByteArray(), headEnd + 4, headers)) {
                    break;
                }
            }
        } catch (IOException resetAfterAnswer) {
            if (headEnd < 0) {
                throw resetAfterAnswer;
            }
        }
        if (headEnd < 0) {
            return new Answer(-1, Map.of(), buffer.toString(StandardCharsets.ISO_8859_1), false);
        }
        byte[] all = buffer.toByteArray();
        byte[] body = Arrays.copyOfRange(all, headEnd + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8), false);
    }

    private static boolean complete(byte[] all, int bodyStart, Map<String, String> headers) {
        String length = headers.get("content-length");
        if (length != null) {
            return all.length - bodyStart >= Long.parseLong(length.trim());
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new String(all, bodyStart, all.length - bodyStart, StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n");
        }
        return false; // read until the server closes (every request says Connection: close)
    }

    private static int statusOf(String head) {
        String[] parts = head.split(" ", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> headersOf(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static byte[] unchunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(Arrays.copyOfRange(body, at, body.length), CRLF);
            if (lineEnd < 0) {
                break;
            }
            int size;
            try {
                String line = new String(body, at, lineEnd, StandardCharsets.ISO_8859_1);
                size = Integer.parseInt(line.split(";")[0].trim(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = at + lineEnd + 2;
            int end = Math.min(body.length, start + size);
            out.write(body, start, end - start);
            at = end + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
