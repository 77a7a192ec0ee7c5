package io.topline.drivers.organisation;

import io.topline.chassis.problem.Problem;
import io.topline.chassis.problem.ProblemException;
import io.topline.contracts.organisation.OrganisationFiles;
import io.topline.drivers.alerting.AlertingPlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The pieces that join drivers-service's and alerts-service's halves of an organisation file: alerts-service's
 * violations located in the file, the two plans merged into one, and the combined ETag checked part by part.
 */
class OrganisationTagTest {

    private static final String FILE = """
            drivers: []
            receivers:
              - key: team-slack
                receiver: SLACK
                url: ${TEAM_SLACK_URL}
              - key: pager
                receiver: PAGERDUTY
                routingKey: ${PD_KEY}
            contacts:
              - {email: sam@example.com, name: Sam, routes: [ghost]}
            """;

    @Test
    void shouldLocateAlertsServicesViolationsInTheFile() {
        OrganisationFile file = new OrganisationFile(null,
                OrganisationFiles.check(FILE, OrganisationFiles.Format.YAML).document());

        List<Problem.Violation> located = file.locate(List.of(
                new Problem.Violation("receivers[1].routingKey", "refers to ${PD_KEY}, which was not given"),
                new Problem.Violation("contacts[0].routes[0]", "names no receiver of the file nor an active one")));

        assertEquals(List.of(
                new Problem.Violation("receivers[1].routingKey", "refers to ${PD_KEY}, which was not given", 8, 17),
                new Problem.Violation("contacts[0].routes[0]", "names no receiver of the file nor an active one", 10,
                        50)), located);
    }

    @Test
    void shouldMergeBothPlansIntoOneWithTheCombinedTag() {
        PlanResponse own = new PlanResponse(false, true, "org-1111111111111111",
                List.of(new PlannedChange(PlannedChange.Action.CREATE, PlannedChange.Kind.DRIVER, "sales", List.of(),
                        List.of())), List.of("measure:ratio"), new PlanResponse.Summary(1, 0, 0, 1, 0));
        AlertingPlan alerting = new AlertingPlan(false, true, "alr-2222222222222222", List.of(
                new AlertingPlan.Change("UPDATE", "RECEIVER", "team-slack", List.of("url"), null),
                new AlertingPlan.Change("ARCHIVE", "ESCALATION_POLICY", "old", List.of(), null)),
                List.of("contact:sam@example.com"));

        PlanResponse merged = OrganisationService.merge(own, alerting);

        assertEquals(new PlanResponse(false, true, "org-1111111111111111.alr-2222222222222222", List.of(
                own.changes().get(0),
                new PlannedChange(PlannedChange.Action.UPDATE, PlannedChange.Kind.RECEIVER, "team-slack",
                        List.of("url"), List.of()),
                new PlannedChange(PlannedChange.Action.ARCHIVE, PlannedChange.Kind.ESCALATION_POLICY, "old",
                        List.of(), List.of())),
                List.of("measure:ratio", "contact:sam@example.com"), new PlanResponse.Summary(1, 1, 1, 2, 0)), merged);
        assertEquals(own, OrganisationService.merge(own, null));
    }

    @Test
    void shouldCheckEachPartOfTheCombinedTag() {
        String combined = "org-1.alr-2";

        assertEquals(new OrganisationTag("org-1", "alr-2"),
                OrganisationTag.checkDrivers("W/\"org-1.alr-2\"", "org-1", combined, true));
        assertEquals("alr-2", OrganisationTag.alertingIfMatch(OrganisationTag.parse("\"org-1.alr-2\""), "x", combined,
                true));
        assertEquals("*", OrganisationTag.alertingIfMatch(OrganisationTag.checkDrivers("*", "org-1", combined, true),
                "*", combined, true));
        assertEquals(null, OrganisationTag.alertingIfMatch(OrganisationTag.parse("\"org-1\""), "\"org-1\"", combined,
                false));
        assertEquals(428, assertThrows(ProblemException.class, () -> OrganisationTag.checkDrivers(null, "org-1",
                combined, true)).status());
        assertEquals(412, assertThrows(ProblemException.class, () -> OrganisationTag.checkDrivers("\"org-0.alr-2\"",
                "org-1", combined, false)).status());
        assertEquals(428, assertThrows(ProblemException.class, () -> OrganisationTag.alertingIfMatch(
                OrganisationTag.parse("\"org-1\""), "\"org-1\"", combined, true)).status());
    }
}
