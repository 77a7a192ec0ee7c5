package io.topline.cli.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topline.cli.ingest.CsvMapping.Measurement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts the measurements of a file into batches for {@code POST /measurements/batch}, leaving out those up to the
 * line an earlier run committed. Each batch has an Idempotency-Key made from its content: a retry of the same batch
 * replays the first answer, and the items' client ids keep a batch cut differently from counting twice.
 */
public final class ImportBatches {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ImportBatches() {
    }

    /** One batch: its items, the lines it covers, its body and its Idempotency-Key. */
    public record Batch(List<Measurement> items, long firstLine, long lastLine, String body, String idempotencyKey) {
    }

    /** The batches of {@code measurements} after {@code committedThrough} (0 for none), {@code size} items each. */
    public static List<Batch> of(List<Measurement> measurements, int size, long committedThrough) {
        List<Measurement> pending = measurements.stream().filter(m -> m.line() > committedThrough).toList();
        List<Batch> batches = new ArrayList<>();
        for (int start = 0; start < pending.size(); start += size) {
            List<Measurement> items = pending.subList(start, Math.min(start + size, pending.size()));
            String body = body(items);
            batches.add(new Batch(items, items.get(0).line(), items.get(items.size() - 1).line(), body,
                    "topline-csv-" + sha256(body)));
        }
        return batches;
    }

    private static String body(List<Measurement> items) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode array = body.putArray("items");
        for (Measurement item : items) {
            ObjectNode node = array.addObject();
            node.put("id", item.id());
            node.put("measure", item.measure());
            node.put("value", item.value());
            node.put("occurredAt", item.occurredAt());
            node.put("source", item.source());
        }
        return body.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
