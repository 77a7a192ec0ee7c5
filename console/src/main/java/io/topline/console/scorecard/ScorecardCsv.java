package io.topline.console.scorecard;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Writes the rows of a scorecard view as CSV (RFC 4180): one line per measure, two columns per period. */
final class ScorecardCsv {

    private ScorecardCsv() {
    }

    static String of(ScorecardView view) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("function", "driver", "measure", "measure name", "owner", "unit",
                "target version", "success level", "failure level"));
        for (String period : view.scorecard().periods()) {
            header.add(period);
            header.add(period + " status");
        }
        header.addAll(List.of("trailing kind", "trailing value", "misses", "open period pace"));
        line(csv, header);
        for (Scorecard.Row row : view.rows()) {
            List<String> cells = new ArrayList<>(List.of(row.driver().function(), row.driver().name(), row.key(),
                    row.name(), text(row.owner()), row.unitLabel(),
                    row.target() == null ? "" : String.valueOf(row.target().version()),
                    row.target() == null ? "" : number(row.target().successLevel()),
                    row.target() == null ? "" : number(row.target().failureLevel())));
            for (Scorecard.Cell cell : row.periods()) {
                cells.add(number(cell.actual()));
                cells.add(text(cell.status()));
            }
            cells.add(row.trailing() == null ? "" : row.trailing().kind());
            cells.add(row.trailing() == null ? "" : number(row.trailing().value()));
            cells.add(String.valueOf(row.misses()));
            cells.add(number(row.projection()));
            line(csv, cells);
        }
        return csv.toString();
    }

    private static void line(StringBuilder csv, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(cells.get(i)));
        }
        csv.append("\r\n");
    }

    /**
     * A field quoted when it needs to be; one starting with a formula character is prefixed with an apostrophe, so a
     * spreadsheet shows a name such as "=1+1" instead of computing it.
     */
    private static String quoted(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value)
                ? "'" + value : value;
        return safe.matches("(?s).*[\",\r\n].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }

    private static boolean isNumber(String value) {
        return value.matches("-?[0-9]+(\\.[0-9]+)?");
    }

    private static String number(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
