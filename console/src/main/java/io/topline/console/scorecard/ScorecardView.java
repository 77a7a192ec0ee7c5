package io.topline.console.scorecard;

import io.topline.console.api.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The scorecard page's content: the rows that pass the filters, grouped by driver in revenue-flow order (each group
 * names its function), with the choices the filters offer.
 */
public record ScorecardView(Scorecard scorecard, List<DriverGroup> groups, List<String> functions,
                            List<String> owners, Filters filters) {

    /** What the reader chose: the cadence, the window, and optionally one function and one owner. */
    public record Filters(String cadence, int periods, String function, String owner) {

        boolean keeps(Scorecard.Row row) {
            return (blank(function) || function.equals(row.driver().function()))
                    && (blank(owner) || owner.equals(row.owner()));
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    /** One driver's rows, in the order the scorecard gave them. */
    public record DriverGroup(Scorecard.Driver driver, List<Scorecard.Row> rows) {

        /** The function as a heading says it ("Marketing"). */
        public String functionLabel() {
            String function = driver.function();
            return function.charAt(0) + function.substring(1).toLowerCase();
        }
    }

    public static ScorecardView of(Scorecard scorecard, Filters filters) {
        List<DriverGroup> groups = new ArrayList<>();
        for (Scorecard.Row row : scorecard.measures()) {
            if (!filters.keeps(row)) {
                continue;
            }
            DriverGroup last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last == null || !last.driver().key().equals(row.driver().key())) {
                last = new DriverGroup(row.driver(), new ArrayList<>());
                groups.add(last);
            }
            last.rows().add(row);
        }
        TreeSet<String> functions = new TreeSet<>();
        TreeSet<String> owners = new TreeSet<>();
        scorecard.measures().forEach(row -> {
            functions.add(row.driver().function());
            owners.add(Objects.requireNonNullElse(row.owner(), ""));
        });
        owners.remove("");
        return new ScorecardView(scorecard, groups, List.copyOf(functions), List.copyOf(owners), filters);
    }

    /** A link of the cadence switch. */
    public record CadenceLink(String label, String href, boolean current) {
    }

    /** The cadence switch: the same filters under each cadence. */
    public List<CadenceLink> cadences() {
        return Stream.of("WEEKLY", "MONTHLY", "QUARTERLY").map(cadence -> new CadenceLink(
                cadence.charAt(0) + cadence.substring(1).toLowerCase(),
                "/console/scorecard?" + query(cadence), cadence.equals(filters.cadence()))).toList();
    }

    /** The filters as a query string, for the export link. */
    public String query() {
        return query(filters.cadence());
    }

    private String query(String cadence) {
        return Query.path("").param("cadence", cadence).param("periods", filters.periods())
                .param("function", filters.function()).param("owner", filters.owner()).toString().substring(1);
    }

    /** Rows shown after the filters. */
    public List<Scorecard.Row> rows() {
        return groups.stream().flatMap(group -> group.rows().stream()).toList();
    }
}
