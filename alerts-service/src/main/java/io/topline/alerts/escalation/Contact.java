package io.topline.alerts.escalation;

import io.topline.alerts.catalog.StringListConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A person's contact routes: the receivers (subscriptions) that reach them, under the e-mail address drivers and
 * measures name their owners by, so that an escalation to "the measure's owner" reaches a person.
 */
@Entity
@Table(name = "contact")
public class Contact {

    @Id
    private String email;
    @Column(nullable = false)
    private String name;
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false)
    private List<String> subscriptions;
    @Column(name = "updated_by", nullable = false)
    private String updatedBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Contact() {
    }

    public Contact(String email, String name, List<UUID> routes, String by, Instant now) {
        this.email = email;
        update(name, routes, by, now);
    }

    /** Replaces the person's name and routes. */
    public void update(String name, List<UUID> routes, String by, Instant now) {
        this.name = name;
        this.subscriptions = routes.stream().distinct().map(UUID::toString).toList();
        this.updatedBy = by;
        this.updatedAt = now;
    }

    public String email() {
        return email;
    }

    public String name() {
        return name;
    }

    public List<UUID> routes() {
        return subscriptions.stream().map(UUID::fromString).toList();
    }

    public String updatedBy() {
        return updatedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
