package io.topline.metrics.catalog;

import io.topline.metrics.period.Cadence;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;

/** The local copy of one measure's definition; only a higher revision may replace it. */
@Entity
@Table(name = "catalog_measure")
public class CatalogMeasure {

    @Id
    @Column(name = "measure_key")
    private String key;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Cadence cadence;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Aggregation aggregation;

    @Column(nullable = false)
    private String unit;

    @Column(nullable = false)
    private boolean archived;

    @Column(nullable = false)
    private long revision;

    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    protected CatalogMeasure() {
    }

    public CatalogMeasure(MeasureInfo info, Instant appliedAt) {
        this.key = Objects.requireNonNull(info.key());
        apply(info, appliedAt);
    }

    /** Takes the definition when it is newer; returns whether it did (older and equal revisions are replays). */
    public boolean apply(MeasureInfo info, Instant now) {
        if (appliedAt != null && info.revision() <= revision) {
            return false;
        }
        this.cadence = Objects.requireNonNull(info.cadence());
        this.aggregation = Objects.requireNonNull(info.aggregation());
        this.unit = Objects.requireNonNull(info.unit());
        this.archived = info.archived();
        this.revision = info.revision();
        this.appliedAt = now;
        return true;
    }

    public MeasureInfo toInfo() {
        return new MeasureInfo(key, cadence, aggregation, unit, archived, revision);
    }
}
