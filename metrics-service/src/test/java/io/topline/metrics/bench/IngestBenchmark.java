package io.topline.metrics.bench;

import io.topline.testinfra.TestTokens;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives a RUNNING metrics-service over HTTP and prints sustained throughput and p50/p99 latency for batch ingestion
 * (batches of 1,000) and for concurrent single POSTs. Not a test: see metrics-service/BENCHMARK.md for the command.
 *
 * <p>Arguments: base URL, measure key (must exist in the service's catalog), seconds per phase, batch clients, single clients,
 * phases to run ("batch,single" by default, or "token" to print the bearer token only), warm-up seconds per phase.
 * The token is signed with the test key, so the service must trust topline-test-keys/public-key.pem.
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18082";
        String measure = args.length > 1 ? args[1] : "bench-measure";
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int batchClients = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int singleClients = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        String phases = args.length > 5 ? args[5] : "batch,single";
        int warmUp = args.length > 6 ? Integer.parseInt(args[6]) : 60;
        String token = TestTokens.bearer("bench", TestTokens.INGEST);
        if (phases.equals("token")) {
            // for an external load generator (wrk) that cross-checks this harness
            System.out.println(token);
            return;
        }
        URI target = URI.create(base);

        System.out.println("warm-up ...");
        // long enough for the JIT to settle: with 10 s, C2 compilation took 40 % of the service CPU in the measured phase
        if (phases.contains("batch")) {
            run(target, token, measure, warmUp, batchClients, true, "batch warm-up");
        }
        if (phases.contains("single")) {
            run(target, token, measure, warmUp, singleClients, false, "single warm-up");
        }
        if (phases.contains("batch")) {
            Result batch = run(target, token, measure, seconds, batchClients, true, null);
            System.out.printf("batch  (1,000 per request, %d clients): %,.0f measurements/s, %,.1f requests/s, p50 %.1f ms, p99 %.1f ms, errors %d, harness CPU %.0f%% of one core%n",
                    batchClients, batch.requestsPerSecond() * 1000, batch.requestsPerSecond(), batch.p(50), batch.p(99),
                    batch.errors, batch.harnessCpuPercent());
        }
        if (phases.contains("single")) {
            Result single = run(target, token, measure, seconds, singleClients, false, null);
            System.out.printf("single (%d concurrent clients): %,.0f POSTs/s, p50 %.1f ms, p99 %.1f ms, errors %d, harness CPU %.0f%% of one core%n",
                    singleClients, single.requestsPerSecond(), single.p(50), single.p(99), single.errors,
                    single.harnessCpuPercent());
        }
        System.exit(0);
    }

    /** CPU time this JVM used so far, to show whether the harness itself competes for the 2 cores. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private record Result(long[] latenciesMicros, double seconds, long errors, long cpuNanos) {
        double harnessCpuPercent() {
            return cpuNanos / 1e9 / seconds * 100;
        }

        double requestsPerSecond() {
            return latenciesMicros.length / seconds;
        }

        double p(double percentile) {
            if (latenciesMicros.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * latenciesMicros.length) - 1;
            return latenciesMicros[Math.max(0, index)] / 1000.0;
        }
    }

    private static KeepAliveConnection closeQuietly(KeepAliveConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (java.io.IOException ignored) {
                // the connection is being replaced or the phase is over
            }
        }
        return null;
    }

    /**
     * Runs one phase; with a {@code progress} label it prints the throughput of every 10 s, which shows the JIT
     * settling (on 2 cores shared with PostgreSQL, C2 kept compiling for about two minutes).
     */
    private static Result run(URI target, String token, String measure, int seconds, int clients,
                              boolean batch, String progress) throws InterruptedException {
        long[][] perClient = new long[clients][];
        AtomicInteger[] counts = new AtomicInteger[clients];
        AtomicLong errors = new AtomicLong();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long started = System.nanoTime();
        long cpu0 = cpuNanos();
        for (int c = 0; c < clients; c++) {
            int me = c;
            perClient[me] = new long[1 << 20];
            counts[me] = new AtomicInteger();
            pool.submit(() -> {
                String run = UUID.randomUUID().toString().substring(0, 8);
                String path = batch ? "/measurements/batch" : "/measurements";
                KeepAliveConnection connection = null;
                long n = 0;
                while (System.nanoTime() < deadline) {
                    byte[] body = (batch ? batchBody(measure, run + "-" + me + "-" + n) : singleBody(measure))
                            .getBytes(StandardCharsets.UTF_8);
                    n++;
                    long t0 = System.nanoTime();
                    try {
                        if (connection == null) {
                            connection = new KeepAliveConnection(target.getHost(), target.getPort());
                        }
                        KeepAliveConnection.Response response = connection.post(path, token, body);
                        long micros = (System.nanoTime() - t0) / 1000;
                        if (response.status() / 100 == 2) {
                            int i = counts[me].getAndIncrement();
                            if (i < perClient[me].length) {
                                perClient[me][i] = micros;
                            }
                        } else {
                            errors.incrementAndGet();
                            if (errors.get() < 3) {
                                System.err.println(response.status() + " " + response.body());
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                        connection = closeQuietly(connection);
                    }
                }
                closeQuietly(connection);
            });
        }
        pool.shutdown();
        long reported = 0;
        long lastReport = started;
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 60L);
        while (!pool.awaitTermination(progress == null ? seconds + 60L : 10L, TimeUnit.SECONDS)
                && System.nanoTime() < giveUp) {
            if (progress != null) {
                long done = 0;
                for (AtomicInteger count : counts) {
                    done += count.get();
                }
                long now = System.nanoTime();
                System.out.printf("  %s, %3.0f s: %,.0f %s/s%n", progress, (now - started) / 1e9,
                        (done - reported) * (batch ? 1000.0 : 1.0) / ((now - lastReport) / 1e9),
                        batch ? "measurements" : "POSTs");
                reported = done;
                lastReport = now;
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        int total = 0;
        for (AtomicInteger count : counts) {
            total += Math.min(count.get(), 1 << 20);
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            int n = Math.min(counts[c].get(), 1 << 20);
            System.arraycopy(perClient[c], 0, all, at, n);
            at += n;
        }
        Arrays.sort(all);
        return new Result(all, elapsed, errors.get(), cpuNanos() - cpu0);
    }

    private static String batchBody(String measure, String prefix) {
        StringBuilder body = new StringBuilder(120_000).append("{\"items\":[");
        Instant now = Instant.now().minusSeconds(60);
        for (int i = 0; i < 1000; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append("{\"id\":\"").append(prefix).append('-').append(i).append("\",\"measure\":\"").append(measure)
                    .append("\",\"value\":").append(i % 97).append(".5,\"occurredAt\":\"").append(now.minusSeconds(i))
                    .append("\",\"source\":\"bench\"}");
        }
        return body.append("]}").toString();
    }

    private static String singleBody(String measure) {
        return "{\"measure\":\"" + measure + "\",\"value\":42.5,\"occurredAt\":\"" + Instant.now().minusSeconds(5)
                + "\",\"source\":\"bench\"}";
    }
}
