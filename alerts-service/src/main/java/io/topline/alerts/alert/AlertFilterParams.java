package io.topline.alerts.alert;

import io.topline.alerts.web.Params;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The alert filters of the list and of the live stream, read as text so that a bad value is a 400 naming it. */
public class AlertFilterParams {

    @QueryParam("state")
    @Parameter(description = "Only alerts in this state", example = "FIRING",
            schema = @Schema(implementation = AlertState.class))
    String state;

    @QueryParam("kind")
    @Parameter(description = "Only alerts of this kind", example = "MISSED",
            schema = @Schema(implementation = AlertKind.class))
    String kind;

    @QueryParam("driver")
    @Parameter(description = "Only alerts of the driver with this key", example = "sales")
    String driver;

    @QueryParam("function")
    @Parameter(description = "Only alerts of drivers of this function", example = "SALES")
    String function;

    @QueryParam("measure")
    @Parameter(description = "Only alerts of the measure with this key", example = "closing-ratio")
    String measure;

    @QueryParam("severity")
    @Parameter(description = "Only alerts of this severity", example = "CRITICAL",
            schema = @Schema(implementation = Severity.class))
    String severity;

    @QueryParam("period")
    @Parameter(description = "Only alerts of this period (2026-W48, 2026-11, 2026-Q4)", example = "2026-11")
    String period;

    /** The filter these parameters describe; an unknown state, kind or severity is a 400 naming the parameter. */
    AlertFilter toFilter() {
        return new AlertFilter(Params.enumOf(AlertState.class, state, "state"),
                Params.enumOf(AlertKind.class, kind, "kind"), blankToNull(driver), blankToNull(function),
                blankToNull(measure), Params.enumOf(Severity.class, severity, "severity"), blankToNull(period));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
