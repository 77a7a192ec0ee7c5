package io.topline.metrics.measurement;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.topline.metrics.ingest.IngestConfig;
import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Group commit for single measurements: the POSTs that arrive while a transaction commits share the next one.
 *
 * <p>Why: every single POST of a measure-period upserts the same actual row, and a transaction holds that row's lock
 * until its commit is on disk, so one transaction per POST serialised them behind one fsync each (about 40 POSTs/s,
 * the others waiting on the row lock). A writer thread takes whatever is queued, writes it in one transaction (one
 * insert, one upsert and one {@code topline.actual.updated} per measure-period) and only then answers each request:
 * a 2xx still means that request's row committed. Nothing waits for a group to fill: under light load a group is one
 * request, under heavy load the groups grow by themselves. Requests do not wait on a thread: each gets a future that
 * the writer completes after the commit. A client id stored with other content fails only its own
 * request (its row is not written); a failure of the transaction fails every request of the group, none committed.
 *
 * <p>One writer by default: POSTs of one measure-period meet on its actual row anyway, so a second writer mostly waited
 * for the first one's commit and split the queue into smaller groups (measured: 1,864 POSTs/s with two writers, 2,471
 * with one, same machine and harness). More writers ({@code topline.ingest.group-commit-writers}) pay off when
 * concurrent POSTs spread over many measure-periods; they meet on the actual row lock like concurrent batches do, so
 * no update is lost, and a client id in flight in another group is judged once that group committed (the unique
 * index waits for it).
 */
@ApplicationScoped
public class SingleMeasurementWriter {

    private static final Logger LOG = Logger.getLogger(SingleMeasurementWriter.class);

    /** The outcome of one single measurement. */
    public enum Result { ACCEPTED, DUPLICATE }

    private record Pending(ValidMeasurement measurement, CompletableFuture<Result> done) {
    }

    private final MeasurementStore store;
    private final IngestConfig config;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final Clock clock;
    private volatile boolean running;

    public SingleMeasurementWriter(MeasurementStore store, IngestConfig config, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < config.groupCommitWriters(); i++) {
            Thread writer = new Thread(this::loop, "single-measurement-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        // no interrupt: a group in the middle of its transaction finishes and answers; idle writers see the flag
        // within their 1 s poll
        for (Thread writer : writers) {
            try {
                writer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        failQueued();
    }

    /**
     * Queues {@code measurement} for the next group; the future completes, on the writer's thread, once that group
     * committed (or fails with the problem that stopped it), so no request thread waits for the commit.
     */
    public CompletableFuture<Result> submit(ValidMeasurement measurement) {
        if (!running) {
            return CompletableFuture.failedFuture(unavailable());
        }
        Pending pending = new Pending(measurement, new CompletableFuture<>());
        queue.add(pending);
        if (!running) {
            failQueued();
        }
        return pending.done();
    }

    private void loop() {
        List<Pending> group = new ArrayList<>();
        while (running) {
            try {
                Pending first = queue.poll(1, TimeUnit.SECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, config.groupCommitMaxSize() - 1);
                writeGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                // writeGroup already failed the group's requests; the writer goes on with the next group
                LOG.debugf(e, "A group of %d single measurements failed", group.size());
            } catch (Throwable e) {
                // not even an Error may end the writer: every later POST would wait for an answer that never comes
                LOG.errorf(e, "A group of %d single measurements failed; the writer goes on", group.size());
            } finally {
                // a request of the group that got no answer (the writer is stopping) must not wait for ever
                for (Pending p : group) {
                    if (!p.done().isDone()) {
                        p.done().completeExceptionally(unavailable());
                    }
                }
                group.clear();
            }
        }
    }

    private void writeGroup(List<Pending> group) {
        // the same client id twice in one group: the later one waits for the next group, where it is judged against
        // what this one stored, exactly as if it had arrived after this commit
        Map<String, Pending> firstById = new HashMap<>();
        Map<ValidMeasurement, Pending> byMeasurement = new IdentityHashMap<>();
        List<ValidMeasurement> distinct = new ArrayList<>(group.size());
        List<Pending> later = new ArrayList<>();
        for (Pending p : group) {
            ValidMeasurement m = p.measurement();
            if (m.clientId() != null && firstById.putIfAbsent(m.clientId(), p) != null) {
                later.add(p);
            } else {
                distinct.add(m);
                byMeasurement.put(m, p);
            }
        }
        group.removeAll(later);
        IngestOutcome outcome;
        try {
            outcome = store.ingest(distinct, clock.instant(), false, o -> o);
        } catch (RuntimeException e) {
            for (Pending p : group) {
                p.done().completeExceptionally(e);
            }
            queue.addAll(later);
            throw e;
        }
        outcome.accepted().forEach(m -> byMeasurement.get(m).done().complete(Result.ACCEPTED));
        outcome.duplicates().forEach(m -> byMeasurement.get(m).done().complete(Result.DUPLICATE));
        outcome.conflicts().forEach(m -> byMeasurement.get(m).done().completeExceptionally(conflict(m.clientId())));
        queue.addAll(later);
    }

    private void failQueued() {
        for (Pending p = queue.poll(); p != null; p = queue.poll()) {
            p.done().completeExceptionally(unavailable());
        }
    }

    private static ProblemException conflict(String clientId) {
        return MeasurementStore.conflict(List.of(new Problem.Violation("id", MeasurementStore.alreadyRecorded(clientId))));
    }

    private static ProblemException unavailable() {
        return new ProblemException(503, "unavailable", "Service unavailable",
                "The service is shutting down; nothing was written, retry", List.of());
    }
}
