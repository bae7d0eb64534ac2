package dev.kiln.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Two-dimensional points coloured by class, one legend entry per class ("class 0", "class 1", …).
 *
 * <p>Default size 800 × 320; a square size such as 480 × 480 keeps circles round.
 *
 * <pre>{@code
 * new ScatterPlot().title("circles").points(x0, x1, labels).size(480, 480).save(Path.of("circles.png"));
 * }</pre>
 */
public final class ScatterPlot extends Plot<ScatterPlot> {
    private double[] xs;
    private double[] ys;
    private int[] classes;
    private int markerSize = 5;

    /**
     * Sets the points (x[i], y[i]) and the class of each; classes may be any integers.
     *
     * @throws IllegalArgumentException if the three arrays differ in length or are empty
     */
    public ScatterPlot points(double[] x, double[] y, int[] classes) {
        checkSeries("ScatterPlot", "points", x, y);
        if (classes.length != x.length) {
            throw new IllegalArgumentException("ScatterPlot: " + x.length + " points but " + classes.length
                    + " class labels");
        }
        this.xs = x.clone();
        this.ys = y.clone();
        this.classes = classes.clone();
        return this;
    }

    /**
     * Sets the points from the first two columns of a row-major (n, d) array, d &gt;= 2.
     *
     * @throws IllegalArgumentException if data.length != n * d, d &lt; 2, or classes has another length than n
     */
    public ScatterPlot points(double[] data, int d, int[] classes) {
        if (d < 2 || data.length % d != 0) {
            throw new IllegalArgumentException("ScatterPlot: expected (n, d >= 2) row-major data, got "
                    + data.length + " values with d = " + d);
        }
        int n = data.length / d;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = data[i * d];
            y[i] = data[i * d + 1];
        }
        return points(x, y, classes);
    }

    /** Sets the marker diameter in pixels (default 5). */
    public ScatterPlot markerSize(int pixels) {
        if (pixels < 1) {
            throw new IllegalArgumentException("ScatterPlot: markerSize (" + pixels + ") must be >= 1");
        }
        this.markerSize = pixels;
        return this;
    }

    @Override
    public BufferedImage render() {
        if (xs == null) {
            throw new IllegalStateException("ScatterPlot '" + title + "': call points(...) before render()");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(markerSize);
        plainTicks(chart);
        TreeMap<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < classes.length; i++) {
            byClass.computeIfAbsent(classes[i], k -> new ArrayList<>()).add(i);
        }
        for (var e : byClass.entrySet()) {
            List<Integer> idx = e.getValue();
            double[] x = new double[idx.size()];
            double[] y = new double[idx.size()];
            for (int j = 0; j < x.length; j++) {
                x[j] = xs[idx.get(j)];
                y[j] = ys[idx.get(j)];
            }
            chart.addSeries("class " + e.getKey(), x, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
