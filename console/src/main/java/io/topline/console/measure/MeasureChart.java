package io.topline.console.measure;

import io.topline.console.scorecard.Evaluation;
import io.topline.console.scorecard.Numbers;
import io.topline.console.scorecard.StatusLook;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A measure's actuals over its periods against the success and failure bands of the target version each period had,
 * laid out for an SVG drawn on the server: per period a green band beyond the success level and a red one beyond the
 * failure level, the actuals as a line with a point per period, and the same figures as rows for a table.
 */
public record MeasureChart(List<Point> points, List<Band> bands, List<String> segments, List<Tick> ticks,
                           int width, int height) {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 40;

    /** One period: its figures and where its point is drawn (no point without an actual). */
    public record Point(String period, BigDecimal actual, BigDecimal success, BigDecimal failure, String status,
                        String state, int x, int y, boolean drawn, String label) {

        public StatusLook look() {
            return StatusLook.of(status);
        }
    }

    /** A coloured rectangle: a period's success (green) or failure (red) zone. */
    public record Band(String css, int x, int y, int width, int height) {
    }

    /** A value on the vertical axis, or a period label on the horizontal one. */
    public record Tick(String text, int x, int y, boolean vertical) {
    }

    /** The chart of {@code measure}'s last {@code periods} periods that have an actual or an evaluation. */
    public static MeasureChart of(Measure measure, List<Actual> actuals, List<Evaluation> evaluations, int periods) {
        Map<String, BigDecimal[]> rows = new TreeMap<>();
        Map<String, Evaluation> judged = new TreeMap<>();
        actuals.forEach(a -> rows.computeIfAbsent(a.period(), p -> new BigDecimal[3])[0] = a.value());
        for (Evaluation e : evaluations) {
            BigDecimal[] row = rows.computeIfAbsent(e.period(), p -> new BigDecimal[3]);
            row[0] = row[0] == null ? e.actual() : row[0];
            row[1] = e.target().successLevel();
            row[2] = e.target().failureLevel();
            judged.put(e.period(), e);
        }
        List<String> labels = new ArrayList<>(rows.keySet());
        labels = labels.subList(Math.max(0, labels.size() - periods), labels.size());
        List<BigDecimal> values = labels.stream().flatMap(p -> Stream.of(rows.get(p))).filter(v -> v != null)
                .toList();
        double min = values.stream().mapToDouble(BigDecimal::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(BigDecimal::doubleValue).max().orElse(1);
        double pad = Math.max((max - min) * 0.15, Math.abs(max) * 0.05 + 1e-9);
        Scale scale = new Scale(min - pad, max + pad, labels.size());
        List<Point> points = new ArrayList<>();
        List<Band> bands = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String period = labels.get(i);
            BigDecimal[] row = rows.get(period);
            Evaluation evaluation = judged.get(period);
            int x = scale.x(i);
            points.add(new Point(period, row[0], row[1], row[2], evaluation == null ? null : evaluation.status(),
                    evaluation == null ? null : evaluation.state(), x, row[0] == null ? 0 : scale.y(row[0]),
                    row[0] != null, Numbers.inUnit(row[0], measure.unit(), measure.currency())));
            if (row[1] != null && row[2] != null) {
                bands.add(scale.band("band-success", i, row[1], measure.higherIsBetter()));
                bands.add(scale.band("band-failure", i, row[2], !measure.higherIsBetter()));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (int step = 0; step <= 4; step++) {
            double value = scale.low + (scale.high - scale.low) * step / 4;
            ticks.add(new Tick(Numbers.plain(BigDecimal.valueOf(value)), LEFT - 6, scale.y(BigDecimal.valueOf(value))
                    + 4, true));
        }
        int every = Math.max(1, (labels.size() + 7) / 8);
        for (int i = 0; i < labels.size(); i += every) {
            ticks.add(new Tick(labels.get(i), scale.x(i), HEIGHT - BOTTOM + 18, false));
        }
        return new MeasureChart(points, bands, segments(points), ticks, WIDTH, HEIGHT);
    }

    /** The actuals' line, broken where a period has none (no data is never drawn as zero). */
    private static List<String> segments(List<Point> points) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (Point point : points) {
            if (!point.drawn()) {
                if (current.length() > 0) {
                    segments.add(current.toString().trim());
                    current.setLength(0);
                }
                continue;
            }
            current.append(point.x()).append(',').append(point.y()).append(' ');
        }
        if (current.length() > 0) {
            segments.add(current.toString().trim());
        }
        return segments;
    }

    /** Where values and periods land in the drawing. */
    private record Scale(double low, double high, int count) {

        int step() {
            return (WIDTH - LEFT - RIGHT) / Math.max(1, count);
        }

        int x(int index) {
            return LEFT + step() * index + step() / 2;
        }

        int y(BigDecimal value) {
            double share = (value.doubleValue() - low) / (high - low);
            return (int) Math.round(TOP + (1 - share) * (HEIGHT - TOP - BOTTOM));
        }

        /** The zone from {@code level} to the top ({@code upwards}) or to the bottom of the plot, in one column. */
        Band band(String css, int index, BigDecimal level, boolean upwards) {
            int y = Math.max(TOP, Math.min(HEIGHT - BOTTOM, y(level)));
            int left = LEFT + step() * index;
            return upwards ? new Band(css, left, TOP, step(), y - TOP)
                    : new Band(css, left, y, step(), HEIGHT - BOTTOM - y);
        }
    }
}
