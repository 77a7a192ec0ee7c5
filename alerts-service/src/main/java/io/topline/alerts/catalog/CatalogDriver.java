package io.topline.alerts.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** This service's copy of a driver, kept at the highest revision published by drivers-service. */
@Entity
@Table(name = "catalog_driver")
public class CatalogDriver {

    @Id
    private String key;
    private String name;
    private String function;
    private String owner;
    private String description;
    @Column(name = "feeds_into")
    @Convert(converter = StringListConverter.class)
    private List<String> feedsInto;
    private boolean archived;
    private long revision;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected CatalogDriver() {
    }

    public CatalogDriver(String key) {
        this.key = key;
    }

    /** Applies a published state; returns false (and changes nothing) when it is not newer than what is kept. */
    public boolean apply(long revision, String name, String function, String owner, String description,
                         List<String> feedsInto, boolean archived, Instant updatedAt) {
        if (this.revision >= revision) {
            return false;
        }
        this.revision = revision;
        this.name = name;
        this.function = function;
        this.owner = owner;
        this.description = description;
        this.feedsInto = List.copyOf(feedsInto);
        this.archived = archived;
        this.updatedAt = updatedAt;
        return true;
    }

    public String key() {
        return key;
    }

    public String name() {
        return name;
    }

    public String function() {
        return function;
    }

    public String owner() {
        return owner;
    }

    public List<String> feedsInto() {
        return feedsInto;
    }

    public boolean archived() {
        return archived;
    }

    public long revision() {
        return revision;
    }
}
