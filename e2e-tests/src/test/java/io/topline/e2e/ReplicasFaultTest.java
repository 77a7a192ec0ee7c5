package io.topline.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.topline.testinfra.RequestAs;
import io.topline.testinfra.TopicReader;
import io.topline.testinfra.TopicRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.topline.testinfra.TestTokens.ADMIN;
import static io.topline.testinfra.TestTokens.INGEST;
import static io.topline.testinfra.TestTokens.VIEWER;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two replicas of each service: one of each SIGKILLed mid-flow, then the broker; nothing lost, nothing twice. */
// A small organisation (3 drivers, 4 monthly measures whose targets the numbers miss) on a stack of its own with two
// replicas of each service. Measurements are posted alternately to both metrics replicas by clients that retry an
// unanswered post on the other replica (same measurement id). A third of the way in, the second replica of every
// service is SIGKILLed; the survivors must count every measurement once and raise each miss exactly once on Kafka, at
// a webhook and on the surviving alerts replica's live stream. Then the broker is SIGKILLed while posting goes on for
// 20 s; every survivor must stay ready, and once the broker is back (started as start.sh starts it) nothing is lost.
// Past months make final evaluations at once (no clock to pin); one current month gives a PROJECTED_MISS. Each step
// is its own test, so a failure in one still lets the later ones report; the figures go to target/replicas-fault.md.
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasFaultTest {

    // below Linux's ephemeral range (32768-60999): a replica restarted on its fixed port found it taken by a client
    // socket's local port (38182, twice in CI)
    private static final LocalStack STACK = new LocalStack(Suite.root().resolve("e2e-tests/target/replicas"),
            new LocalStack.Ports(22432 + Suite.OFFSET, 22092 + Suite.OFFSET, 22081 + Suite.OFFSET, 22082 + Suite.OFFSET,
                    22083 + Suite.OFFSET), 2, Suite.settings());
    private static final List<String> DRIVERS = List.of("acquisition", "conversion", "retention");
    /** measure -> aggregation, direction, success, failure: every value posted below stays on the red side. */
    private static final Map<String, List<String>> MEASURES = new LinkedHashMap<>();
    private static final String CHURN = "replica-churn";
    /** How long a channel must stay silent before "exactly once" is believed. */
    private static final Duration QUIET = Duration.ofSeconds(5);
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(20);

    static {
        MEASURES.put("replica-leads", List.of("acquisition", "COUNT", "SUM", "HIGHER_IS_BETTER", "1000", "500"));
        MEASURES.put("replica-win-rate", List.of("conversion", "PERCENT", "AVERAGE", "HIGHER_IS_BETTER", "30", "20"));
        MEASURES.put(CHURN, List.of("retention", "PERCENT", "LAST", "LOWER_IS_BETTER", "2", "5"));
        MEASURES.put("replica-dso", List.of("retention", "DAYS", "MAX", "LOWER_IS_BETTER", "45", "60"));
    }

    private final YearMonth now = YearMonth.now(ZoneOffset.UTC);
    /** Months posted while replicas are killed (closed long ago: final at once), and while the broker is down. */
    private final List<String> firstMonths = List.of(label(now.minusMonths(2)), label(now.minusMonths(3)));
    private final String outageMonth = label(now.minusMonths(4));
    /** The consumer groups a service's replicas share (the live stream's group is per replica), to their service. */
    private static final Map<String, String> GROUPS = new TreeMap<>(Map.of(
            "metrics-service-definitions", "metrics-service", "metrics-service-measurements", "metrics-service",
            "alerts-service-definitions", "alerts-service", "alerts-service-actuals", "alerts-service"));

    private static final DateTimeFormatter LOG_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    private final FaultReport report = new FaultReport("replicas-fault",
            Suite.root().resolve("e2e-tests/target/replicas-fault.md"));
    /** Every measurement acknowledged by some replica, by id. */
    private final Map<String, Measurement> acknowledged = new ConcurrentHashMap<>();
    private final List<AlertStreamClient> streams = new ArrayList<>();
    private TopicReader topic;
    private WebhookReceiver webhook;
    private FailoverClient metrics;
    private final List<Probe> probes = new CopyOnWriteArrayList<>();
    /** Ids whose post was answered DUPLICATE: an earlier attempt had stored it, but its answer was lost. */
    private final List<String> duplicates = new CopyOnWriteArrayList<>();
    private final List<Measurement> outagePosted = new CopyOnWriteArrayList<>();
    private long brokerKilledAt;

    /** One measurement as posted. */
    record Measurement(String id, String measure, String period, BigDecimal value, Instant occurredAt) {

        String json() {
            return Api.tree(Map.of("id", id, "measure", measure, "value", value, "occurredAt", occurredAt.toString(),
                    "source", "replicas-e2e")).toString();
        }
    }

    /** One readiness probe of one replica while the broker was down: its status (0: no answer) and when. */
    record Probe(String replica, int status, long atNanos) {
    }

    @BeforeAll
    void startStack() throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(STACK::stop, "replicas-stack-stop"));
        long started = System.nanoTime();
        STACK.startFresh();
        report.line("stack with 2 replicas of each service started from nothing in %s", FaultReport.seconds(started));
        topic = TopicReader.open(STACK.kafkaBootstrap(), "topline.alerts", TopicReader.Start.BEGINNING);
        webhook = new WebhookReceiver();
        metrics = new FailoverClient(replicas("metrics-service"), STACK.token(INGEST));
    }

    @AfterAll
    void stopStack() {
        streams.forEach(AlertStreamClient::close);
        if (webhook != null) {
            webhook.close();
        }
        if (topic != null) {
            topic.close();
        }
        report.write();
        STACK.stop();
    }

    @Test
    @Order(1)
    void shouldServeTheOrganisationFromEveryReplica() {
        // the second replicas do the set-up, so that they hold work of their own when they are killed
        Api.assertJsonEquals(Api.parse("{\"created\":" + Api.tree(created()) + ",\"updated\":[],\"unchanged\":[],"
                        + "\"targetsAdded\":4}"),
                sortedImport(post(STACK.url("drivers-service", 2) + "/drivers/import", ADMIN, organisation(), 200)),
                Set.of());
        JsonNode subscription = post(STACK.url("alerts-service", 2) + "/subscriptions", ADMIN,
                Map.of("url", webhook.url(), "drivers", DRIVERS), 201);
        webhook.secret(subscription.get("secret").asText());
        for (int replica = 1; replica <= 2; replica++) {
            streams.add(new AlertStreamClient(STACK.url("alerts-service", replica), "", STACK.token(VIEWER)));
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (int replica = 1; replica <= 2; replica++) {
                for (String measure : MEASURES.keySet()) {
                    get(STACK.url("metrics-service", replica) + "/actuals?measure=" + measure, 200);
                }
                List<String> rows = new ArrayList<>();
                get(STACK.url("alerts-service", replica) + "/scorecard?cadence=MONTHLY&periods=1", 200)
                        .get("measures").forEach(row -> rows.add(row.get("key").asText()));
                assertEquals(List.copyOf(new TreeSet<>(MEASURES.keySet())), rows.stream().sorted().toList());
            }
        });
    }

    @Test
    @Order(2)
    void shouldCountEveryMeasurementOnceThoughOneReplicaOfEachServiceIsKilledWhilePosting() throws Exception {
        List<Measurement> all = new ArrayList<>();
        for (String month : firstMonths) {
            all.addAll(measurements("a", month, 40));
        }
        // the current month: LAST is judged as it stands while the month is open, so this is a PROJECTED_MISS
        all.addAll(measurements("a", label(now), 10).stream().filter(m -> m.measure().equals(CHURN)).toList());
        FailoverClient drivers = new FailoverClient(replicas("drivers-service"), STACK.token(VIEWER));
        FailoverClient alerts = new FailoverClient(replicas("alerts-service"), STACK.token(VIEWER));
        CountDownLatch killPoint = new CountDownLatch(all.size() / 3);
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        long started = System.nanoTime();
        List<Future<?>> posters = postAll(clients, all, 3, killPoint, Duration.ofMillis(30));
        Future<?> dashboard = clients.submit(() -> {
            while (posting.get()) {
                drivers.get("/drivers/flow");
                alerts.get("/alerts?kind=MISSED");
                Thread.sleep(100);
            }
            return null;
        });
        assertTrue(killPoint.await(90, TimeUnit.SECONDS), "a third of the measurements was acknowledged");
        int beforeKill = acknowledged.size();
        long killedAt = System.nanoTime();
        STACK.kill(LocalStack.SERVICES.stream().map(s -> LocalStack.replicaName(s, 2)).toArray(String[]::new));
        report.line("fault 1: SIGKILL of drivers-service-2, metrics-service-2 and alerts-service-2 at %.1f s of "
                + "posting, after %d of %d measurements were acknowledged (one kill -9 for the three; all gone %s later)",
                (killedAt - started) / 1e9, beforeKill, all.size(), FaultReport.seconds(killedAt));
        for (Future<?> poster : posters) {
            poster.get(3, TimeUnit.MINUTES);
        }
        posting.set(false);
        dashboard.get(1, TimeUnit.MINUTES);
        clients.shutdown();
        report.line("fault 1, posting: %d measurements in %s, every one acknowledged (%d by the survivor after the "
                        + "kill); attempts unanswered and retried on the other replica: %d (refused %d, cut off %d, "
                        + "5xx %d); answered DUPLICATE (stored by an attempt whose answer was lost): %d",
                all.size(), FaultReport.seconds(started), all.size() - beforeKill, metrics.retried(),
                metrics.refused(), metrics.cutOff(), metrics.serverErrors(), duplicates.size());
        report.line("fault 1, dashboard reads: drivers-service %d answered, %d retried elsewhere; alerts-service "
                + "%d answered, %d retried elsewhere", drivers.answered(), drivers.retried(), alerts.answered(),
                alerts.retried());
        assertActuals(all, "fault 1");
    }

    @Test
    @Order(3)
    void shouldPublishAndDeliverExactlyOneAlertPerMissThroughTheSurvivors() {
        Map<String, Integer> expected = expectedTransitions(firstMonths);
        long waiting = System.nanoTime();
        awaitChannels(expected.size(), Duration.ofSeconds(150));
        report.line("fault 1, alerts: %d transitions expected; Kafka and webhook complete %s after posting ended",
                expected.size(), FaultReport.seconds(waiting));
        assertKafkaAndWebhook(expected, "fault 1");
    }

    @Test
    @Order(4)
    void shouldStreamEveryTransitionOnceOnTheSurvivingAlertsReplica() {
        Map<String, Integer> expected = expectedTransitions(firstMonths);
        assertStream(expected, "fault 1");
    }

    @Test
    @Order(5)
    void shouldKeepAcceptingMeasurementsWhileTheBrokerIsKilledAndRestarted() throws Exception {
        List<String> survivors = LocalStack.SERVICES.stream().map(s -> STACK.url(s, 1)).toList();
        AtomicBoolean probing = new AtomicBoolean(true);
        ExecutorService workers = Executors.newFixedThreadPool(3);
        Future<?> prober = workers.submit(() -> probe(survivors, probing));
        int retriedBefore = metrics.retried();
        int duplicatesBefore = duplicates.size();

        brokerKilledAt = System.nanoTime();
        STACK.kill("kafka");
        List<Measurement> outage = measurements("b", outageMonth, 400);
        ConcurrentLinkedQueue<Measurement> queue = new ConcurrentLinkedQueue<>(outage);
        List<Measurement> posted = new CopyOnWriteArrayList<>();
        List<Future<?>> posters = new ArrayList<>();
        long deadline = brokerKilledAt + BROKER_OUTAGE.toNanos();
        for (int i = 0; i < 2; i++) {
            posters.add(workers.submit(() -> {
                for (Measurement m = queue.poll(); m != null && System.nanoTime() < deadline; m = queue.poll()) {
                    postOne(m);
                    posted.add(m);
                    Thread.sleep(50);
                }
                return null;
            }));
        }
        for (Future<?> poster : posters) {
            poster.get(3, TimeUnit.MINUTES);
        }
        long restarting = System.nanoTime();
        STACK.start(1); // the broker, as start.sh starts it; the killed second replicas stay down
        report.line("fault 2: SIGKILL of the broker; %d measurements posted in the next %.1f s, all acknowledged; "
                        + "attempts unanswered or 5xx: %d, DUPLICATE: %d; broker restarted by start.sh in %s "
                        + "(down %s in all)", posted.size(), (restarting - brokerKilledAt) / 1e9,
                metrics.retried() - retriedBefore, duplicates.size() - duplicatesBefore,
                FaultReport.seconds(restarting), FaultReport.seconds(brokerKilledAt));
        Thread.sleep(2_000);
        probing.set(false);
        prober.get(1, TimeUnit.MINUTES);
        workers.shutdown();
        outagePosted.addAll(posted);
        assertEquals(0, metrics.retried() - retriedBefore, "no post went unanswered while the broker was down");
    }

    @Test
    @Order(6)
    void shouldLoseNothingOnceTheBrokerIsBack() {
        assertActuals(outagePosted, "fault 2");
        List<String> months = new ArrayList<>(firstMonths);
        months.add(outageMonth);
        Map<String, Integer> expected = expectedTransitions(months);
        long waiting = System.nanoTime();
        awaitChannels(expected.size(), Duration.ofSeconds(150));
        report.line("fault 2, alerts: %d transitions expected in all (%d new); Kafka and webhook complete %s after "
                + "the restart returned, %s after the broker was killed", expected.size(), MEASURES.size(),
                FaultReport.seconds(waiting), FaultReport.seconds(brokerKilledAt));
        assertKafkaAndWebhook(expected, "fault 2");
        assertStream(expected, "fault 2");
    }

    @Test
    @Order(7)
    void shouldKeepEverySurvivingReplicaReadyWhileTheBrokerIsDown() {
        Map<String, List<Probe>> byReplica = probes.stream()
                .collect(Collectors.groupingBy(Probe::replica, TreeMap::new, Collectors.toList()));
        List<String> notReady = new ArrayList<>();
        byReplica.forEach((replica, list) -> {
            List<Probe> bad = list.stream().filter(p -> p.status() != 200).toList();
            String window = bad.isEmpty() ? "" : String.format(" (not ready from %.1f s to %.1f s after the kill)",
                    (bad.get(0).atNanos() - brokerKilledAt) / 1e9, (bad.get(bad.size() - 1).atNanos() - brokerKilledAt) / 1e9);
            report.line("fault 2, readiness of %s: %d of %d probes answered 200%s", replica,
                    list.size() - bad.size(), list.size(), window);
            if (!bad.isEmpty()) {
                notReady.add(replica + ": " + bad.stream().map(p -> String.valueOf(p.status())).distinct().toList());
            }
        });
        assertEquals(3, byReplica.size(), "every surviving replica was probed");
        assertEquals(List.of(), notReady, "GET /q/health/ready answered 200 on every survivor while the broker was down");
    }

    @Test
    @Order(8)
    void shouldConsumeAgainOnceRestarted() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, STACK.kafkaBootstrap()))) {
            Map<String, Set<String>> before = new TreeMap<>();
            for (String group : GROUPS.keySet()) {
                before.put(group, members(admin, group).keySet());
            }
            long restarting = System.nanoTime();
            STACK.start(); // starts the three second replicas killed in fault 1; the first ones keep running
            report.line("restart: the three killed replicas started again by start.sh in %s",
                    FaultReport.seconds(restarting));
            for (Map.Entry<String, String> entry : GROUPS.entrySet()) {
                String group = entry.getKey();
                String replica = LocalStack.replicaName(entry.getValue(), 2);
                // a member the group did not have before the restart, holding partitions: the restarted replica
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> members(admin,
                        group).entrySet().stream().anyMatch(m -> !before.get(group).contains(m.getKey())
                        && m.getValue() > 0));
                Instant held = Instant.now();
                Instant started = logTime(firstLine(Files.readAllLines(STACK.log(replica)), " started in ", replica));
                // the 5 s bound is ConsumerRejoinTest's, on a quiet broker; here three JVMs start on two loaded cores
                report.line("restart, %s: the restarted replica holds partitions of group %s at most %.1f s after "
                        + "Quarkus reported it started", replica, group,
                        Math.max(0, Duration.between(started, held).toMillis()) / 1000.0);
            }
        }
    }

    /** The group's members by member id, each with the number of partitions it holds. */
    private static Map<String, Integer> members(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get()
                .get(group);
        return description.members().stream().collect(Collectors.toMap(MemberDescription::consumerId,
                m -> m.assignment().topicPartitions().size()));
    }

    private static String firstLine(List<String> log, String text, String replica) {
        return log.stream().filter(line -> line.contains(text)).findFirst()
                .orElseThrow(() -> new AssertionError(replica + "'s log has no line with \"" + text + "\""));
    }

    private static Instant logTime(String line) {
        return LocalDateTime.parse(line.substring(0, 23), LOG_TIME).toInstant(ZoneOffset.UTC);
    }

    // --- posting ---------------------------------------------------------------------------------------------------

    /** {@code perMeasure} measurements of every measure in {@code month}, each on the red side of its target. */
    private static List<Measurement> measurements(String prefix, String month, int perMeasure) {
        List<Measurement> list = new ArrayList<>();
        Instant start = YearMonth.parse(month).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (int i = 0; i < perMeasure; i++) {
            for (String measure : MEASURES.keySet()) {
                list.add(new Measurement(prefix + "-" + measure + "-" + month + "-" + i, measure, month,
                        value(measure, i), start.plusSeconds(i * 61L)));
            }
        }
        return list;
    }

    private static BigDecimal value(String measure, int i) {
        return switch (measure) {
            case "replica-leads" -> BigDecimal.valueOf(1 + i % 3);      // a sum far below 500
            case "replica-win-rate" -> BigDecimal.valueOf(10 + i % 6);  // an average below 20
            case CHURN -> new BigDecimal(i % 2 == 0 ? "8" : "9.5");     // every last value above 5
            default -> BigDecimal.valueOf(70 + i % 11);                 // a maximum above 60
        };
    }

    /** Posts {@code items} from {@code threads} clients; each acknowledgement counts {@code progress} down. */
    private List<Future<?>> postAll(ExecutorService pool, List<Measurement> items, int threads,
                                    CountDownLatch progress, Duration pause) {
        ConcurrentLinkedQueue<Measurement> queue = new ConcurrentLinkedQueue<>(items);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (Measurement m = queue.poll(); m != null; m = queue.poll()) {
                    postOne(m);
                    progress.countDown();
                    Thread.sleep(pause.toMillis());
                }
                return null;
            }));
        }
        return futures;
    }

    private void postOne(Measurement m) throws InterruptedException {
        FailoverClient.Answer answer = metrics.post("/measurements", m.json());
        assertTrue(answer.status() == 201 || answer.status() == 200,
                "POST /measurements " + m.id() + " answered " + answer.status() + ": " + answer.body());
        if ("DUPLICATE".equals(answer.body().path("status").asText())) {
            duplicates.add(m.id());
        }
        acknowledged.put(m.id(), m);
    }

    /** Every acknowledged measurement of {@code items}' periods is counted once: count, sum, min and max agree. */
    private void assertActuals(List<Measurement> items, String fault) {
        Map<String, List<Measurement>> byPeriod = items.stream().collect(Collectors.groupingBy(
                m -> m.measure() + "|" + m.period(), TreeMap::new, Collectors.toList()));
        long expectedCount = 0;
        long countedCount = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> entry : byPeriod.entrySet()) {
            String[] key = entry.getKey().split("\\|");
            List<Measurement> expected = entry.getValue();
            JsonNode items2 = get(STACK.url("metrics-service", 1) + "/actuals?measure=" + key[0] + "&from=" + key[1]
                    + "&to=" + key[1], 200).get("items");
            JsonNode actual = items2.size() == 1 ? items2.get(0) : Api.object();
            expectedCount += expected.size();
            countedCount += actual.path("count").asLong();
            String want = summary(expected.size(), expected.stream().map(Measurement::value).toList());
            String got = actual.path("count").asLong() + " sum " + decimal(actual.path("sum")) + " min "
                    + decimal(actual.path("min")) + " max " + decimal(actual.path("max"));
            if (!want.equals(got)) {
                wrong.add(entry.getKey() + ": want " + want + ", got " + got);
            }
        }
        report.line("%s, actuals: %d measurements acknowledged, %d counted (lost %d, counted twice %d) in %d periods",
                fault, expectedCount, countedCount, Math.max(0, expectedCount - countedCount),
                Math.max(0, countedCount - expectedCount), byPeriod.size());
        assertEquals(List.of(), wrong, "every acknowledged measurement is counted once");
    }

    private static String summary(int count, Collection<BigDecimal> values) {
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return count + " sum " + sum.stripTrailingZeros().toPlainString()
                + " min " + values.stream().min(Comparator.naturalOrder()).orElseThrow().stripTrailingZeros().toPlainString()
                + " max " + values.stream().max(Comparator.naturalOrder()).orElseThrow().stripTrailingZeros().toPlainString();
    }

    private static String decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue().stripTrailingZeros().toPlainString() : String.valueOf(node);
    }

    // --- the three channels ----------------------------------------------------------------------------------------

    /** The transitions the story must produce: one MISSED firing per measure and month, one PROJECTED_MISS. */
    private Map<String, Integer> expectedTransitions(List<String> months) {
        Map<String, Integer> expected = new TreeMap<>();
        for (String month : months) {
            MEASURES.keySet().forEach(m -> expected.put(m + ":" + month + ":MISSED FIRING #1", 1));
        }
        expected.put(CHURN + ":" + label(now) + ":PROJECTED_MISS FIRING #1", 1);
        return expected;
    }

    private static String transition(JsonNode data) {
        return data.path("dedupKey").asText() + " " + data.path("state").asText() + " #" + data.path("sequence").asInt();
    }

    private static boolean ours(JsonNode data) {
        return MEASURES.containsKey(data.path("measure").path("key").asText());
    }

    private List<TopicRecord> kafka() {
        return topic.received(r -> ours(r.data()));
    }

    private List<AlertStreamClient.Event> survivorStream() {
        return streams.get(0).events().stream().filter(e -> ours(e.data())).toList();
    }

    /** Waits until Kafka and the webhook hold at least {@code count} transitions, then for a quiet spell. */
    private void awaitChannels(int count, Duration timeout) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> kafka().size() >= count
                    && webhookIds().size() >= count);
        } catch (ConditionTimeoutException e) {
            report.line("channels did not fill within %d s: Kafka %d, webhook %d, stream %d of %d",
                    timeout.toSeconds(), kafka().size(), webhookIds().size(), survivorStream().size(), count);
        }
        sleep(QUIET);
    }

    private Map<String, List<String>> webhookIds() {
        return webhook.verified().stream().filter(d -> ours(d.body().path("data"))).collect(Collectors.groupingBy(
                WebhookReceiver.Delivery::webhookId, LinkedHashMap::new,
                Collectors.mapping(d -> transition(d.body().get("data")), Collectors.toList())));
    }

    private void assertKafkaAndWebhook(Map<String, Integer> expected, String fault) {
        Map<String, Integer> onKafka = counts(kafka(), r -> transition(r.data()));
        Map<String, List<String>> ids = webhookIds();
        Map<String, Integer> atWebhook = counts(ids.values().stream().map(l -> l.get(0)).toList(), Function.identity());
        int redelivered = ids.values().stream().mapToInt(l -> l.size() - 1).sum();
        report.line("%s, Kafka topline.alerts: %s", fault, tally(expected, onKafka));
        report.line("%s, webhook (distinct webhook-id): %s; same webhook-id received again: %d; refused signatures: %d",
                fault, tally(expected, atWebhook), redelivered, webhook.refused().size());
        kafka().forEach(TopicRecord::event); // every record keeps its contract
        assertEquals(expected, onKafka, "exactly one event per transition on topline.alerts");
        assertEquals(expected, atWebhook, "exactly one webhook message (webhook-id) per transition");
        assertEquals(List.of(), webhook.refused(), "every delivery was signed correctly");
    }

    private void assertStream(Map<String, Integer> expected, String fault) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                    .until(() -> survivorStream().size() >= expected.size());
        } catch (ConditionTimeoutException e) {
            // reported and asserted below
        }
        Map<String, Integer> onStream = counts(survivorStream(), e -> transition(e.data()));
        report.line("%s, live stream of the surviving alerts-service (replica 1): %s; the killed replica's stream "
                + "had received %d before it died", fault, tally(expected, onStream),
                streams.get(1).events().stream().filter(e -> ours(e.data())).count());
        assertEquals(expected, onStream, "every transition exactly once on the surviving replica's live stream");
    }

    private static <T> Map<String, Integer> counts(List<T> items, Function<T, String> key) {
        Map<String, Integer> counts = new TreeMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1, Integer::sum));
        return counts;
    }

    /** "n of m transitions once, k missing, d duplicated, u unexpected". */
    private static String tally(Map<String, Integer> expected, Map<String, Integer> seen) {
        long once = expected.keySet().stream().filter(k -> seen.getOrDefault(k, 0) == 1).count();
        long missing = expected.keySet().stream().filter(k -> !seen.containsKey(k)).count();
        int duplicated = seen.entrySet().stream().filter(e -> e.getValue() > 1).mapToInt(e -> e.getValue() - 1).sum();
        long unexpected = seen.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        return String.format("%d of %d transitions exactly once, %d missing, %d duplicated, %d unexpected",
                once, expected.size(), missing, duplicated, unexpected);
    }

    // --- readiness -------------------------------------------------------------------------------------------------

    private Void probe(List<String> urls, AtomicBoolean probing) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        while (probing.get()) {
            for (String url : urls) {
                int status;
                try {
                    status = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode();
                } catch (IOException e) {
                    status = 0;
                }
                probes.add(new Probe(url, status, System.nanoTime()));
            }
            Thread.sleep(500);
        }
        return null;
    }

    // --- the organisation and calls --------------------------------------------------------------------------------

    private String organisation() {
        List<Map<String, Object>> drivers = new ArrayList<>();
        String[] functions = {"MARKETING", "SALES", "SERVICE"};
        for (int i = 0; i < DRIVERS.size(); i++) {
            drivers.add(Map.of("key", DRIVERS.get(i), "name", "Replica " + DRIVERS.get(i), "function", functions[i],
                    "owner", DRIVERS.get(i) + "@example.com",
                    "feedsInto", i + 1 < DRIVERS.size() ? List.of(DRIVERS.get(i + 1)) : List.of()));
        }
        List<Map<String, Object>> measures = new ArrayList<>();
        MEASURES.forEach((key, d) -> {
            Map<String, Object> measure = new LinkedHashMap<>();
            measure.put("key", key);
            measure.put("driverKey", d.get(0));
            measure.put("name", "Replica " + key);
            measure.put("unit", d.get(1));
            measure.put("aggregation", d.get(2));
            measure.put("direction", d.get(3));
            measure.put("cadence", "MONTHLY");
            measure.put("targets", List.of(Map.of("effectiveFrom", label(now.minusMonths(5)),
                    "successLevel", new BigDecimal(d.get(4)), "failureLevel", new BigDecimal(d.get(5)),
                    "severity", "CRITICAL")));
            measures.add(measure);
        });
        return Api.tree(Map.of("drivers", drivers, "measures", measures)).toString();
    }

    private static List<String> created() {
        List<String> created = new ArrayList<>();
        DRIVERS.forEach(d -> created.add("driver:" + d));
        MEASURES.keySet().forEach(m -> created.add("measure:" + m));
        created.sort(Comparator.naturalOrder());
        return created;
    }

    private static JsonNode sortedImport(JsonNode response) {
        List<String> names = new ArrayList<>();
        response.get("created").forEach(n -> names.add(n.asText()));
        names.sort(Comparator.naturalOrder());
        ObjectNode copy = response.deepCopy();
        copy.set("created", Api.tree(names));
        return copy;
    }

    private static List<String> replicas(String service) {
        return List.of(STACK.url(service, 1), STACK.url(service, 2));
    }

    private static String label(YearMonth month) {
        return month.toString();
    }

    private static JsonNode get(String url, int status) {
        Response response = RequestAs.role(STACK::token, VIEWER).get(url);
        assertEquals(status, response.statusCode(), "GET " + url + ": " + response.asString());
        return Api.parse(response.asString());
    }

    private static JsonNode post(String url, String role, Object body, int status) {
        Response response = RequestAs.role(STACK::token, role).contentType("application/json")
                .body(body).post(url);
        assertEquals(status, response.statusCode(), "POST " + url + ": " + response.asString());
        return Api.parse(response.asString());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
