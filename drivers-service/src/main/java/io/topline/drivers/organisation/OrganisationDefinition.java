package io.topline.drivers.organisation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.topline.drivers.driver.CreateDriverRequest;
import io.topline.drivers.driver.Slugs;
import io.topline.drivers.measure.Aggregation;
import io.topline.drivers.measure.Cadence;
import io.topline.drivers.measure.CreateMeasureRequest;
import io.topline.drivers.measure.Direction;
import io.topline.drivers.measure.Unit;
import io.topline.drivers.target.CreateTargetRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Map;

/**
 * A whole organisation's definitions, as an organisation file holds them (contracts/organisation): drivers with the
 * flow between them, measures with their target schedules, and the read-only calendar their periods belong to; and
 * the alerting sections (receivers, silences, escalation policies, contacts, the {@code secrets} their references
 * name), which alerts-service owns: drivers-service forwards them as the file states them (the schema checked them),
 * and a section left out (null) is not managed. Absent fields are left out when it is written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganisationDefinition(
        @Valid CalendarDefinition calendar,
        @NotNull @Size(max = 500) List<@Valid @NotNull CreateDriverRequest> drivers,
        @Size(max = 1000) List<@Valid @NotNull MeasureDefinition> measures,
        @Size(max = 500) List<@NotNull JsonNode> receivers,
        @Size(max = 500) List<@NotNull JsonNode> silences,
        @Size(max = 200) List<@NotNull JsonNode> escalationPolicies,
        @Size(max = 1000) List<@NotNull JsonNode> contacts,
        @Size(max = 100) Map<@NotNull String, @NotNull String> secrets) {

    /** The drivers' part alone, as it was before the alerting sections. */
    public OrganisationDefinition(CalendarDefinition calendar, List<CreateDriverRequest> drivers,
                                  List<MeasureDefinition> measures) {
        this(calendar, drivers, measures, null, null, null, null, null);
    }

    public List<MeasureDefinition> measuresOrEmpty() {
        return measures == null ? List.of() : measures;
    }

    /** Whether the file holds any alerting section, so that alerts-service is part of its plan and apply. */
    public boolean managesAlerting() {
        return receivers != null || silences != null || escalationPolicies != null || contacts != null;
    }

    /** A measure with the targets it should have; targets it already has are not added again. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MeasureDefinition(
            @NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String key,
            @NotNull @Size(max = 64) @Pattern(regexp = Slugs.PATTERN, message = Slugs.MESSAGE) String driverKey,
            @NotBlank @Size(max = 120) String name,
            @NotNull Unit unit,
            @Pattern(regexp = "^[A-Z]{3}$", message = "must be an ISO 4217 code of three capital letters") String currency,
            @NotNull Aggregation aggregation,
            @NotNull Direction direction,
            @NotNull Cadence cadence,
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String owner,
            @Size(max = 2000) String description,
            @Size(max = 40) String expectedEvery,
            @Size(max = 100) List<@Valid @NotNull CreateTargetRequest> targets) {

        public CreateMeasureRequest toRequest() {
            return new CreateMeasureRequest(key, driverKey, name, unit, currency, aggregation, direction, cadence, owner,
                    description, expectedEvery);
        }

        public List<CreateTargetRequest> targetsOrEmpty() {
            return targets == null ? List.of() : targets;
        }
    }
}
