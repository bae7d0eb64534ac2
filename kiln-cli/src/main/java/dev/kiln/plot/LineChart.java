package dev.kiln.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Lines of y against x, one per named series, optionally on logarithmic axes.
 *
 * <p>Non-finite values (a diverged loss) are drawn as gaps instead of breaking the axis scale.
 *
 * <pre>{@code
 * new LineChart().title("Test MSE").xLabel("strength").yLabel("MSE").logX(true)
 *     .series("L1", strengths, l1Mse).series("L2", strengths, l2Mse).save(Path.of("mse.png"));
 * }</pre>
 */
public final class LineChart extends Plot<LineChart> {
    private record Series(String name, double[] x, double[] y, boolean markers) {
    }

    private final List<Series> series = new ArrayList<>();
    private boolean logX;
    private boolean logY;
    private boolean legendBottom;

    /** Adds a line through the points (x[i], y[i]) with a marker on each point. */
    public LineChart series(String name, double[] x, double[] y) {
        return series(name, x, y, true);
    }

    /**
     * Adds a line through the points (x[i], y[i]).
     *
     * @throws IllegalArgumentException if y is empty or x and y differ in length
     */
    public LineChart series(String name, double[] x, double[] y, boolean markers) {
        checkSeries("LineChart", name, x, y);
        series.add(new Series(name, x.clone(), y.clone(), markers));
        return this;
    }

    /** Plots x on a logarithmic scale (all x must then be &gt; 0). */
    public LineChart logX(boolean logX) {
        this.logX = logX;
        return this;
    }

    /** Puts the legend inside the bottom-right corner instead of the top-right (for rising curves). */
    public LineChart legendBottom(boolean bottom) {
        this.legendBottom = bottom;
        return this;
    }

    /** Plots y on a logarithmic scale (values &lt;= 0 are then dropped as gaps). */
    public LineChart logY(boolean logY) {
        this.logY = logY;
        return this;
    }

    @Override
    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("LineChart '" + title + "': add at least one series before render()");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setXAxisLogarithmic(logX);
        chart.getStyler().setYAxisLogarithmic(logY);
        if (legendBottom) {
            chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideSE);
        }
        if (logY) {
            chart.getStyler().setYAxisDecimalPattern("0.##E0");
        } else {
            chart.setCustomYAxisTickLabelsFormatter(decimals(3));
        }
        if (!logX) {
            chart.setCustomXAxisTickLabelsFormatter(decimals(3));
        }
        // XChart puts a tick on nearly every integer x (epochs); a dozen labels are readable.
        chart.getStyler().setXAxisMaxLabelCount(12);
        for (Series s : series) {
            if (logX) {
                for (double v : s.x) {
                    if (!(v > 0)) {
                        throw new IllegalArgumentException("LineChart '" + title + "': logarithmic x needs x > 0, "
                                + "series '" + s.name + "' has " + v);
                    }
                }
            }
            XYSeries xy = chart.addSeries(s.name, s.x, gaps(s.y, logY));
            xy.setMarker(s.markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** Replaces values a chart cannot place (infinite, or &lt;= 0 on a log axis) by NaN, which XChart draws as a gap. */
    static double[] gaps(double[] y, boolean log) {
        double[] out = y.clone();
        boolean any = false;
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i]) || (log && out[i] <= 0)) {
                out[i] = Double.NaN;
            } else {
                any = true;
            }
        }
        if (!any) {
            // A series of only gaps would leave XChart without an axis range: draw it flat at 0 instead.
            java.util.Arrays.fill(out, log ? 1 : 0);
        }
        return out;
    }
}
