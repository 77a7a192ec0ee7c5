package io.topline.contracts.organisation;

import io.topline.contracts.organisation.OrganisationFiles.FileError;
import io.topline.contracts.organisation.OrganisationFiles.Format;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules a file keeps on its own: keys listed once, failure levels on the failing side, each error located. */
class OrganisationFileRulesTest {

    @Test
    void shouldListEveryKeyListedTwiceAndEveryLevelOnTheWrongSide() {
        String yaml = """
                drivers:
                  - {key: sales, name: Sales, function: SALES, owner: sam@example.com}
                  - {key: sales, name: Sales again, function: SALES, owner: sam@example.com}
                measures:
                  - key: closing-ratio
                    driverKey: sales
                    name: Closing ratio
                    unit: PERCENT
                    aggregation: AVERAGE
                    direction: HIGHER_IS_BETTER
                    cadence: MONTHLY
                    targets:
                      - {effectiveFrom: 2026-11, successLevel: 30, failureLevel: 30, severity: WARNING}
                      - {effectiveFrom: 2026-12, successLevel: 30, failureLevel: 31, severity: WARNING}
                  - key: lead-time
                    driverKey: sales
                    name: Lead time
                    unit: DAYS
                    aggregation: AVERAGE
                    direction: LOWER_IS_BETTER
                    cadence: MONTHLY
                    targets:
                      - {effectiveFrom: 2026-11, successLevel: 5, failureLevel: 4.5, severity: WARNING}
                  - {key: lead-time, driverKey: sales, name: Lead time, unit: DAYS, aggregation: AVERAGE,
                     direction: LOWER_IS_BETTER, cadence: MONTHLY}
                """;
        OrganisationFiles.Checked checked = OrganisationFiles.check(yaml, Format.YAML);
        assertEquals(List.of(), checked.errors());

        assertEquals(List.of(
                new FileError("drivers[1].key", "driver 'sales' is listed twice", 3, 11),
                new FileError("measures[2].key", "measure 'lead-time' is listed twice", 24, 11),
                new FileError("measures[0].targets[1].failureLevel", "failureLevel is on the wrong side of successLevel "
                        + "for a HIGHER_IS_BETTER measure", 14, 66),
                new FileError("measures[1].targets[0].failureLevel", "failureLevel is on the wrong side of successLevel "
                        + "for a LOWER_IS_BETTER measure", 23, 65)), OrganisationFileRules.check(checked.document()));
    }
}
