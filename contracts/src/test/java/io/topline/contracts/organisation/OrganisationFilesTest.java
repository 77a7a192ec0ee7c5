package io.topline.contracts.organisation;

import io.topline.contracts.organisation.OrganisationFiles.Checked;
import io.topline.contracts.organisation.OrganisationFiles.FileError;
import io.topline.contracts.organisation.OrganisationFiles.Format;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The organisation file's schema check: every error with its path, line and column, in YAML and JSON. */
class OrganisationFilesTest {

    @Test
    void shouldAcceptTheExampleFile() throws Exception {
        Checked checked = OrganisationFiles.check(Files.readString(Path.of("organisation/examples/example-organisation.yaml")),
                Format.YAML);

        assertEquals(List.of(), checked.errors());
        assertEquals(5, checked.document().get("drivers").size());
        assertEquals(3, checked.document().get("receivers").size());
        assertEquals("${LEADERSHIP_SLACK_URL}", checked.document().at("/receivers/0/url").asText());
        assertEquals(1, checked.document().get("silences").size());
        assertEquals(1, checked.document().get("escalationPolicies").size());
        assertEquals(1, checked.document().get("contacts").size());
    }

    @Test
    void shouldListEveryErrorOfTheAlertingSectionsWithItsLineAndColumn() {
        String yaml = """
                drivers: []
                receivers:
                  - key: Team Slack
                    receiver: CHAT
                    url: ${TEAM_SLACK_URL}
                    groupWait: 30 seconds
                    groupBy: [FUNCTION, WEEK]
                    digestOnly: yes please
                    colour: blue
                silences:
                  - key: weekend
                    matchers: [{label: team, operator: EQUALS, value: sales}]
                    schedule: {startTime: "8:00", endTime: "18:00"}
                escalationPolicies:
                  - key: sales-misses
                    name: Sales misses
                    steps: [{after: PT30M, targets: [receiver:Team]}]
                contacts:
                  - email: sam
                    name: Sam
                    routes: []
                secrets:
                  team-url: https://hooks.example.com
                """;

        List<FileError> errors = OrganisationFiles.check(yaml, Format.YAML).errors();

        assertEquals(List.of(
                new FileError("receivers[0].key", "must be a slug (lower-case letters and digits joined by single "
                        + "hyphens)", 3, 10),
                new FileError("receivers[0].receiver", "does not have a value in the enumeration [\"WEBHOOK\", "
                        + "\"SLACK\", \"TEAMS\", \"PAGERDUTY\", \"ALERTMANAGER\", \"EMAIL\"]", 4, 15),
                new FileError("receivers[0].groupWait", "must be an ISO-8601 duration such as PT30S, PT1H or P1D", 6, 16),
                new FileError("receivers[0].groupBy[1]", "does not have a value in the enumeration [\"FUNCTION\", "
                        + "\"DRIVER\", \"MEASURE\", \"PERIOD\", \"KIND\", \"SEVERITY\"]", 7, 25),
                new FileError("receivers[0].digestOnly", "string found, boolean expected", 8, 17),
                new FileError("receivers[0].colour", "is not a field of the organisation file here", 9, 13),
                new FileError("silences[0].comment", "is required", 11, 5),
                new FileError("silences[0].matchers[0].label", "does not have a value in the enumeration [\"driver\", "
                        + "\"function\", \"measure\", \"kind\", \"severity\", \"period\"]", 12, 24),
                new FileError("silences[0].schedule.startTime", "must be a time of day, two-digit hours (00 to 23) and "
                        + "minutes joined by a colon", 13, 27),
                new FileError("escalationPolicies[0].steps[0].targets[0]", "must be measure-owner, driver-owner, "
                        + "person and an e-mail address, or receiver and a receiver's key (each joined by a colon)",
                        17, 38),
                new FileError("contacts[0].email", "must be an e-mail address", 19, 12),
                new FileError("contacts[0].routes", "must have at least 1 items but found 0", 21, 13),
                new FileError("secrets", "property 'team-url' name is not valid: does not match the regex pattern "
                        + "^[A-Za-z_][A-Za-z0-9_]*$", 23, 3)), errors);
    }

    @Test
    void shouldListEveryYamlErrorWithItsLineAndColumn() {
        String yaml = """
                drivers:
                  - key: Bad Key
                    name: Sales
                    function: SELLING
                    owner: sam@example.com
                    colour: blue
                measures:
                  - key: closing-ratio
                    driverKey: sales
                    name: Closing ratio
                    unit: CURRENCY
                    aggregation: AVERAGE
                    direction: HIGHER_IS_BETTER
                    cadence: MONTHLY
                    targets:
                      - effectiveFrom: 2026-W48
                        successLevel: 30
                        failureLevel: 20
                        severity: WARNING
                """;

        List<FileError> errors = OrganisationFiles.check(yaml, Format.YAML).errors();

        assertEquals(List.of(
                new FileError("drivers[0].key", "must be a slug (lower-case letters and digits joined by single hyphens)", 2, 10),
                new FileError("drivers[0].function", "does not have a value in the enumeration [\"MARKETING\", \"SALES\", "
                        + "\"SERVICE\", \"OPERATIONS\", \"FINANCE\", \"OTHER\"]", 4, 15),
                new FileError("drivers[0].colour", "is not a field of the organisation file here", 6, 13),
                new FileError("measures[0].currency", "a CURRENCY measure needs an ISO 4217 currency code", 8, 5),
                new FileError("measures[0].targets[0].effectiveFrom", "must be a monthly period like 2026-11, since the "
                        + "measure is MONTHLY", 16, 24)), errors);
    }

    @Test
    void shouldAcceptTheCalendarBlockAnExportWritesAndCheckItsFields() {
        String exported = """
                calendar:
                  timeZone: Europe/Berlin
                  weekStart: SUNDAY
                  fiscalYearStartMonth: 4
                drivers: []
                """;
        String wrong = """
                calendar:
                  timeZone: Europe/Berlin
                  weekStart: SUN
                  fiscalYearStartMonth: 13
                  quarterStart: 4
                drivers: []
                """;

        assertEquals(List.of(), OrganisationFiles.check(exported, Format.YAML).errors());
        assertEquals(List.of(
                new FileError("calendar.weekStart", "does not have a value in the enumeration [\"MONDAY\", \"TUESDAY\", "
                        + "\"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\", \"SATURDAY\", \"SUNDAY\"]", 3, 14),
                new FileError("calendar.fiscalYearStartMonth", "must have a maximum value of 12", 4, 25),
                new FileError("calendar.quarterStart", "is not a field of the organisation file here", 5, 17)),
                OrganisationFiles.check(wrong, Format.YAML).errors());
    }

    @Test
    void shouldRefuseANumberWithMoreDigitsThanAnyFieldHoldsBeforeTheSchemaPrintsIt() {
        String yaml = """
                drivers: []
                measures:
                  - direction: 1e100000000
                    cadence: 1e-100000000
                calendar:
                  fiscalYearStartMonth: 1e100000000
                """;

        assertEquals(List.of(
                new FileError("measures[0].direction", OrganisationFiles.UNBOUNDED, 3, 16),
                new FileError("measures[0].cadence", OrganisationFiles.UNBOUNDED, 4, 14),
                new FileError("calendar.fiscalYearStartMonth", OrganisationFiles.UNBOUNDED, 6, 25)),
                OrganisationFiles.check(yaml, Format.YAML).errors());
    }

    @Test
    void shouldLocateAJsonSyntaxError() {
        List<FileError> errors = OrganisationFiles.check("{\"drivers\": [\n  {\"key\": \"a\",,}\n]}", Format.JSON).errors();

        assertEquals(1, errors.size());
        assertEquals("body", errors.get(0).path());
        assertEquals(2, errors.get(0).line());
        assertTrue(errors.get(0).message().startsWith("is not JSON ("), errors.get(0).message());
    }

    @Test
    void shouldRefuseANumberNoDecimalCanHoldAndKeepDecimalsExact() {
        assertEquals(List.of(new FileError("body", "holds a number too large to read", null, null)),
                OrganisationFiles.check("{\"drivers\": [], \"x\": 1e2147483648}", Format.JSON).errors());
        assertEquals(List.of(new FileError("body", "is not YAML (Malformed numeric value '1e2147483648')", 2, 16)),
                OrganisationFiles.check("drivers: []\nx: 1e2147483648\n", Format.YAML).errors());

        Checked exact = OrganisationFiles.check("drivers: []\nmeasures: []\n", Format.YAML);
        assertEquals(List.of(), exact.errors());
        assertEquals("0.30000000000000000001", OrganisationFiles.check("{\"drivers\": [{\"key\": \"a\", \"name\": \"A\", "
                + "\"function\": \"SALES\", \"owner\": \"o\"}], \"level\": 0.30000000000000000001}", Format.JSON)
                .document().get("level").decimalValue().toPlainString());
    }

    @Test
    void shouldLocateARulePathInTheDocument() {
        Checked checked = OrganisationFiles.check("drivers:\n  - key: a\n    name: A\n    function: SALES\n    owner: o\n"
                + "    feedsInto: [b, c]\n", Format.YAML);

        assertEquals(6, OrganisationFiles.locate(checked.document(), "drivers[0].feedsInto[1]").orElseThrow().getLineNr());
        assertEquals(2, OrganisationFiles.locate(checked.document(), "drivers[0].missing").orElseThrow().getLineNr());
    }
}
