package dev.kiln.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * The common part of Kiln's plots: a title, axis labels and a pixel size; subclasses draw the data.
 *
 * <p>Every plot renders to a {@link BufferedImage} (to be combined with {@link Figure#grid}) or saves
 * itself as PNG. Defaults: 800 × 320 pixels, legend inside the top-right corner.
 *
 * @param <P> the concrete plot type, so that the fluent setters keep it
 */
public abstract class Plot<P extends Plot<P>> {
    /** Default width in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default height in pixels. */
    public static final int DEFAULT_HEIGHT = 320;

    /** A palette that stays distinguishable for colour-blind readers (Okabe–Ito). */
    static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0)};

    String title = "";
    String xLabel = "";
    String yLabel = "";
    int width = DEFAULT_WIDTH;
    int height = DEFAULT_HEIGHT;

    Plot() {
        Figure.class.getName(); // makes sure the headless default is in place before AWT loads
    }

    @SuppressWarnings("unchecked")
    private P self() {
        return (P) this;
    }

    /** Sets the title drawn above the plot. */
    public P title(String title) {
        this.title = title == null ? "" : title;
        return self();
    }

    /** Sets the label of the horizontal axis. */
    public P xLabel(String label) {
        this.xLabel = label == null ? "" : label;
        return self();
    }

    /** Sets the label of the vertical axis. */
    public P yLabel(String label) {
        this.yLabel = label == null ? "" : label;
        return self();
    }

    /**
     * Sets the size in pixels.
     *
     * @throws IllegalArgumentException if a side is below 50 pixels
     */
    public P size(int width, int height) {
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": size (" + width + " x " + height
                    + ") must be at least 50 x 50 pixels");
        }
        this.width = width;
        this.height = height;
        return self();
    }

    /** Draws the plot into a new image. */
    public abstract BufferedImage render();

    /** Renders and writes the plot as PNG; returns the file. */
    public Path save(Path file) {
        return Figure.save(render(), file);
    }

    /** Applies the shared look: white background, readable fonts, legend inside the top-right corner. */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendBorderColor(new Color(200, 200, 200));
        s.setChartTitleBoxVisible(false);
        s.setPlotBorderColor(new Color(160, 160, 160));
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setXAxisTickMarkSpacingHint(90);
        s.setYAxisDecimalPattern("0.###");
    }

    /** Tick labels of both numeric axes of an XY chart as {@link #decimals}(3) ("0.###"). */
    static void plainTicks(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(decimals(3));
        chart.setCustomYAxisTickLabelsFormatter(decimals(3));
    }

    /**
     * Tick labels with at most {@code decimals} decimals and no trailing zeros, as the pattern
     * {@code "0.###"} gives them (halves rounded away from zero; never "-0"). Written out rather than
     * left to XChart's {@code DecimalFormat}: it builds a new format for every label it tries, and
     * that pattern parsing alone cost the tutorial's twelve pictures about half a second of JIT time.
     */
    static Function<Double, String> decimals(int decimals) {
        if (decimals < 0 || decimals > 9) {
            throw new IllegalArgumentException("decimals (" + decimals + ") must be in 0..9");
        }
        long scale = 1;
        for (int i = 0; i < decimals; i++) scale *= 10;
        long unit = scale;
        return v -> {
            if (!Double.isFinite(v) || Math.abs(v) * unit >= 0x1p62) return String.valueOf(v);
            long r = Math.round(Math.abs(v) * unit);
            StringBuilder sb = new StringBuilder(12);
            if (v < 0 && r != 0) sb.append('-');
            sb.append(r / unit);
            long frac = r % unit;
            if (frac != 0) {
                int digits = decimals;
                while (frac % 10 == 0) {
                    frac /= 10;
                    digits--;
                }
                String f = Long.toString(frac);
                sb.append('.');
                for (int i = f.length(); i < digits; i++) sb.append('0');
                sb.append(f);
            }
            return sb.toString();
        };
    }

    /** Refuses a series with no points, mismatched lengths or a non-finite value where it would break a chart. */
    static void checkSeries(String plot, String series, double[] x, double[] y) {
        if (y == null || y.length == 0) {
            throw new IllegalArgumentException(plot + ": series '" + series + "' has no values");
        }
        if (x != null && x.length != y.length) {
            throw new IllegalArgumentException(plot + ": series '" + series + "' has " + x.length + " x values but "
                    + y.length + " y values");
        }
    }
}
