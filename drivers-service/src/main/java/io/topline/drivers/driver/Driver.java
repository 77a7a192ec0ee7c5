package io.topline.drivers.driver;

import io.topline.chassis.problem.ProblemException;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A driver of revenue: who owns it, which function it belongs to and which drivers it feeds. */
@Entity
@Table(name = "driver")
public class Driver {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "driver_key", nullable = false, updatable = false)
    private String key;

    @Column(nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "business_function", nullable = false)
    private DriverFunction function;

    @Column(nullable = false)
    private String owner;

    private String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "driver_feeds_into", joinColumns = @JoinColumn(name = "driver_id"))
    @OrderColumn(name = "position")
    @Column(name = "downstream_key", nullable = false)
    private List<String> feedsInto = new ArrayList<>();

    @Column(nullable = false)
    private boolean archived;

    /** Grows with every change; it is both the ETag and the revision of the published state. */
    @Column(nullable = false)
    private long revision;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Driver() {
    }

    public Driver(String key, String name, DriverFunction function, String owner, String description,
                  List<String> feedsInto, Instant now) {
        this.key = Objects.requireNonNull(key);
        this.name = name;
        this.function = function;
        this.owner = owner;
        this.description = description;
        this.feedsInto = new ArrayList<>(feedsInto);
        this.revision = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Applies a new state; returns false, and keeps the revision, when nothing actually differs. */
    public boolean change(String name, DriverFunction function, String owner, String description,
                          List<String> feedsInto, Instant now) {
        requireActive();
        if (Objects.equals(this.name, name) && this.function == function && Objects.equals(this.owner, owner)
                && Objects.equals(this.description, description) && this.feedsInto.equals(feedsInto)) {
            return false;
        }
        this.name = name;
        this.function = function;
        this.owner = owner;
        this.description = description;
        this.feedsInto.clear();
        this.feedsInto.addAll(feedsInto);
        touch(now);
        return true;
    }

    /** Archives the driver; its history stays, and it takes no new measures. */
    public void archive(Instant now) {
        requireActive();
        archived = true;
        touch(now);
    }

    private void requireActive() {
        if (archived) {
            throw ProblemException.conflict("archived", "Driver '" + key + "' is archived and cannot change");
        }
    }

    private void touch(Instant now) {
        revision++;
        updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public DriverFunction function() {
        return function;
    }

    public String owner() {
        return owner;
    }

    public String description() {
        return description;
    }

    public List<String> feedsInto() {
        return List.copyOf(feedsInto);
    }

    public boolean archived() {
        return archived;
    }

    public long revision() {
        return revision;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
