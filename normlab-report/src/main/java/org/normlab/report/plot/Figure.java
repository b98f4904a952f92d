package org.normlab.report.plot;

import java.awt.Color;
import java.util.List;
import java.util.Objects;

/**
 * What a chart shows, independent of how it is drawn: lines and shaded bands over x, or horizontal
 * bars by category. Immutable.
 *
 * @param title   heading
 * @param xLabel  x-axis label (the value axis for bars)
 * @param yLabel  y-axis label
 * @param lines   lines, drawn over the bands
 * @param bands   shaded ranges (e.g. the 5-95 % band of an ensemble)
 * @param bars    horizontal bars (contributions), or empty
 * @param diagonal whether to draw the line y = x (calibration plots)
 * @param columns  vertical bars over x (counts per year), drawn under the lines, or empty
 */
public record Figure(
        String title,
        String xLabel,
        String yLabel,
        List<Line> lines,
        List<Band> bands,
        List<Bar> bars,
        boolean diagonal,
        List<Line> columns) {
    public Figure {
        Objects.requireNonNull(title, "title");
        lines = List.copyOf(lines);
        bands = List.copyOf(bands);
        bars = List.copyOf(bars);
        columns = List.copyOf(columns);
    }

    /** A figure without vertical bars. */
    public Figure(
            String title,
            String xLabel,
            String yLabel,
            List<Line> lines,
            List<Band> bands,
            List<Bar> bars,
            boolean diagonal) {
        this(title, xLabel, yLabel, lines, bands, bars, diagonal, List.of());
    }

    /** A line through points; NaN y values leave a gap. */
    public record Line(String name, Color colour, double[] x, double[] y, boolean dashed, boolean points) {
        public Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException("line " + name + ": x and y differ in length");
            }
        }
    }

    /** A shaded range between lower and upper. */
    public record Band(String name, Color colour, double[] x, double[] lower, double[] upper) {}

    /**
     * One horizontal bar; bars of several series (non-empty {@code series}) are grouped by
     * category and named in a legend.
     */
    public record Bar(String category, double value, Color colour, String series) {
        /** A bar of a chart with one series. */
        public Bar(String category, double value, Color colour) {
            this(category, value, colour, "");
        }
    }
}
