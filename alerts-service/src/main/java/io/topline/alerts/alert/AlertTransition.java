package io.topline.alerts.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;

/** One recorded step of an alert's state machine: from, to, when, by whom and why. */
@Entity
@Table(name = "alert_transition")
public class AlertTransition {

    /** The "from" state of an alert's first transition. */
    public static final String NONE = "NONE";

    // drawn 50 at a time (V25), so that a batch of firings inserts its transitions in JDBC batches (see Evaluation)
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alert_transition_ids")
    @SequenceGenerator(name = "alert_transition_ids", sequenceName = "alert_transition_ids", allocationSize = 50)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "alert_id")
    private Alert alert;
    private int sequence;
    @Column(name = "from_state")
    private String from;
    @Column(name = "to_state")
    private String to;
    private Instant at;
    @Column(name = "by_person")
    private String by;
    private String comment;

    protected AlertTransition() {
    }

    AlertTransition(Alert alert, int sequence, String from, AlertState to, Instant at, String by, String comment) {
        this.alert = alert;
        this.sequence = sequence;
        this.from = from;
        this.to = to.name();
        this.at = at;
        this.by = by;
        this.comment = comment;
    }

    public int sequence() {
        return sequence;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public Instant at() {
        return at;
    }

    public String by() {
        return by;
    }

    public String comment() {
        return comment;
    }
}
