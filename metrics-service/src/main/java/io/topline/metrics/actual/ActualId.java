package io.topline.metrics.actual;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.io.Serializable;
import java.util.Objects;

/** Identity of an actual: one measure in one period. */
@Embeddable
public class ActualId implements Serializable {

    @Column(name = "measure_key")
    private String measureKey;

    @Column(name = "period")
    private String period;

    protected ActualId() {
    }

    public ActualId(String measureKey, String period) {
        this.measureKey = measureKey;
        this.period = period;
    }

    public String measureKey() {
        return measureKey;
    }

    public String period() {
        return period;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActualId other && measureKey.equals(other.measureKey) && period.equals(other.period);
    }

    @Override
    public int hashCode() {
        return Objects.hash(measureKey, period);
    }
}
