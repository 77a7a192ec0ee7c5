package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A client that knows every replica of one service: it takes turns, and retries elsewhere a call left unanswered. */
// A careful client without a load balancer: calls alternate between the replicas; a call that gets no answer
// (connection refused, or cut off when its replica died) or a 5xx marks that replica down and is sent again, unchanged
// (same measurement ids), to the next one. The counters say what the client went through.
public final class FailoverClient {

    private final List<String> replicas;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private final AtomicInteger turn = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger cutOff = new AtomicInteger();
    private final AtomicInteger serverErrors = new AtomicInteger();

    /** One answer and the replica that gave it. */
    public record Answer(int status, JsonNode body, String replica) {
    }

    public FailoverClient(List<String> replicaUrls, String token) {
        this.replicas = List.copyOf(replicaUrls);
        this.token = token;
    }

    /** POSTs JSON until a replica answers with something other than a 5xx; fails after two minutes. */
    public Answer post(String path, String json) throws InterruptedException {
        return send(path, HttpRequest.BodyPublishers.ofString(json));
    }

    /** GETs until a replica answers with something other than a 5xx; fails after two minutes. */
    public Answer get(String path) throws InterruptedException {
        return send(path, null);
    }

    private Answer send(String path, HttpRequest.BodyPublisher body) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline) {
            String replica = next();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(replica + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json").POST(body);
            }
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() < 500) {
                    answered.incrementAndGet();
                    return new Answer(response.statusCode(), Api.parse(response.body()), replica);
                }
                serverErrors.incrementAndGet();
            } catch (ConnectException e) {
                refused.incrementAndGet();
            } catch (IOException e) {
                cutOff.incrementAndGet();
            }
            down.add(replica);
            Thread.sleep(50);
        }
        throw new AssertionError("No replica of " + replicas + " answered " + path + " within two minutes");
    }

    /** The next replica not marked down; when all are, every one gets another chance. */
    private String next() {
        List<String> up = replicas.stream().filter(r -> !down.contains(r)).toList();
        if (up.isEmpty()) {
            down.clear();
            up = replicas;
        }
        return up.get(Math.floorMod(turn.getAndIncrement(), up.size()));
    }

    /** Calls that got an answer (not a 5xx). */
    public int answered() {
        return answered.get();
    }

    /** Attempts whose connection was refused. */
    public int refused() {
        return refused.get();
    }

    /** Attempts cut off without an answer (their replica died under them) or timed out. */
    public int cutOff() {
        return cutOff.get();
    }

    /** Attempts answered with a 5xx. */
    public int serverErrors() {
        return serverErrors.get();
    }

    /** Attempts that were sent again to another replica. */
    public int retried() {
        return refused() + cutOff() + serverErrors();
    }
}
