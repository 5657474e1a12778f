package io.kerasish.utils;

import io.kerasish.InvalidConfigException;
import io.kerasish.InvalidFileException;
import io.kerasish.models.History;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Training curves and other line charts as PNG files (drawn with XChart), for what matplotlib does in Keras
 * tutorials:
 *
 * <pre>{@code
 * History h = model.fit(x, y, epochs(100), validationSplit(0.2));
 * Plots.history(h, Path.of("curves.png"));            // loss and every metric, training vs validation
 * Plots.lines("Validation loss", "epoch", "val_loss",  // any series against the epoch (1, 2, ...)
 *         Map.of("small", small.get("val_loss"), "big", big.get("val_loss")), Path.of("compare.png"));
 * Plots.scatter("Word vectors (PCA)", "PC 1", "PC 2",  // points, each with its label written above it
 *         xs, ys, List.of("alice", "queen", ...), Path.of("words.png"));
 * }</pre>
 *
 * {@link #scatter} draws points without lines: labelled points (word vectors in a plane), or named groups of them
 * (trials of a search in their hyperparameter plane, labelled with their score).
 * Files are written to a temporary file and renamed, so a failed plot never leaves a broken image.
 */
public final class Plots {
    private static final int WIDTH = 640;
    private static final int HEIGHT = 420;
    private static final int SCATTER_WIDTH = 900; // larger, so that many labels stay readable
    private static final int SCATTER_HEIGHT = 700;

    private Plots() {
    }

    /**
     * One panel per quantity of a {@link History}: {@code loss}, then each metric, each with its {@code val_}
     * curve when there is one (as Keras tutorials plot {@code history.history}). Keys such as {@code lr} are drawn
     * too.
     */
    public static void history(History history, Path png) {
        Map<String, List<Double>> h = history.history();
        if (h.isEmpty()) {
            throw new InvalidConfigException("Plots.history: the History is empty; plot it after fit has run");
        }
        List<XYChart> charts = new ArrayList<>();
        for (String key : h.keySet()) {
            if (key.startsWith("val_") && h.containsKey(key.substring(4))) {
                continue; // drawn with its training curve
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put(key, h.get(key));
            if (h.containsKey("val_" + key)) {
                series.put("val_" + key, h.get("val_" + key));
            }
            charts.add(chart(key, "epoch", key, series));
        }
        write(charts, png);
    }

    /** The named keys of a History in one chart, e.g. {@code history(h, png, "loss", "val_loss")}. */
    public static void history(History history, Path png, String... keys) {
        Map<String, List<Double>> series = new LinkedHashMap<>();
        for (String k : keys) {
            List<Double> values = history.history().get(k);
            if (values == null) {
                throw new InvalidConfigException("Plots.history: the History has no '" + k + "'; it has "
                        + history.history().keySet());
            }
            series.put(k, values);
        }
        write(List.of(chart(String.join(", ", keys), "epoch", keys.length == 1 ? keys[0] : "", series)), png);
    }

    /**
     * Named series against their position (epoch 1, 2, ...), in one chart: comparisons of runs, optimizers or
     * models. Series may differ in length (a run stopped early).
     */
    public static void lines(String title, String xLabel, String yLabel, Map<String, List<Double>> series, Path png) {
        lines(title, xLabel, yLabel, series, png, false);
    }

    /**
     * As {@link #lines(String, String, String, Map, Path)}, with a logarithmic y axis when {@code logY}: losses that
     * start in the hundreds and end near 1 stay readable.
     */
    public static void lines(String title, String xLabel, String yLabel, Map<String, List<Double>> series, Path png,
            boolean logY) {
        XYChart chart = chart(title, xLabel, yLabel, series);
        if (logY) {
            for (List<Double> values : series.values()) {
                if (values.stream().anyMatch(v -> v != null && v <= 0)) {
                    throw new InvalidConfigException("Plots: '" + title + "' has values <= 0, which a logarithmic "
                            + "axis cannot show");
                }
            }
            chart.getStyler().setYAxisLogarithmic(true);
        }
        write(List.of(chart), png);
    }

    /** One point of a {@link #scatter} plot; {@code label} (may be null) is written beside it. */
    public record Point(double x, double y, String label) {
    }

    /**
     * Named groups of points, each group in its own colour and marker, without lines: results of trials in a
     * plane, e.g. hyperparameter settings labelled with their score. Logarithmic axes when {@code logX} /
     * {@code logY} (the values must then be > 0).
     */
    public static void scatter(String title, String xLabel, String yLabel, Map<String, List<Point>> series, Path png,
            boolean logX, boolean logY) {
        if (series.isEmpty()) {
            throw new InvalidConfigException("Plots: '" + title + "' has no series to draw");
        }
        XYChart chart = new XYChartBuilder().width(SCATTER_WIDTH).height(SCATTER_HEIGHT).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart);
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE); // never over a point
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisDecimalPattern("#,##0.####");
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        List<Point> all = new ArrayList<>();
        series.forEach((name, points) -> {
            if (points == null || points.isEmpty()) {
                throw new InvalidConfigException("Plots: series '" + name + "' of '" + title + "' is empty");
            }
            for (Point p : points) {
                if (!Double.isFinite(p.x()) || !Double.isFinite(p.y()) || logX && p.x() <= 0 || logY && p.y() <= 0) {
                    throw new InvalidConfigException("Plots: '" + title + "' cannot place point (" + p.x() + ", "
                            + p.y() + ") of series '" + name + "'" + (logX || logY ? " on a logarithmic axis" : ""));
                }
            }
            all.addAll(points);
            chart.addSeries(name, points.stream().mapToDouble(Point::x).toArray(),
                    points.stream().mapToDouble(Point::y).toArray());
        });
        // margins, so that points on the edge of the data are not cut by the frame, and room for the labels above
        double[] x = range(all.stream().mapToDouble(Point::x).toArray(), logX);
        double[] y = range(all.stream().mapToDouble(Point::y).toArray(), logY);
        chart.getStyler().setXAxisMin(x[0]).setXAxisMax(x[1]);
        chart.getStyler().setYAxisMin(y[0]).setYAxisMax(y[1]);
        for (Point p : all) {
            if (p.label() != null) { // centred 4% of the axis above its point
                double up = logY ? p.y() * Math.pow(y[1] / y[0], 0.045) : p.y() + 0.045 * (y[1] - y[0]);
                chart.addAnnotation(new AnnotationText(p.label(), p.x(), up, false));
            }
        }
        write(List.of(chart), png);
    }

    /**
     * Points {@code (x[i], y[i])} in one group, each labelled with {@code labels.get(i)} written just above it
     * (matplotlib's {@code scatter} plus {@code annotate}), e.g. word vectors projected to two dimensions; labels
     * may be null (the list, or single labels) for unlabelled points.
     *
     * @throws InvalidConfigException if there are no points, the arrays differ in length, a coordinate is NaN or
     *     infinite, or there is not one label per point
     */
    public static void scatter(String title, String xLabel, String yLabel, double[] x, double[] y, List<String> labels,
            Path png) {
        if (x == null || y == null || x.length == 0) {
            throw new InvalidConfigException("Plots.scatter: '" + title + "' has no points to draw");
        }
        if (x.length != y.length) {
            throw new InvalidConfigException("Plots.scatter: '" + title + "' has " + x.length + " x values but "
                    + y.length + " y values; give one of each per point");
        }
        if (labels != null && labels.size() != x.length) {
            throw new InvalidConfigException("Plots.scatter: '" + title + "' has " + x.length + " points but "
                    + labels.size() + " labels; give one label per point (or null for none)");
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            String label = labels == null ? null : labels.get(i);
            points.add(new Point(x[i], y[i], label == null || label.isEmpty() ? null : label));
        }
        scatter(title, xLabel, yLabel, Map.of(title.isEmpty() ? "points" : title, points), png, false, false);
    }

    /**
     * Where the legend hides the least: curves that end in the upper half of the chart (accuracies rising to the
     * right) leave the lower right corner free, the others (falling losses) the upper right.
     */
    static Styler.LegendPosition legendPosition(Map<String, List<Double>> series) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (List<Double> values : series.values()) {
            for (Double v : values) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        int high = 0;
        int ends = 0;
        for (List<Double> values : series.values()) {
            Double last = values.isEmpty() ? null : values.get(values.size() - 1);
            if (last != null && Double.isFinite(last)) {
                ends++;
                high += last > (lo + hi) / 2 ? 1 : 0;
            }
        }
        return hi > lo && high * 2 > ends ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE;
    }

    /** The axis range for these values: their extent plus 7% on each side (measured in decades on a log axis). */
    private static double[] range(double[] values, boolean log) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            double t = log ? Math.log10(v) : v;
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        double pad = hi > lo ? 0.07 * (hi - lo) : Math.max(Math.abs(lo) * 0.1, log ? 0.1 : 1);
        lo -= pad;
        hi += pad;
        return log ? new double[] {Math.pow(10, lo), Math.pow(10, hi)} : new double[] {lo, hi};
    }

    private static void style(XYChart chart) {
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setYAxisDecimalPattern("#,##0.####"); // not 17 digits when the range is one point
    }

    static XYChart chart(String title, String xLabel, String yLabel, Map<String, List<Double>> series) {
        if (series.isEmpty()) {
            throw new InvalidConfigException("Plots: '" + title + "' has no series to draw");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart);
        chart.getStyler().setLegendPosition(legendPosition(series));
        chart.getStyler().setXAxisDecimalPattern("0");
        series.forEach((name, values) -> {
            if (values == null || values.isEmpty()) {
                throw new InvalidConfigException("Plots: series '" + name + "' of '" + title + "' is empty");
            }
            double[] x = new double[values.size()];
            double[] y = new double[values.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                Double v = values.get(i);
                y[i] = v == null || !Double.isFinite(v) ? Double.NaN : v; // NaN leaves a gap
            }
            XYSeries s = chart.addSeries(name, x, y);
            s.setMarker(values.size() > 30 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    private static void write(List<XYChart> charts, Path png) {
        if (!png.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new InvalidConfigException("Plots write PNG files: name the file *.png, got " + png);
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // servers and CI have no display
        }
        Path target = png.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            BufferedImage image = grid(charts);
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original failure matters
                }
            }
            if (e instanceof InvalidConfigException ice) {
                throw ice;
            }
            throw new InvalidFileException(png, "cannot write the plot: " + e, e);
        }
    }

    /** The charts side by side, two per row. */
    private static BufferedImage grid(List<XYChart> charts) {
        int cols = Math.min(2, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        int width = charts.get(0).getWidth();
        int height = charts.get(0).getHeight();
        BufferedImage out = new BufferedImage(cols * width, rows * height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), (i % cols) * width, (i / cols) * height, null);
        }
        g.dispose();
        return out;
    }
}
