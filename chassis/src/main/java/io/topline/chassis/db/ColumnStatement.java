package io.topline.chassis.db;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One SQL statement over many rows at once: each parameter is a whole column, a text array with one element per row,
 * which the statement unnests and casts, so a thousand rows cost one round trip and one statement to plan.
 *
 * <p>Rows written this way bypass the persistence context: the caller reads them read-only (or not at all) and must
 * not also change them as managed entities in the same transaction.
 */
public final class ColumnStatement<T> {

    private final String sql;
    private final List<Function<T, String>> columns;

    /** A statement whose parameters, in order, are the given columns of the rows. */
    @SafeVarargs
    public ColumnStatement(String sql, Function<T, String>... columns) {
        this.sql = sql;
        this.columns = List.of(columns);
    }

    /** Runs the statement over {@code rows} in the caller's transaction; nothing when there are none. */
    public void execute(EntityManager entityManager, List<T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String[][] values = new String[columns.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            T row = rows.get(r);
            for (int c = 0; c < values.length; c++) {
                values[c][r] = columns.get(c).apply(row);
            }
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int c = 0; c < values.length; c++) {
                    statement.setArray(c + 1, connection.createArrayOf("text", values[c]));
                }
                statement.executeUpdate();
            }
        });
    }

    /** A number as its exact text, scale kept (null stays null, as SQL's NULL). */
    public static String text(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /** An instant as ISO-8601 text, which PostgreSQL reads as a {@code timestamptz}. */
    public static String text(Instant value) {
        return value == null ? null : value.toString();
    }

    /** An enum constant by its name, as {@code @Enumerated(EnumType.STRING)} stores it. */
    public static String text(Enum<?> value) {
        return value == null ? null : value.name();
    }

    /** A whole number or a flag by its text. */
    public static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
