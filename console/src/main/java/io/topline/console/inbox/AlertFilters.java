package io.topline.console.inbox;

import io.topline.console.api.Query;
import jakarta.ws.rs.QueryParam;

import java.util.List;

/** The inbox's filters, passed on to {@code GET /alerts} as they are (the API validates them). */
public class AlertFilters {

    public static final List<String> STATES = List.of("FIRING", "ACKNOWLEDGED", "RESOLVED");
    public static final List<String> KINDS = List.of("MISSED", "PROJECTED_MISS", "NO_DATA");
    public static final List<String> SEVERITIES = List.of("CRITICAL", "WARNING", "INFO");
    public static final List<String> FUNCTIONS = List.of("MARKETING", "SALES", "SERVICE", "OPERATIONS", "FINANCE",
            "OTHER");

    @QueryParam("state")
    String state;
    @QueryParam("kind")
    String kind;
    @QueryParam("severity")
    String severity;
    @QueryParam("function")
    String function;
    @QueryParam("driver")
    String driver;
    @QueryParam("measure")
    String measure;
    @QueryParam("period")
    String period;
    @QueryParam("page")
    Integer page;

    /** The filters on {@code path}, as the API and the console's own links take them. */
    public Query on(String path) {
        return Query.path(path).param("state", state).param("kind", kind).param("severity", severity)
                .param("function", function).param("driver", driver).param("measure", measure)
                .param("period", period);
    }

    /** This inbox page's own address, where an action returns to. */
    public String getBack() {
        return on("/console/inbox").toString();
    }

    public String getState() {
        return state;
    }

    public String getKind() {
        return kind;
    }

    public String getSeverity() {
        return severity;
    }

    public String getFunction() {
        return function;
    }

    public String getMeasure() {
        return measure;
    }

    public String getPeriod() {
        return period;
    }

    public int getPage() {
        return page == null ? 0 : page;
    }

    public List<String> getStates() {
        return STATES;
    }

    public List<String> getKinds() {
        return KINDS;
    }

    public List<String> getSeverities() {
        return SEVERITIES;
    }

    public List<String> getFunctions() {
        return FUNCTIONS;
    }
}
