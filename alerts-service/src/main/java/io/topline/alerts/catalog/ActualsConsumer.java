package io.topline.alerts.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.temporal.ChronoUnit;

/** Reads {@code topline.actuals} (structured CloudEvents) and hands each event to the catalog. */
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
    @Incoming("actuals")
    @Blocking
    @Retry(maxRetries = 6, delay = 200, jitter = 100, abortOn = JsonProcessingException.class)
    @ExponentialBackoff(maxDelay = 30, maxDelayUnit = ChronoUnit.SECONDS)
    public void consume(String value) throws JsonProcessingException {
        if (value == null) {
            return;
        }
        catalog.onActual(reader.readTree(value));
    }
}
