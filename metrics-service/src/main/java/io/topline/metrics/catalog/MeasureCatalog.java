package io.topline.metrics.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The measures known to this instance, in memory, so that ingestion validates without a query per item.
 *
 * <p>The definitions consumer updates it after each commit; a periodic reload and a lookup on a miss pick up
 * what another instance of the service consumed into the shared table.
 */
@ApplicationScoped
public class MeasureCatalog {

    private final CatalogMeasureRepository repository;
    private final Map<String, MeasureInfo> measures = new ConcurrentHashMap<>();

    public MeasureCatalog(CatalogMeasureRepository repository) {
        this.repository = repository;
    }

    void load(@Observes StartupEvent event) {
        reload();
    }

    @Scheduled(every = "${topline.catalog.refresh-interval:30s}", delayed = "${topline.catalog.refresh-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reload() {
        QuarkusTransaction.requiringNew().run(() -> repository.streamAll()
                .map(CatalogMeasure::toInfo)
                .forEach(this::remember));
    }

    /** Whether {@code key} is known in memory, so that {@link #find} answers without touching the database. */
    public boolean isCached(String key) {
        return key != null && measures.containsKey(key);
    }

    /** The measure named {@code key}, looked up in the table when this instance has not seen it yet. */
    public Optional<MeasureInfo> find(String key) {
        MeasureInfo known = measures.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<MeasureInfo> stored = QuarkusTransaction.joiningExisting()
                .call(() -> repository.findByIdOptional(key).map(CatalogMeasure::toInfo));
        stored.ifPresent(this::remember);
        return stored;
    }

    /** Keeps {@code info} unless a higher revision is already known. */
    public void remember(MeasureInfo info) {
        measures.merge(info.key(), info, (old, candidate) -> candidate.revision() >= old.revision() ? candidate : old);
    }
}
