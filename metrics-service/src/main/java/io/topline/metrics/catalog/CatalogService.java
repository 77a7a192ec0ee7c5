package io.topline.metrics.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.topline.metrics.period.Cadence;
import io.topline.chassis.messaging.RejectedRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;

/** Applies definitions events to the catalog, idempotently by revision. */
@ApplicationScoped
public class CatalogService {

    static final String MEASURE_DEFINED = "topline.measure.defined";
    static final String MEASURE_ARCHIVED = "topline.measure.archived";

    private static final Logger LOG = Logger.getLogger(CatalogService.class);

    private final CatalogMeasureRepository repository;
    private final MeasureCatalog catalog;
    private final ObjectMapper mapper;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    public CatalogService(CatalogMeasureRepository repository, MeasureCatalog catalog, ObjectMapper mapper,
                          TransactionSynchronizationRegistry transactions, Clock clock) {
        this.clock = clock;
        this.repository = repository;
        this.catalog = catalog;
        this.mapper = mapper;
        this.transactions = transactions;
    }

    /**
     * Applies one structured CloudEvent from {@code topline.definitions}; driver events are not this service's concern.
     *
     * @throws RejectedRecordException when a measure event is malformed, so that it goes to the dead-letter topic
     */
    @Transactional
    public void apply(String cloudEventJson) {
        JsonNode event;
        try {
            event = mapper.readTree(cloudEventJson);
        } catch (IOException e) {
            throw new RejectedRecordException("definitions record is not JSON");
        }
        if (event == null || !event.isObject()) {
            throw new RejectedRecordException("definitions record is not a CloudEvent object");
        }
        String type = event.path("type").asText("");
        if (!MEASURE_DEFINED.equals(type) && !MEASURE_ARCHIVED.equals(type)) {
            LOG.debugf("Ignoring definitions event of type %s", type);
            return;
        }
        MeasureInfo info = toInfo(type, event.get("data"));
        CatalogMeasure stored = repository.findForUpdate(info.key());
        Instant now = clock.instant();
        if (stored == null) {
            repository.persist(new CatalogMeasure(info, now));
        } else if (!stored.apply(info, now)) {
            return;
        }
        rememberOnCommit(info);
    }

    /** The in-memory copy follows only once the row is committed, so a rollback cannot leave it ahead. */
    private void rememberOnCommit(MeasureInfo info) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    catalog.remember(info);
                }
            }
        });
    }

    private MeasureInfo toInfo(String type, JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new RejectedRecordException(type + " has no data object");
        }
        MeasureDefinition definition;
        try {
            definition = mapper.treeToValue(data, MeasureDefinition.class);
        } catch (IOException e) {
            throw new RejectedRecordException(type + " data is malformed: " + e.getMessage());
        }
        if (definition.key() == null || definition.key().isBlank() || definition.revision() == null
                || definition.revision() < 1 || definition.unit() == null) {
            throw new RejectedRecordException(type + " data lacks key, unit or revision");
        }
        try {
            boolean archived = MEASURE_ARCHIVED.equals(type) || Boolean.TRUE.equals(definition.archived());
            return new MeasureInfo(definition.key(), Cadence.valueOf(definition.cadence()),
                    Aggregation.valueOf(definition.aggregation()), definition.unit(), archived, definition.revision());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new RejectedRecordException(type + " data has an unknown cadence or aggregation");
        }
    }
}
