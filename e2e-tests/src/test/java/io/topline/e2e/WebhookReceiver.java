package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/** A webhook subscriber on loopback that verifies every delivery as the Standard Webhooks specification says. */
// HMAC-SHA256 over id.timestamp.body, keyed by the base64 part of the whsec_ secret, compared in constant time, with
// the timestamp within five minutes; a delivery that fails is refused with 401 and kept apart, so a test sees it.
public final class WebhookReceiver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long TOLERANCE_SECONDS = 300;

    /** One verified delivery: the message id, its body and when it arrived. */
    public record Delivery(String webhookId, long timestamp, JsonNode body, long receivedNanos) {
    }

    private final HttpServer server;
    private final List<Delivery> verified = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final Consumer<Delivery> listener;
    private volatile String secret;

    public WebhookReceiver(Consumer<Delivery> listener) throws IOException {
        this.listener = listener;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/topline", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "webhook-receiver");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public WebhookReceiver() throws IOException {
        this(d -> { });
    }

    /** The URL to subscribe. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/topline";
    }

    /** The {@code whsec_} secret the subscription returned once. */
    public void secret(String secret) {
        this.secret = secret;
    }

    public List<Delivery> verified() {
        return List.copyOf(verified);
    }

    public List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        byte[] bytes;
        try (InputStream in = exchange.getRequestBody()) {
            bytes = in.readAllBytes();
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        String problem = verify(id, timestamp, signatures, body);
        if (problem == null) {
            Delivery delivery = new Delivery(id, Long.parseLong(timestamp), MAPPER.readTree(body), now);
            verified.add(delivery);
            listener.accept(delivery);
            exchange.sendResponseHeaders(204, -1);
        } else {
            refused.add(problem + " (webhook-id " + id + ")");
            exchange.sendResponseHeaders(401, -1);
        }
        exchange.close();
    }

    private String verify(String id, String timestamp, String signatures, String body) {
        if (id == null || timestamp == null || signatures == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        String key = secret;
        if (key == null || !key.startsWith("whsec_")) {
            return "no whsec_ secret known yet";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number: " + timestamp;
        }
        if (Math.abs(System.currentTimeMillis() / 1000 - seconds) > TOLERANCE_SECONDS) {
            return "webhook-timestamp " + timestamp + " is outside the tolerance";
        }
        byte[] expected = hmac(Base64.getDecoder().decode(key.substring("whsec_".length())),
                id + "." + timestamp + "." + body);
        // the header may carry several space-separated signatures (key rotation); one valid v1 is enough
        for (String candidate : signatures.split(" ")) {
            if (candidate.startsWith("v1,")) {
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(candidate.substring(3));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (MessageDigest.isEqual(expected, given)) {
                    return null;
                }
            }
        }
        return "no valid v1 signature in '" + signatures + "'";
    }

    private static byte[] hmac(byte[] key, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
