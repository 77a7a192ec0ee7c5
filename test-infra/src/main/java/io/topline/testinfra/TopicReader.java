package io.topline.testinfra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads one topic with a plain Kafka consumer, the way another service would, for tests that check what was published.
 *
 * <p>Open it {@linkplain #fromBeginning from the beginning} or {@linkplain #fromEnd from the end}, then wait with
 * {@link #readUntil} for the records a test expects, and with {@link #drain} for a quiet spell in which a duplicate
 * would have shown up. Close it when done.
 */
// The reader polls on a thread of its own from the moment it opens, so records are seen (and timed) while the test
// does other things. It assigns itself every partition instead of joining a consumer group: no rebalance delays the
// first record, and "from the end" means the end at the moment it opened.
public final class TopicReader implements AutoCloseable {

    /** Where reading starts. */
    public enum Start { BEGINNING, END }

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);

    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions;
    private final Consumer<TopicRecord> onRecord;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private final List<TopicRecord> received = new ArrayList<>();
    private final Queue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    /** Touched by the poller thread only: each pending catch-up and the end offsets it waits for. */
    private final Map<CompletableFuture<Void>, Map<TopicPartition, Long>> catchUps = new HashMap<>();
    private final Thread poller;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private TopicReader(String bootstrapServers, String topic, Start start, Consumer<TopicRecord> onRecord) {
        this.topic = topic;
        this.onRecord = onRecord;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        try {
            partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            if (start == Start.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                // seekToEnd is lazy: asking for the positions fixes "the end" now, not at the first poll
                partitions.forEach(consumer::position);
            }
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
        poller = new Thread(this::poll, "topic-reader-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    /** Reads {@code topic} of the tests' broker ({@link ToplineInfrastructure}) from its beginning. */
    public static TopicReader fromBeginning(String topic) {
        return open(ToplineInfrastructure.bootstrapServers(), topic, Start.BEGINNING);
    }

    /** Reads only what is published to {@code topic} of the tests' broker from now on. */
    public static TopicReader fromEnd(String topic) {
        return open(ToplineInfrastructure.bootstrapServers(), topic, Start.END);
    }

    /** Reads {@code topic} of any broker (e2e-tests: the local stack's). */
    public static TopicReader open(String bootstrapServers, String topic, Start start) {
        return open(bootstrapServers, topic, start, record -> { });
    }

    /**
     * Reads {@code topic} of any broker, handing each record to {@code onRecord} on the reader's thread as it arrives
     * (a failure there fails the reader's next call).
     */
    public static TopicReader open(String bootstrapServers, String topic, Start start, Consumer<TopicRecord> onRecord) {
        return new TopicReader(bootstrapServers, topic, start, onRecord);
    }

    /** Selects the records whose key is one of {@code keys}. */
    public static Predicate<TopicRecord> keyed(String... keys) {
        Set<String> wanted = new HashSet<>(List.of(keys));
        return record -> wanted.contains(record.key());
    }

    /** Holds once at least {@code count} records were read. */
    public static Predicate<List<TopicRecord>> atLeast(int count) {
        return records -> records.size() >= count;
    }

    /**
     * Waits until {@code done} holds for the records read so far that match {@code which}, and returns those records
     * in the order they were read (the topic's order within each partition, so within each key).
     *
     * @throws AssertionError when {@code done} does not hold within {@code timeout}
     */
    public List<TopicRecord> readUntil(Predicate<TopicRecord> which, Predicate<List<TopicRecord>> done,
                                       Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<TopicRecord> all = received();
            List<TopicRecord> matching = all.stream().filter(which).toList();
            if (done.test(matching)) {
                return matching;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("The records read from " + topic + " did not become what the test waits for"
                        + " within " + timeout.toSeconds() + " s; of " + all.size() + " read, " + matching.size()
                        + " matched: " + matching);
            }
            awaitMoreThan(all.size(), deadline);
        }
    }

    /** Waits for the first record that matches {@code which}; fails the test when none comes within {@code timeout}. */
    public TopicRecord readFirst(Predicate<TopicRecord> which, Duration timeout) {
        return readUntil(which, atLeast(1), timeout).get(0);
    }

    /**
     * Reads up to the topic's end as of now and then for {@code quiet} longer, and returns every record read that
     * matches {@code which} (those read before included): compare it with what a test already saw to check that
     * nothing more arrives.
     */
    public List<TopicRecord> drain(Predicate<TopicRecord> which, Duration quiet) {
        catchUp();
        sleep(quiet);
        return received(which);
    }

    /** Every record read so far, in the order read. */
    public List<TopicRecord> received() {
        throwIfFailed();
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /** The records read so far that match {@code which}, in the order read. */
    public List<TopicRecord> received(Predicate<TopicRecord> which) {
        return received().stream().filter(which).toList();
    }

    /** The topic this reader reads. */
    public String topic() {
        return topic;
    }

    /** Stops the reader's thread and closes its consumer; fails when reading or a record handler failed. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throwIfFailed();
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        long deadline = System.nanoTime() + OPEN_TIMEOUT.toNanos();
        while (true) {
            try {
                // a missing topic is created by this metadata request, as the broker allows auto-creation in tests
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                            .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
                }
            } catch (TimeoutException e) {
                // metadata not there yet: ask again until the deadline
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("Topic " + topic + " has no partitions after " + OPEN_TIMEOUT.toSeconds() + " s");
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private void poll() {
        try {
            while (running) {
                List<TopicRecord> arrived = new ArrayList<>();
                for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                    arrived.add(TopicRecord.of(record, System.nanoTime()));
                }
                if (!arrived.isEmpty()) {
                    synchronized (lock) {
                        received.addAll(arrived);
                        lock.notifyAll();
                    }
                    arrived.forEach(this::hand);
                }
                serveCatchUps();
            }
        } catch (WakeupException e) {
            // close() stops a poll that is waiting
        } catch (RuntimeException | Error e) {
            fail(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
            IllegalStateException closed = new IllegalStateException("The reader of " + topic + " stopped");
            catchUps.keySet().forEach(request -> request.completeExceptionally(closed));
            catchUpRequests.forEach(request -> request.completeExceptionally(closed));
        }
    }

    private void hand(TopicRecord record) {
        try {
            onRecord.accept(record);
        } catch (RuntimeException | AssertionError e) {
            fail(e);
        }
    }

    private void serveCatchUps() {
        for (CompletableFuture<Void> request = catchUpRequests.poll(); request != null; request = catchUpRequests.poll()) {
            catchUps.put(request, consumer.endOffsets(partitions));
        }
        catchUps.entrySet().removeIf(pending -> {
            boolean reached = pending.getValue().entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            if (reached) {
                pending.getKey().complete(null);
            }
            return reached;
        });
    }

    private void catchUp() {
        CompletableFuture<Void> request = new CompletableFuture<>();
        catchUpRequests.add(request);
        if (!poller.isAlive()) {
            request.completeExceptionally(new IllegalStateException("The reader of " + topic + " is closed"));
        }
        try {
            request.get(CATCH_UP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Did not read up to the end of " + topic + " within " + CATCH_UP_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            throwIfFailed();
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + topic, e);
        }
        throwIfFailed();
    }

    private void awaitMoreThan(int count, long deadline) {
        synchronized (lock) {
            long left;
            while (received.size() <= count && failure == null && poller.isAlive()
                    && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while reading " + topic, e);
                }
            }
        }
        throwIfFailed();
        if (!poller.isAlive()) {
            throw new IllegalStateException("The reader of " + topic + " is closed");
        }
    }

    private void fail(Throwable e) {
        if (failure == null) {
            failure = e;
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void throwIfFailed() {
        Throwable e = failure;
        if (e != null) {
            throw new AssertionError("Reading " + topic + " failed: " + e, e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
