package io.topline.alerts.catalog;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Reads {@code topline.definitions} (structured CloudEvents) and hands each event to the catalog. */
@ApplicationScoped
public class DefinitionsConsumer {

    private static final Logger LOG = Logger.getLogger(DefinitionsConsumer.class);

    private final CatalogService catalog;
    private final ObjectMapper reader;

    public DefinitionsConsumer(CatalogService catalog, ObjectMapper mapper) {
        this.catalog = catalog;
        // decimals keep their scale ("88.0" stays 88.0), as the producer wrote them
        this.reader = mapper.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    }

    @Incoming("definitions")
    @Blocking
    public void consume(String value) {
        if (value == null) {
            return;
        }
        try {
            JsonNode event = reader.readTree(value);
            catalog.onDefinition(event);
        } catch (Exception e) {
            // a bad record must not block the partition; its producer's contract test is where it gets fixed
            LOG.errorf(e, "Skipping a definitions record that could not be applied: %s", value);
        }
    }
}
