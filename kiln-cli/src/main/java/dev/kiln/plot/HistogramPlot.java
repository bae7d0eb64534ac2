package dev.kiln.plot;

import java.awt.image.BufferedImage;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A histogram of one sample: {@code bins} equal-width bins between the smallest and the largest value,
 * drawn as filled steps on a numeric axis.
 *
 * <p>Default 30 bins. Non-finite values are refused (a histogram of them means nothing).
 *
 * <pre>{@code
 * new HistogramPlot().title("regression target").xLabel("y").values(y).bins(40).save(Path.of("y.png"));
 * }</pre>
 */
public final class HistogramPlot extends Plot<HistogramPlot> {
    /** Default number of bins. */
    public static final int DEFAULT_BINS = 30;

    private double[] values;
    private int bins = DEFAULT_BINS;

    /** A histogram with the y axis labelled "count". */
    public HistogramPlot() {
        yLabel("count");
    }

    /**
     * Sets the sample.
     *
     * @throws IllegalArgumentException if it is empty or holds NaN or infinity
     */
    public HistogramPlot values(double[] values) {
        checkSeries("HistogramPlot", "values", null, values);
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("HistogramPlot: values[" + i + "] is " + values[i]
                        + "; expected finite numbers");
            }
        }
        this.values = values.clone();
        return this;
    }

    /** Sets the number of bins (&gt;= 1). */
    public HistogramPlot bins(int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("HistogramPlot: bins (" + bins + ") must be >= 1");
        }
        this.bins = bins;
        return this;
    }

    /** The counts per bin, the last bin closed on the right as numpy.histogram does. */
    static int[] counts(double[] values, int bins, double lo, double hi) {
        int[] counts = new int[bins];
        double w = (hi - lo) / bins;
        for (double v : values) {
            int b = w == 0 ? 0 : (int) Math.floor((v - lo) / w);
            counts[Math.min(Math.max(b, 0), bins - 1)]++;
        }
        return counts;
    }

    @Override
    public BufferedImage render() {
        if (values == null) {
            throw new IllegalStateException("HistogramPlot '" + title + "': call values(...) before render()");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        if (hi == lo) {
            lo -= 0.5;
            hi += 0.5;
        }
        int[] c = counts(values, bins, lo, hi);
        // A step line over the bin edges: edge i carries the count of bin i, the last edge repeats it.
        double[] x = new double[bins + 1];
        double[] y = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            x[i] = lo + (hi - lo) * i / bins;
            y[i] = c[Math.min(i, bins - 1)];
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.setCustomXAxisTickLabelsFormatter(decimals(2));
        chart.setCustomYAxisTickLabelsFormatter(decimals(0));
        XYSeries s = chart.addSeries("count", x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        s.setMarker(SeriesMarkers.NONE);
        return BitmapEncoder.getBufferedImage(chart);
    }
}
