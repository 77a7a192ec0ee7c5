package io.topline.alerts.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.smallrye.faulttolerance.api.ApplyGuard;
import io.topline.chassis.messaging.ConsumerRetry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Applies records of {@code topline.actuals} (structured CloudEvents, from {@link CatalogChannels}) to the catalog. */
@ApplicationScoped
public class ActualsConsumer {

    private final CatalogService catalog;
    private final ObjectMapper reader;

    public ActualsConsumer(CatalogService catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        // decimals keep their scale ("88.0" stays 88.0), as the producer wrote them
        this.reader = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    /**
     * Applies one record; a failure is retried with backoff (the database may be briefly away) and a record that
     * still fails, or is not JSON at all, goes to the dead-letter topic with the reason in its headers.
     */
    @ApplyGuard(ConsumerRetry.GUARD)
    public void consume(String value) throws JsonProcessingException {
        if (value == null) {
            return;
        }
        catalog.onActual(reader.readTree(value));
    }

    /**
     * Applies a poll's records in one transaction, without retries: when any of them cannot be applied (or is not
     * JSON) nothing is, and the caller applies them one by one with {@link #consume}, so that only a bad record goes
     * to the dead-letter topic.
     */
    public void consumeAll(List<String> values) throws JsonProcessingException {
        List<JsonNode> events = new ArrayList<>(values.size());
        for (String value : values) {
            if (value != null) {
                events.add(reader.readTree(value));
            }
        }
        catalog.onActuals(events);
    }
}
