package io.topline.testinfra.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.topline.testinfra.TestTokens;
import org.junit.jupiter.api.Assertions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sends generated hostile requests to a running service and collects every answer that breaks the rules: a 5xx, a
 * refusal without a problem body, a stack trace or internal name in the body, no answer at all, and a service that
 * is not healthy afterwards.
 */
public final class HostileInputRun {

    /** The seed of CI's run; a failure names its case, and the same seed makes the same cases again. */
    public static final long SEED = 20261201L;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LEAK = Pattern.compile(
            "\\bat (io|org|java|jdk|com)\\.[\\w.$]+\\(|Exception\\b|org\\.hibernate|io\\.quarkus|io\\.vertx|"
                    + "org\\.postgresql|SQLState|java\\.lang|jakarta\\.|com\\.fasterxml");

    private final RawHttp http;
    private final String host;
    private final String absentDependency;

    public HostileInputRun(String host, int port) {
        this(host, port, null);
    }

    /**
     * A run against a service one of whose dependencies is absent from the test JVM by design: a 503 problem of type
     * {@code absentDependency} (and only that) is its documented answer, not a server error.
     */
    public HostileInputRun(String host, int port, String absentDependency) {
        this.http = new RawHttp(host, port, 30_000);
        this.host = host + ":" + port;
        this.absentDependency = absentDependency;
    }

    /** What a run saw: how many cases, the statuses answered, and every rule broken. */
    public record Report(int cases, Map<Integer, Integer> statuses, List<String> failures) {

        /** A short account for the assertion message: counts, and each kind of failure with three examples. */
        public String summary() {
            Map<String, List<String>> kinds = new TreeMap<>();
            for (String failure : failures) {
                kinds.computeIfAbsent(failure.substring(0, failure.indexOf(" — ")), kind -> new ArrayList<>()).add(failure);
            }
            StringBuilder summary = new StringBuilder(cases + " cases, statuses " + statuses + ", " + failures.size()
                    + " failure(s)");
            kinds.forEach((kind, examples) -> {
                summary.append("\n  ").append(examples.size()).append(" × ").append(kind);
                examples.stream().limit(3).forEach(example -> summary.append("\n      ").append(example));
            });
            return summary.toString();
        }
    }

    /** Runs {@code count} cases generated from the service's own OpenAPI document, then checks its health. */
    public Report run(int count, long seed) {
        ApiDocument api = ApiDocument.parse(get("/q/openapi?format=json").body());
        String token = TestTokens.token("hostile@example.com", TestTokens.ADMIN, TestTokens.INGEST,
                TestTokens.VIEWER, TestTokens.ONCALL);
        List<HostileCase> cases = new HostileCases(api, host, token, seed).generate(count);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (HostileCase hostileCase : cases) {
            RawHttp.Answer answer = http.send(hostileCase.head(), hostileCase.body());
            statuses.merge(answer.status(), 1, Integer::sum);
            String broken = expectedUnavailable(answer) ? notAProblem(answer) : broken(hostileCase, answer);
            if (broken != null) {
                failures.add(broken + " (" + answer.status() + ", " + family(hostileCase.label()) + ") — "
                        + hostileCase.label() + " → " + answer.status() + " "
                        + abbreviate(answer.body()));
            }
        }
        RawHttp.Answer health = get("/q/health/ready");
        if (health.status() != 200) {
            failures.add("not ready after the run: " + health.status() + " " + health.body());
        }
        return new Report(cases.size(), statuses, failures);
    }

    /**
     * Runs {@code count} cases of CI's seed against the service under test (RestAssured's port) and fails with the
     * summary when any rule is broken; the seed can be changed with {@code -Dtopline.hostile.seed}.
     */
    public static Report assertRefusedCleanly(int count) {
        return assertRefusedCleanly(count, null);
    }

    /** {@link #assertRefusedCleanly(int)} where a 503 problem of type {@code absentDependency} is expected. */
    public static Report assertRefusedCleanly(int count, String absentDependency) {
        long seed = Long.getLong("topline.hostile.seed", SEED);
        Report report = new HostileInputRun("localhost", RestAssured.port, absentDependency).run(count, seed);
        System.out.println("Hostile input, seed " + seed + ": " + report.summary());
        Assertions.assertEquals(List.of(), report.failures(), report.summary());
        return report;
    }

    /** Whether this is the absent dependency's own 503 problem (its type exactly), which the caller expects. */
    private boolean expectedUnavailable(RawHttp.Answer answer) {
        if (absentDependency == null || answer.status() != 503) {
            return false;
        }
        try {
            return absentDependency.equals(JSON.readTree(answer.body()).path("type").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static String broken(HostileCase hostileCase, RawHttp.Answer answer) {
        if (answer.timedOut()) {
            return "no answer within 30 s";
        }
        if (answer.status() < 0) {
            return "closed without an answer";
        }
        if (answer.status() >= 500) {
            return "server error";
        }
        if (LEAK.matcher(answer.body()).find()) {
            return "internals in the body";
        }
        if (answer.status() < 400) {
            return null;
        }
        if (!hostileCase.wellFormedHttp()) {
            return null; // the codec's own 4xx for a message that is not HTTP
        }
        return notAProblem(answer);
    }

    private static String notAProblem(RawHttp.Answer answer) {
        String type = String.valueOf(answer.header("content-type"));
        if (!type.startsWith("application/problem+json")) {
            return "refusal without a problem body (content-type " + type + ")";
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                    || problem.path("status").asInt() != answer.status()) {
                return "problem body without type, title or the same status";
            }
            return null;
        } catch (IOException e) {
            return "problem body that is not JSON";
        }
    }

    private RawHttp.Answer get(String path) {
        String head = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n";
        return http.send(head.getBytes(StandardCharsets.US_ASCII), new byte[0]);
    }

    /** The mutation family of a case's label ("body string", "header #3", ...), to group failures by it. */
    private static String family(String label) {
        String[] words = label.split(" ");
        return words.length > 3 ? words[2] + " " + words[3] : label;
    }

    private static String abbreviate(String value) {
        String flat = value.replace('\n', ' ').replace('\r', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
