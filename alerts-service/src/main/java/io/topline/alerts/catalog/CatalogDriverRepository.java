package io.topline.alerts.catalog;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Drivers of the read model. */
@ApplicationScoped
public class CatalogDriverRepository implements PanacheRepositoryBase<CatalogDriver, String> {
}
