package io.topline.alerts.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;

/**
 * Lets the consumers and scheduled jobs finish before the database closes on a normal stop: at the very start of the
 * shutdown it pauses the incoming channels, refuses new work, and waits (bounded) for the work in progress.
 */
// Quarkus closes the datasource after the shutdown observers ran; a job or record handled later fails with a closed
// pool, is logged as an error, and a record may even be dead-lettered although nothing is wrong with it.
@ApplicationScoped
public class ShutdownGate {

    private static final Logger LOG = Logger.getLogger(ShutdownGate.class);
    private static final List<String> CHANNELS = List.of("definitions", "actuals");

    private final ChannelRegistry channels;
    private final Duration drainTimeout;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private int inFlight;
    /** Guarded by {@link #lock}. */
    private boolean closed;

    public ShutdownGate(ChannelRegistry channels,
                        @ConfigProperty(name = "topline.shutdown.drain-timeout", defaultValue = "20s")
                        Duration drainTimeout) {
        this.channels = channels;
        this.drainTimeout = drainTimeout;
    }

    /** Starts a piece of work; false once the service is stopping (then do nothing, and do not call exit). */
    public boolean enter() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            inFlight++;
            return true;
        }
    }

    /** Ends a piece of work started by a successful {@link #enter()}. */
    public void exit() {
        synchronized (lock) {
            inFlight--;
            lock.notifyAll();
        }
    }

    /** Runs a scheduled job's work unless the service is stopping, as one piece of work the stop waits for. */
    public void run(Runnable work) {
        if (!enter()) {
            return;
        }
        try {
            work.run();
        } finally {
            exit();
        }
    }

    /** Whether the service is stopping: long jobs stop between steps. */
    public boolean closing() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Before every other shutdown observer: the outbox relay and the datasource are still there. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        close();
    }

    /** Refuses new work, pauses the consumers and waits for the work in progress, at most the drain timeout. */
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        CHANNELS.forEach(this::pause);
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        synchronized (lock) {
            long left;
            while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, Duration.ofNanos(left).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            if (inFlight > 0) {
                LOG.warnf("Stopping with %d consumer records or jobs still running after %s", inFlight, drainTimeout);
            }
        }
    }

    private void pause(String channel) {
        PausableChannel pausable = channels.getPausable(channel);
        if (pausable != null) {
            pausable.pause();
        }
    }
}
