package io.topline.drivers.importer;

import io.topline.drivers.organisation.OrganisationDefinition;
import io.topline.drivers.organisation.OrganisationFile;
import io.topline.drivers.organisation.OrganisationService;
import io.topline.drivers.organisation.PlanResponse;
import io.topline.drivers.organisation.PlannedChange;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Locale;

/**
 * Imports a whole organisation in one transaction: an apply of the organisation file without prune (see
 * {@link OrganisationService}), reported in the import's older shape.
 */
@ApplicationScoped
public class ImportService {

    private final OrganisationService organisation;

    public ImportService(OrganisationService organisation) {
        this.organisation = organisation;
    }

    public ImportResponse importOrganisation(OrganisationDefinition definition) {
        PlanResponse applied = organisation.apply(new OrganisationFile(definition, null), false, null);
        return new ImportResponse(names(applied, PlannedChange.Action.CREATE), names(applied, PlannedChange.Action.UPDATE),
                applied.unchanged(), applied.summary().targetsAdded());
    }

    private static List<String> names(PlanResponse plan, PlannedChange.Action action) {
        return plan.changes().stream().filter(c -> c.action() == action)
                .map(c -> c.kind().name().toLowerCase(Locale.ROOT) + ":" + c.key()).toList();
    }
}
