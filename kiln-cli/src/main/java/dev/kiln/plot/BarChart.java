package dev.kiln.plot;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Bars of one or more named series over shared categories (for instance the 20 weights of a linear
 * model, one series per kind of feature).
 *
 * <p>Series are overlapped, so a series can hold 0 where another one has its bar (informative versus
 * irrelevant features in distinct colours). Default size 800 × 320.
 *
 * <pre>{@code
 * new BarChart().title("L1 0.1").categories(names).series("weight", w).save(Path.of("w.png"));
 * }</pre>
 */
public final class BarChart extends Plot<BarChart> {
    private record Series(String name, double[] values) {
    }

    private List<String> categories;
    private final List<Series> series = new ArrayList<>();
    private Double yMin;
    private Double yMax;

    /** Sets the category labels, one per bar position. */
    public BarChart categories(List<String> labels) {
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("BarChart: expected at least one category, got none");
        }
        this.categories = List.copyOf(labels);
        return this;
    }

    /**
     * Adds a series with one value per category.
     *
     * @throws IllegalStateException if categories are not set yet
     * @throws IllegalArgumentException if the length differs from the number of categories or a value is not finite
     */
    public BarChart series(String name, double[] values) {
        if (categories == null) {
            throw new IllegalStateException("BarChart: call categories(...) before series('" + name + "')");
        }
        if (values.length != categories.size()) {
            throw new IllegalArgumentException("BarChart: series '" + name + "' has " + values.length
                    + " values for " + categories.size() + " categories");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("BarChart: series '" + name + "' value " + i + " is "
                        + values[i] + "; expected a finite number");
            }
        }
        series.add(new Series(name, values.clone()));
        return this;
    }

    /** Fixes the y range (so several bar charts share one scale). */
    public BarChart yRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("BarChart: yRange min (" + min + ") must be < max (" + max + ")");
        }
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    @Override
    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new IllegalStateException("BarChart '" + title + "': add at least one series before render()");
        }
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(true);
        // Bars fill the whole width: the legend goes below the plot so it hides none of them.
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(org.knowm.xchart.style.Styler.LegendLayout.Horizontal);
        chart.getStyler().setAvailableSpaceFill(0.8);
        if (yMin != null) {
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
        }
        for (Series s : series) {
            List<Double> v = new ArrayList<>(s.values.length);
            for (double d : s.values) {
                v.add(d);
            }
            chart.addSeries(s.name, categories, v);
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
