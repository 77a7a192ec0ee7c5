package io.topline.alerts.scorecard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The last scorecard built for each cadence, window and current period, kept as the JSON it is sent as (for 500
 * measures, writing it again took longer than everything else a kept scorecard costs) until a write that can change
 * it commits on any replica (the change stamp of migration V24); while such a write is in flight, scorecards are
 * built afresh and not kept.
 */
@ApplicationScoped
public class ScorecardCache {

    /** Few windows are asked for at once (a dashboard's, the console's); a stranger one must not pile up memory. */
    static final int MAX_ENTRIES = 8;

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    public ScorecardCache(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    private record Key(Cadence cadence, int count, String currentPeriod) {
    }

    private record Entry(long stamp, byte[] scorecard) {
    }

    /**
     * The kept scorecard when nothing it shows has changed since it was built, else {@code build}'s (kept when no
     * write was in flight). Called inside the transaction that reads the data, after nothing else: the stamp must be
     * read before the data it vouches for.
     */
    public byte[] scorecard(Cadence cadence, int count, String currentPeriod, Supplier<ScorecardResponse> build) {
        Long stamp = (Long) entityManager.createNativeQuery("select scorecard_stamp()", Long.class)
                .getSingleResult();
        Key key = new Key(cadence, count, currentPeriod);
        Entry kept = stamp == null ? null : entries.get(key);
        if (kept != null && kept.stamp() == stamp) {
            return kept.scorecard();
        }
        byte[] built = write(build.get());
        if (stamp != null) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(stamp, built));
        }
        return built;
    }

    private byte[] write(ScorecardResponse scorecard) {
        try {
            return json.writeValueAsBytes(scorecard);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A scorecard could not be written as JSON", e);
        }
    }
}
