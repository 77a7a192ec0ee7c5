package io.topline.cli.ingest;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the columns of a CSV file become measurements: which column holds the measure (or one measure for the whole
 * file), the value, the time and, optionally, the client id and the source. A row without its own id gets
 * {@code <idPrefix>-<line>}, so that importing the same file again, after an interruption or not, stores each row
 * once.
 *
 * @param measureColumn column of the measure key, or null when {@code measure} names the one measure of the file
 * @param measure       the measure of every row, or null
 * @param valueColumn   column of the value
 * @param timeColumn    column of the time: an ISO-8601 instant with an offset, a local date-time or a date, the
 *                      last two read in {@code zone}
 * @param idColumn      column of the client id, or null to derive it from the line
 * @param idPrefix      the prefix of derived ids
 * @param source        the source of every row
 * @param zone          the zone of times without an offset
 */
public record CsvMapping(String measureColumn, String measure, String valueColumn, String timeColumn, String idColumn,
                         String idPrefix, String source, ZoneId zone) {

    /** One row as a measurement, ready to send. */
    public record Measurement(long line, String id, String measure, BigDecimal value, String occurredAt, String source) {
    }

    /** The columns the mapping reads that the header lacks. */
    public List<String> missingColumns(List<String> header) {
        List<String> missing = new ArrayList<>();
        for (String column : new String[]{measureColumn, valueColumn, timeColumn, idColumn}) {
            if (column != null && !header.contains(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /** The row at {@code line} as a measurement, or why it cannot be one. */
    public Result map(long line, Map<String, String> row) {
        String key = measure != null ? measure : text(row, measureColumn);
        if (key == null) {
            return Result.error(line, "column '" + measureColumn + "' is empty");
        }
        String value = text(row, valueColumn);
        if (value == null) {
            return Result.error(line, "column '" + valueColumn + "' is empty");
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value);
        } catch (NumberFormatException e) {
            return Result.error(line, "'" + value + "' in column '" + valueColumn + "' is not a number");
        }
        Optional<String> occurredAt = instant(text(row, timeColumn));
        if (occurredAt.isEmpty()) {
            return Result.error(line, "'" + text(row, timeColumn) + "' in column '" + timeColumn + "' is not an "
                    + "ISO-8601 instant, date-time or date");
        }
        String id = idColumn == null ? idPrefix + "-" + line : text(row, idColumn);
        if (id == null) {
            return Result.error(line, "column '" + idColumn + "' is empty");
        }
        return new Result(new Measurement(line, id, key, number, occurredAt.get(), source), null);
    }

    private Optional<String> instant(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toString());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Optional.of(LocalDateTime.parse(text).atZone(zone).toOffsetDateTime().toString());
            } catch (DateTimeParseException notADateTime) {
                try {
                    return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toOffsetDateTime().toString());
                } catch (DateTimeException notADate) {
                    return Optional.empty();
                }
            }
        }
    }

    private static String text(Map<String, String> row, String column) {
        String value = column == null ? null : row.get(column);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A mapped row, or the error that kept it from being one. */
    public record Result(Measurement measurement, String error) {

        static Result error(long line, String message) {
            return new Result(null, "line " + line + ": " + message);
        }

        public boolean ok() {
            return error == null;
        }
    }
}
