package io.topline.alerts.escalation;

import io.topline.alerts.alert.Alert;
import io.topline.alerts.alert.Severity;
import io.topline.alerts.catalog.StringListConverter;
import io.topline.alerts.subscription.AlertSelector;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Whom to tell, step by step, while a firing alert stays unacknowledged: the alerts it covers (a subscription's
 * filters; empty ones cover all) and its ordered steps.
 */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy {

    @Id
    private UUID id;
    @Column(nullable = false)
    private String name;
    @Convert(converter = StringListConverter.class)
    private List<String> drivers;
    @Convert(converter = StringListConverter.class)
    private List<String> functions;
    @Convert(converter = StringListConverter.class)
    private List<String> measures;
    @Convert(converter = StringListConverter.class)
    private List<String> kinds;
    @Enumerated(EnumType.STRING)
    @Column(name = "min_severity", nullable = false)
    private Severity minSeverity;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "escalation_step", joinColumns = @JoinColumn(name = "policy_id"))
    @OrderBy("position")
    private List<EscalationStep> steps = new ArrayList<>();
    private boolean active;
    @Column(name = "created_by", nullable = false)
    private String createdBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    // the key an organisation file names it by
    private String slug;

    protected EscalationPolicy() {
    }

    @SuppressWarnings("java:S107")
    public EscalationPolicy(String name, List<String> drivers, List<String> functions, List<String> measures,
                            List<String> kinds, Severity minSeverity, List<EscalationStep> steps, String createdBy,
                            Instant now) {
        this.id = UUID.randomUUID();
        this.name = name;
        this.drivers = List.copyOf(drivers);
        this.functions = List.copyOf(functions);
        this.measures = List.copyOf(measures);
        this.kinds = List.copyOf(kinds);
        this.minSeverity = minSeverity;
        this.steps.addAll(steps);
        this.active = true;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.slug = "policy-" + id.toString().replace("-", "").substring(0, 12);
    }

    /** Whether the policy covers the alert; an empty filter covers everything. */
    public boolean covers(Alert alert) {
        return active && new AlertSelector(drivers, functions, measures, kinds, minSeverity)
                .admits(alert.driverKey(), alert.driverFunction(), alert.measureKey(), alert.kind().name(),
                        alert.severity());
    }

    /** Stops the policy: no further steps are taken for any alert. */
    public void disable() {
        active = false;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public List<String> drivers() {
        return drivers;
    }

    public List<String> functions() {
        return functions;
    }

    public List<String> measures() {
        return measures;
    }

    public List<String> kinds() {
        return kinds;
    }

    public Severity minSeverity() {
        return minSeverity;
    }

    public List<EscalationStep> steps() {
        return List.copyOf(steps);
    }

    public boolean active() {
        return active;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The key an organisation file names this policy by. */
    public String slug() {
        return slug;
    }

    /** Gives the policy the key an organisation file names it by. */
    public void rekey(String key) {
        this.slug = key;
    }

    /** Redefines the policy from an organisation file, keeping its id (and so the steps already taken); enables it. */
    public void redefine(String name, AlertSelector filters, List<EscalationStep> steps) {
        this.name = name;
        this.drivers = List.copyOf(filters.drivers());
        this.functions = List.copyOf(filters.functions());
        this.measures = List.copyOf(filters.measures());
        this.kinds = List.copyOf(filters.kinds());
        this.minSeverity = filters.minSeverity();
        this.steps.clear();
        this.steps.addAll(steps);
        this.active = true;
    }
}
