package dev.kiln.data;

/**
 * Scales each feature to a range, as scikit-learn's {@code MinMaxScaler}:
 * {@code scale = (hi - lo) / (max - min)}, {@code min = lo - dataMin * scale}, {@code x' = x * scale + min}
 * (a constant feature gets range 1). Defaults: featureRange (0, 1), clip false.
 *
 * <pre>{@code
 * Tensor x01 = new MinMaxScaler().fitTransform(x);
 * }</pre>
 */
public final class MinMaxScaler extends ColumnScaler<MinMaxScaler> {
    private final double lo;
    private final double hi;
    private final boolean clip;
    private double[] dataMin;
    private double[] dataMax;
    private double[] scale;
    private double[] min;

    /** A scaler to [0, 1]. */
    public MinMaxScaler() {
        this(0.0, 1.0, false);
    }

    /**
     * @param lo lower end of the feature range (default 0)
     * @param hi upper end, > lo (default 1)
     * @param clip clip transformed values to [lo, hi] (default false)
     */
    public MinMaxScaler(double lo, double hi, boolean clip) {
        super("MinMaxScaler");
        if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("MinMaxScaler: minimum of desired feature range must be smaller than"
                    + " maximum, both finite. Got (" + lo + ", " + hi + ")");
        }
        this.lo = lo;
        this.hi = hi;
        this.clip = clip;
    }

    @Override
    void fitColumns(double[] d, int n, int f) {
        dataMin = new double[f];
        dataMax = new double[f];
        scale = new double[f];
        min = new double[f];
        for (int j = 0; j < f; j++) {
            double a = Double.POSITIVE_INFINITY;
            double b = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                a = Math.min(a, d[i * f + j]);
                b = Math.max(b, d[i * f + j]);
            }
            dataMin[j] = a;
            dataMax[j] = b;
            scale[j] = (hi - lo) / handleZero(b - a);
            min[j] = lo - a * scale[j];
        }
    }

    @Override
    double forward(int j, double v) {
        double r = v * scale[j] + min[j];
        return clip ? Math.min(hi, Math.max(lo, r)) : r;
    }

    @Override
    double backward(int j, double v) {
        return (v - min[j]) / scale[j];
    }

    /** The per-feature minimum seen by fit ({@code data_min_}). */
    public double[] dataMin() {
        requireFitted("dataMin");
        return dataMin.clone();
    }

    /** The per-feature maximum seen by fit ({@code data_max_}). */
    public double[] dataMax() {
        requireFitted("dataMax");
        return dataMax.clone();
    }

    /** The per-feature factor ({@code scale_}). */
    public double[] scale() {
        requireFitted("scale");
        return scale.clone();
    }

    /** The per-feature offset ({@code min_}). */
    public double[] min() {
        requireFitted("min");
        return min.clone();
    }
}
