package dev.kiln.data;

import java.util.Arrays;

/**
 * Scales each feature with statistics robust to outliers, as scikit-learn's {@code RobustScaler}:
 * {@code x' = (x - median) / (q_hi - q_lo)}, the quantiles by numpy's linear interpolation
 * ({@code percentile}); a zero range becomes 1. Defaults: withCentering true, withScaling true,
 * quantileRange (25, 75). ({@code unit_variance} is not provided.)
 *
 * <pre>{@code
 * Tensor xr = new RobustScaler().fitTransform(x);
 * }</pre>
 */
public final class RobustScaler extends ColumnScaler<RobustScaler> {
    private final boolean withCentering;
    private final boolean withScaling;
    private final double qLo;
    private final double qHi;
    private double[] center;
    private double[] scale;

    /** A scaler with centering, scaling and the interquartile range. */
    public RobustScaler() {
        this(true, true, 25.0, 75.0);
    }

    /**
     * @param withCentering subtract the median (default true)
     * @param withScaling divide by the quantile range (default true)
     * @param qLo lower percentile, in [0, qHi] (default 25)
     * @param qHi upper percentile, in [qLo, 100] (default 75)
     */
    public RobustScaler(boolean withCentering, boolean withScaling, double qLo, double qHi) {
        super("RobustScaler");
        if (!(0 <= qLo && qLo <= qHi && qHi <= 100)) {
            throw new IllegalArgumentException("RobustScaler: invalid quantile range (" + qLo + ", " + qHi
                    + "): expected 0 <= qLo <= qHi <= 100");
        }
        this.withCentering = withCentering;
        this.withScaling = withScaling;
        this.qLo = qLo;
        this.qHi = qHi;
    }

    @Override
    void fitColumns(double[] d, int n, int f) {
        center = new double[f];
        scale = new double[f];
        for (int j = 0; j < f; j++) {
            double[] c = column(d, n, f, j);
            Arrays.sort(c);
            center[j] = n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
            scale[j] = handleZero(percentile(c, qHi) - percentile(c, qLo));
        }
    }

    /** numpy's {@code percentile(a, q)} ("linear") on sorted values, with its symmetric lerp. */
    static double percentile(double[] sorted, double q) {
        double index = q / 100 * (sorted.length - 1);
        int below = (int) Math.floor(index);
        int above = Math.min(below + 1, sorted.length - 1);
        double t = index - below;
        double a = sorted[below];
        double b = sorted[above];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    @Override
    double forward(int j, double v) {
        if (withCentering) v = v - center[j];
        if (withScaling) v = v / scale[j];
        return v;
    }

    @Override
    double backward(int j, double v) {
        if (withScaling) v = v * scale[j];
        if (withCentering) v = v + center[j];
        return v;
    }

    /** The per-feature medians ({@code center_}). */
    public double[] center() {
        requireFitted("center");
        return center.clone();
    }

    /** The per-feature quantile ranges ({@code scale_}). */
    public double[] scale() {
        requireFitted("scale");
        return scale.clone();
    }
}
