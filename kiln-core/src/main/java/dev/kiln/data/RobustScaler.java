package dev.kiln.data;

import java.util.Arrays;

/**
 * Scales each feature with statistics robust to outliers, as scikit-learn's {@code RobustScaler}:
 * {@code x' = (x - median) / (q_hi - q_lo)}, the quantiles by numpy's linear interpolation
 * ({@code percentile}); a zero range becomes 1. With {@code unitVariance} the range is further divided by
 * the same percentile range of N(0, 1), {@code ppf(qHi/100) - ppf(qLo/100)} (1.3489795003921634 for the
 * interquartile range), so normally distributed features end with variance 1. Defaults: withCentering
 * true, withScaling true, quantileRange (25, 75), unitVariance false.
 *
 * <pre>{@code
 * Tensor xr = new RobustScaler().fitTransform(x);
 * Tensor xu = new RobustScaler(true, true, 25, 75, true).fitTransform(x);  // unit_variance=True
 * }</pre>
 */
public final class RobustScaler extends ColumnScaler<RobustScaler> {
    private final boolean withCentering;
    private final boolean withScaling;
    private final double qLo;
    private final double qHi;
    private final boolean unitVariance;
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
        this(withCentering, withScaling, qLo, qHi, false);
    }

    /** scikit-learn's normal IQR, {@code norm.ppf(0.75) - norm.ppf(0.25)}, as scipy computes it. */
    public static final double NORMAL_IQR = 1.3489795003921634;

    /**
     * @param withCentering subtract the median (default true)
     * @param withScaling divide by the quantile range (default true)
     * @param qLo lower percentile, in [0, qHi] (default 25); in (0, qHi) with unitVariance
     * @param qHi upper percentile, in [qLo, 100] (default 75); in (qLo, 100) with unitVariance
     * @param unitVariance also divide the range by N(0, 1)'s range between the same percentiles (default
     *     false); bit-exact for (25, 75), within 1e-14 relative otherwise (the normal quantiles are Kiln's)
     */
    public RobustScaler(boolean withCentering, boolean withScaling, double qLo, double qHi, boolean unitVariance) {
        super("RobustScaler");
        if (!(0 <= qLo && qLo <= qHi && qHi <= 100)) {
            throw new IllegalArgumentException("RobustScaler: invalid quantile range (" + qLo + ", " + qHi
                    + "): expected 0 <= qLo <= qHi <= 100");
        }
        this.withCentering = withCentering;
        this.withScaling = withScaling;
        this.qLo = qLo;
        this.qHi = qHi;
        if (unitVariance && !(0 < qLo && qLo < qHi && qHi < 100)) {
            throw new IllegalArgumentException("RobustScaler: unitVariance needs 0 < qLo < qHi < 100, got quantile"
                    + " range (" + qLo + ", " + qHi + "): the normal range would be infinite or zero");
        }
        this.unitVariance = unitVariance;
    }

    /** {@code norm.ppf(qHi/100) - norm.ppf(qLo/100)}. */
    static double normalRange(double qLo, double qHi) {
        if (qLo == 25.0 && qHi == 75.0) return NORMAL_IQR;
        return NormalQuantile.ppf(qHi / 100.0) - NormalQuantile.ppf(qLo / 100.0);
    }

    @Override
    void fitColumns(double[] d, int n, int f) {
        center = new double[f];
        scale = new double[f];
        double adjust = unitVariance ? normalRange(qLo, qHi) : 1.0;
        for (int j = 0; j < f; j++) {
            double[] c = column(d, n, f, j);
            Arrays.sort(c);
            center[j] = n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
            scale[j] = handleZero(percentile(c, qHi) - percentile(c, qLo));
            if (unitVariance) scale[j] = scale[j] / adjust;
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

    /** The per-feature quantile ranges ({@code scale_}), divided by the normal range with unitVariance. */
    public double[] scale() {
        requireFitted("scale");
        return scale.clone();
    }
}
