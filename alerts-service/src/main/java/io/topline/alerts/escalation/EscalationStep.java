package io.topline.alerts.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Duration;
import java.util.List;

/**
 * One step of a policy: how long after the firing it is taken (if nobody acknowledged by then), and whom it notifies:
 * {@code measure-owner}, {@code driver-owner}, {@code person:<email>} (through their contact routes) or
 * {@code subscription:<id>} (a receiver).
 */
@Embeddable
public class EscalationStep {

    public static final String MEASURE_OWNER = "measure-owner";
    public static final String DRIVER_OWNER = "driver-owner";
    public static final String PERSON = "person:";
    public static final String SUBSCRIPTION = "subscription:";

    @Column(name = "position", nullable = false)
    private int position;
    @Column(name = "after_seconds", nullable = false)
    private long afterSeconds;
    // comma-separated (no target holds a comma): an element collection cannot hash a converted list
    @Column(nullable = false)
    private String targets;

    protected EscalationStep() {
    }

    public EscalationStep(int position, Duration after, List<String> targets) {
        this.position = position;
        this.afterSeconds = after.toSeconds();
        this.targets = String.join(",", targets);
    }

    public int position() {
        return position;
    }

    public Duration after() {
        return Duration.ofSeconds(afterSeconds);
    }

    public List<String> targets() {
        return List.of(targets.split(","));
    }
}
