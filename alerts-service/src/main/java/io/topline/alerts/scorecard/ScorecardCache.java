package io.topline.alerts.scorecard;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.alerts.period.Cadence;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The last scorecard built for each cadence, window and current period, kept as the JSON it is sent as (for 500
 * measures, writing it again took longer than everything else a kept scorecard costs) until a write that can change
 * it commits on any replica (the change stamp of migration V24); while such a write is in flight, scorecards are
 * built afresh and not kept. A scorecard built afresh reuses the JSON of every row equal to the row it replaces: one
 * new actual changes one row of thousands, and writing them all again was a third of a rebuild with 5,000 measures.
 * Only the scorecard built last keeps its rows (some 17 MB with 5,000 measures), so that eight windows of a large
 * scorecard do not hold eight copies of them; it keeps them even when it was built while a write was in flight, since
 * a row's JSON depends on the row alone, not on when it was read.
 */
@ApplicationScoped
public class ScorecardCache {

    /** Few windows are asked for at once (a dashboard's, the console's); a stranger one must not pile up memory. */
    static final int MAX_ENTRIES = 8;

    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** The rows of the scorecard built last, for the next build of the same window. */
    private volatile KeptRows lastRows;

    public ScorecardCache(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    private record Key(Cadence cadence, int count, String currentPeriod) {
    }

    /** A kept scorecard: its stamp and its JSON. */
    private record Entry(long stamp, byte[] scorecard) {
    }

    /** Each row's JSON by measure key, with the row it was written from, of the window {@code key}. */
    private record KeptRows(Key key, Map<String, WrittenRow> rows) {
    }

    /** A row's JSON and the row it was written from, to tell whether the next build's row is the same. */
    private record WrittenRow(ScorecardResponse.Row row, String json) {
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
        Entry kept = entries.get(key);
        if (stamp != null && kept != null && kept.stamp() == stamp) {
            return kept.scorecard();
        }
        ScorecardResponse scorecard = build.get();
        KeptRows previous = lastRows;
        Map<String, WrittenRow> rows = writeRows(scorecard,
                previous != null && previous.key().equals(key) ? previous.rows() : Map.of());
        byte[] built = write(scorecard, rows, kept == null ? 8192 : kept.scorecard().length + 8192);
        lastRows = new KeptRows(key, rows);
        if (stamp != null) {
            if (entries.size() >= MAX_ENTRIES && !entries.containsKey(key)) {
                entries.clear();
            }
            entries.put(key, new Entry(stamp, built));
        }
        return built;
    }

    /** Each row's JSON: the earlier one where the row is equal to the one it was written from, else written now. */
    private Map<String, WrittenRow> writeRows(ScorecardResponse scorecard, Map<String, WrittenRow> earlier) {
        Map<String, WrittenRow> rows = new HashMap<>();
        for (ScorecardResponse.Row row : scorecard.measures()) {
            WrittenRow before = earlier.get(row.key());
            rows.put(row.key(), before != null && (before.row() == row || before.row().equals(row)) ? before
                    : new WrittenRow(row, writeRow(row)));
        }
        return rows;
    }

    private String writeRow(ScorecardResponse.Row row) {
        try {
            return json.writeValueAsString(row);
        } catch (IOException e) {
            throw new IllegalStateException("A scorecard row could not be written as JSON", e);
        }
    }

    /**
     * The scorecard as {@link ObjectMapper#writeValueAsBytes} writes it (its components in order, each by the same
     * mapper), with the rows' JSON put in as they are; {@code ScorecardCacheTest} holds the two equal.
     */
    private byte[] write(ScorecardResponse scorecard, Map<String, WrittenRow> rows, int sizeHint) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeFieldName("cadence");
            json.writeValue(generator, scorecard.cadence());
            generator.writeFieldName("currentPeriod");
            json.writeValue(generator, scorecard.currentPeriod());
            generator.writeFieldName("periods");
            json.writeValue(generator, scorecard.periods());
            generator.writeFieldName("generatedAt");
            json.writeValue(generator, scorecard.generatedAt());
            generator.writeArrayFieldStart("measures");
            for (ScorecardResponse.Row row : scorecard.measures()) {
                generator.writeRawValue(rows.get(row.key()).json());
            }
            generator.writeEndArray();
            generator.writeFieldName("drivers");
            json.writeValue(generator, scorecard.drivers());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("A scorecard could not be written as JSON", e);
        }
        return out.toByteArray();
    }
}
