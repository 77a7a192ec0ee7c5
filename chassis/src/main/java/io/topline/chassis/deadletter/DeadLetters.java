package io.topline.chassis.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.topline.chassis.health.IncomingChannels;
import io.topline.chassis.page.Page;
import io.topline.chassis.page.PageRequest;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A service's dead letters: listed with their reasons, and re-driven (produced again, value, key and headers as
 * they were, to the topic they were consumed from) once the cause is fixed. A record is re-driven at most once: a
 * second re-drive of the same record is refused (409), and a re-drive of everything since an instant leaves out what
 * was re-driven before.
 */
@ApplicationScoped
public class DeadLetters {

    /** The header a re-driven record carries: {@code <dead-letter topic>/<partition>/<offset>} it came from. */
    public static final String REDRIVEN_FROM = "topline-redriven-from";

    private static final String DEAD_LETTER_HEADERS = "dead-letter-";
    private static final Comparator<DeadLetter> NEWEST_LAST = Comparator.comparing(DeadLetter::time)
            .thenComparing(DeadLetter::topic).thenComparingInt(DeadLetter::partition)
            .thenComparingLong(DeadLetter::offset);

    private final IncomingChannels channels;
    private final DeadLetterTopics topics;
    private final RedriveLog log;
    private final DeadLetterConfig config;
    private final MeterRegistry registry;
    private final Clock clock;

    public DeadLetters(IncomingChannels channels, DeadLetterTopics topics, RedriveLog log, DeadLetterConfig config,
                       MeterRegistry registry, Clock clock) {
        this.channels = channels;
        this.topics = topics;
        this.log = log;
        this.config = config;
        this.registry = registry;
        this.clock = clock;
    }

    /** The dead letters of every dead-letter topic of the service (or of {@code topic} alone), newest last. */
    public Page<DeadLetter> list(String topic, PageRequest page) {
        List<String> which = topic == null ? channels.deadLetterTopics() : List.of(known(topic));
        Map<RedriveResponse.DeadLetterRef, Instant> redriven =
                QuarkusTransaction.requiringNew().call(() -> log.redriven(which));
        List<DeadLetter> all = topics.readAll(which).stream()
                .map(record -> describe(record, redriven.get(ref(record))))
                .sorted(NEWEST_LAST)
                .toList();
        int from = (int) Math.min(all.size(), (long) page.offset());
        int to = (int) Math.min(all.size(), (long) from + page.size());
        return Page.of(all.subList(from, to), page, all.size());
    }

    /** Re-drives one dead letter; 404 when the topic no longer holds it, 409 when it was re-driven before. */
    public RedriveResponse redrive(RedriveResponse.DeadLetterRef ref, String by) {
        known(ref.topic());
        ConsumerRecord<byte[], byte[]> record = topics.read(ref.topic(), ref.partition(), ref.offset())
                .orElseThrow(() -> ProblemException.notFound("Dead letter",
                        ref.topic() + "/" + ref.partition() + "/" + ref.offset()));
        if (!redriveOnce(record, by)) {
            throw ProblemException.conflict("already-redriven",
                    "Dead letter " + ref.topic() + "/" + ref.partition() + "/" + ref.offset()
                            + " was re-driven before; its copy is in " + originalTopic(record));
        }
        return new RedriveResponse(List.of(ref), List.of());
    }

    /** Re-drives every dead letter of the service dead-lettered at or after {@code since}, oldest first. */
    public RedriveResponse redriveSince(Instant since, String by) {
        List<RedriveResponse.DeadLetterRef> redriven = new ArrayList<>();
        List<RedriveResponse.DeadLetterRef> before = new ArrayList<>();
        topics.readAll(channels.deadLetterTopics()).stream()
                .filter(record -> !Instant.ofEpochMilli(record.timestamp()).isBefore(since))
                .sorted(Comparator.comparingLong(ConsumerRecord::timestamp))
                .forEach(record -> (redriveOnce(record, by) ? redriven : before).add(ref(record)));
        return new RedriveResponse(redriven, before);
    }

    /**
     * Records the re-drive and sends the record in one transaction: a send that fails rolls the record back, so it
     * can be re-driven again; a commit that fails after the send leaves a copy that the consumers' idempotence drops.
     */
    private boolean redriveOnce(ConsumerRecord<byte[], byte[]> record, String by) {
        String original = originalTopic(record);
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!log.record(ref(record), clock.instant(), by)) {
                return false;
            }
            topics.send(new ProducerRecord<>(original, null, record.key(), record.value(), redriveHeaders(record)));
            registry.counter("topline.dead.letters.redriven", "topic", record.topic()).increment();
            return true;
        });
    }

    private static Headers redriveHeaders(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
                headers.add(header);
            }
        }
        String from = record.topic() + "/" + record.partition() + "/" + record.offset();
        headers.add(REDRIVEN_FROM, from.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private String known(String topic) {
        if (!channels.deadLetterTopics().contains(topic)) {
            throw ProblemException.badRequest("topic", "not a dead-letter topic of this service; its topics are "
                    + channels.deadLetterTopics());
        }
        return topic;
    }

    private DeadLetter describe(ConsumerRecord<byte[], byte[]> record, Instant redrivenAt) {
        String value = text(record.value());
        String preview = value != null && value.length() > config.previewChars()
                ? value.substring(0, config.previewChars()) : value;
        String partition = header(record, "dead-letter-partition");
        String offset = header(record, "dead-letter-offset");
        return new DeadLetter(record.topic(), record.partition(), record.offset(), text(record.key()),
                header(record, "dead-letter-reason"), header(record, "dead-letter-cause"),
                header(record, "dead-letter-topic"),
                partition == null ? null : Integer.valueOf(partition), offset == null ? null : Long.valueOf(offset),
                Instant.ofEpochMilli(record.timestamp()), preview, redrivenAt);
    }

    private static String originalTopic(ConsumerRecord<byte[], byte[]> record) {
        String topic = header(record, "dead-letter-topic");
        if (topic == null) {
            throw ProblemException.unprocessable("topic", "The dead letter names no original topic "
                    + "(no dead-letter-topic header), so it cannot be re-driven");
        }
        return topic;
    }

    private static RedriveResponse.DeadLetterRef ref(ConsumerRecord<byte[], byte[]> record) {
        return new RedriveResponse.DeadLetterRef(record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
