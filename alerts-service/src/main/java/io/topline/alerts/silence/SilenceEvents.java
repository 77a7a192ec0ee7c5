package io.topline.alerts.silence;

import io.topline.chassis.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/**
 * Appends the topline.silence.* events to the outbox in the caller's transaction; the relay routes them to
 * {@code topline.silences} (topline.outbox.topics), keyed {@code silence:<id>}.
 */
@ApplicationScoped
public class SilenceEvents {

    static final String CREATED = "topline.silence.created";
    static final String EXPIRED = "topline.silence.expired";

    private final Outbox outbox;

    public SilenceEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(Silence silence, Instant at) {
        append(CREATED, silence, at);
    }

    /** Ends the silence at {@code at} ({@code by} a person, or by itself) and announces it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void end(Silence silence, Instant at, String by) {
        silence.end(at, by);
        append(EXPIRED, silence, at);
    }

    private void append(String type, Silence silence, Instant at) {
        String key = "silence:" + silence.id();
        outbox.append(type, key, key, SilenceEventData.of(silence, at), at);
    }
}
