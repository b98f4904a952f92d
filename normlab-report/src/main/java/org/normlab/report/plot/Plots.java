package org.normlab.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.normlab.data.NormlabException;

/**
 * Draws {@link Figure}s with JFreeChart in the report's look and writes them as SVG (JFreeSVG) or
 * PNG, chosen by the file's extension. Files are written atomically (a temporary file moved into
 * place). SVG output is the same bytes for the same figure; PNG depends on the fonts installed.
 * Runs headless. Stateless and thread safe.
 */
public final class Plots {
    /** Size of a written figure in pixels (SVG user units). */
    public static final int WIDTH = 800;

    public static final int HEIGHT = 480;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // rotated text (the y-axis title) drawn as text, not glyph outlines, so an SVG's titles can be read and
        // searched
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Plots() {}

    /** Checks that {@code file} ends in .svg or .png (before anything is computed). */
    public static void checkFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".svg") && !name.endsWith(".png")) {
            throw new NormlabException("--plot " + file + ": the file must end in .svg or .png");
        }
    }

    /** Writes the figure to {@code file} (.svg or .png). */
    public static Path write(Figure figure, Path file) {
        checkFile(file);
        JFreeChart chart = chart(figure);
        byte[] bytes;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            SVGGraphics2D g = new SVGGraphics2D(WIDTH, height(figure));
            // a fixed prefix for the SVG's definition ids, so the same figure gives the same file
            g.setDefsKeyPrefix("normlab");
            chart.draw(g, new Rectangle(0, 0, WIDTH, height(figure)));
            bytes = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ChartUtils.writeChartAsPNG(out, chart, WIDTH, height(figure));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bytes = out.toByteArray();
        }
        try {
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Path tmp = Files.createTempFile(abs.getParent(), ".normlab-plot", ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new NormlabException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** Height of a written figure: {@link #HEIGHT}, taller for bar charts with many bars so each stays legible. */
    public static int height(Figure figure) {
        return Math.max(HEIGHT, 120 + 12 * figure.bars().size());
    }

    /** The chart of a figure, styled as the report. */
    public static JFreeChart chart(Figure f) {
        JFreeChart chart = f.bars().isEmpty() ? xy(f) : bars(f);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setTitle(new TextTitle(f.title(), new Font(Font.SANS_SERIF, Font.BOLD, 15)));
        chart.getTitle().setPaint(Palette.INK);
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
        }
        return chart;
    }

    private static JFreeChart xy(Figure f) {
        XYPlot plot = new XYPlot();
        NumberAxis x = new NumberAxis(f.xLabel());
        x.setAutoRangeIncludesZero(false);
        if (f.xLabel().toLowerCase(Locale.ROOT).contains("year")) {
            x.setNumberFormatOverride(
                    new java.text.DecimalFormat("0", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)));
            x.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        }
        NumberAxis y = new NumberAxis(f.yLabel());
        y.setAutoRangeIncludesZero(true);
        style(x);
        style(y);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        int index = 0;
        XYSeriesCollection lines = new XYSeriesCollection();
        XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < f.lines().size(); i++) {
            Figure.Line l = f.lines().get(i);
            XYSeries s = new XYSeries(l.name(), false, true);
            for (int k = 0; k < l.x().length; k++) {
                s.add(l.x()[k], Double.isNaN(l.y()[k]) ? null : l.y()[k]);
            }
            lines.addSeries(s);
            lr.setSeriesPaint(i, l.colour());
            lr.setSeriesShapesVisible(i, l.points());
            lr.setSeriesStroke(
                    i,
                    l.dashed()
                            ? new BasicStroke(
                                    2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                            : new BasicStroke(2f));
        }
        if (f.diagonal()) {
            XYSeries d = new XYSeries("perfect calibration", false, true);
            double max = 0;
            for (Figure.Line l : f.lines()) {
                for (int k = 0; k < l.x().length; k++) {
                    max = Math.max(max, Math.max(l.x()[k], Double.isNaN(l.y()[k]) ? 0 : l.y()[k]));
                }
            }
            d.add(0, 0);
            d.add(max, max);
            lines.addSeries(d);
            int k = lines.getSeriesCount() - 1;
            lr.setSeriesPaint(k, Palette.STATES);
            lr.setSeriesShapesVisible(k, false);
            lr.setSeriesStroke(
                    k, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {3f, 3f}, 0f));
        }
        plot.setDataset(index, lines);
        plot.setRenderer(index, lr);
        index++;
        if (!f.bands().isEmpty()) {
            YIntervalSeriesCollection bands = new YIntervalSeriesCollection();
            DeviationRenderer br = new DeviationRenderer(false, false);
            for (int i = 0; i < f.bands().size(); i++) {
                Figure.Band b = f.bands().get(i);
                YIntervalSeries s = new YIntervalSeries(b.name(), false, true);
                for (int k = 0; k < b.x().length; k++) {
                    s.add(b.x()[k], (b.lower()[k] + b.upper()[k]) / 2, b.lower()[k], b.upper()[k]);
                }
                bands.addSeries(s);
                br.setSeriesPaint(i, b.colour());
                br.setSeriesFillPaint(i, b.colour());
                br.setSeriesStroke(i, new BasicStroke(0f));
            }
            br.setAlpha(0.18f);
            plot.setDataset(index, bands);
            plot.setRenderer(index, br);
        }
        if (!f.columns().isEmpty()) {
            index++;
            XYSeriesCollection columns = new XYSeriesCollection();
            org.jfree.chart.renderer.xy.XYBarRenderer cr = new org.jfree.chart.renderer.xy.XYBarRenderer(0.1);
            cr.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
            cr.setShadowVisible(false);
            for (int i = 0; i < f.columns().size(); i++) {
                Figure.Line c = f.columns().get(i);
                XYSeries s = new XYSeries(c.name(), false, true);
                for (int k = 0; k < c.x().length; k++) {
                    s.add(c.x()[k], Double.isNaN(c.y()[k]) ? null : c.y()[k]);
                }
                columns.addSeries(s);
                cr.setSeriesPaint(i, c.colour());
            }
            plot.setDataset(index, columns);
            plot.setRenderer(index, cr);
        }
        // vertical bars (the last dataset) go underneath the lines drawn over them
        plot.setDatasetRenderingOrder(
                f.columns().isEmpty()
                        ? org.jfree.chart.plot.DatasetRenderingOrder.FORWARD
                        : org.jfree.chart.plot.DatasetRenderingOrder.REVERSE);
        styled(plot);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }

    private static JFreeChart bars(Figure f) {
        boolean grouped = f.bars().stream().anyMatch(b -> !b.series().isEmpty());
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        java.util.Map<String, java.awt.Paint> colours = new java.util.LinkedHashMap<>();
        for (Figure.Bar b : f.bars()) {
            String series = grouped ? b.series() : f.xLabel();
            data.addValue(b.value(), series, b.category());
            colours.putIfAbsent(series, b.colour());
        }
        CategoryAxis cat = new CategoryAxis(f.yLabel());
        NumberAxis val = new NumberAxis(f.xLabel());
        style(val);
        cat.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        cat.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        cat.setLabelPaint(Palette.MUTED);
        cat.setTickLabelPaint(Palette.INK);
        cat.setCategoryMargin(grouped ? 0.25 : 0.2);
        BarRenderer r = grouped
                ? new BarRenderer()
                : new BarRenderer() {
                    private static final long serialVersionUID = 1L;

                    @Override
                    public java.awt.Paint getItemPaint(int row, int column) {
                        return f.bars().get(column).colour();
                    }
                };
        if (grouped) {
            int row = 0;
            for (java.awt.Paint p : colours.values()) {
                r.setSeriesPaint(row++, p);
            }
            r.setItemMargin(0.02);
        }
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        CategoryPlot plot = new CategoryPlot(data, cat, val, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Palette.RULE);
        plot.setOutlineVisible(false);
        // the zero line: contributions left of it lower the hazard, right of it raise it
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Palette.INK);
        return new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, grouped);
    }

    private static void style(NumberAxis a) {
        if (a.getNumberFormatOverride() == null) {
            // tick labels with a decimal point in every locale (the default tick units use the machine's)
            a.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        }
        a.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        a.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        a.setLabelPaint(Palette.MUTED);
        a.setTickLabelPaint(Palette.INK);
        a.setAxisLinePaint(Palette.RULE);
    }

    private static void styled(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Palette.RULE);
        plot.setRangeGridlinePaint(Palette.RULE);
        plot.setOutlineVisible(false);
    }
}
