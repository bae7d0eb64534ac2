package dev.kiln.data;

/**
 * Standardizes each feature to zero mean and unit variance, as scikit-learn's {@code StandardScaler}:
 * {@code z = (x - mean) / scale} with {@code scale = sqrt(var)}, the population variance (numpy's
 * {@code ddof=0}); a constant feature gets scale 1. Defaults: withMean true, withStd true.
 *
 * <pre>{@code
 * StandardScaler s = new StandardScaler().fit(xTrain);
 * Tensor xt = s.transform(xTest);
 * }</pre>
 */
public final class StandardScaler extends ColumnScaler<StandardScaler> {
    private final boolean withMean;
    private final boolean withStd;
    private double[] mean;
    private double[] var;
    private double[] scale;

    /** A scaler with withMean and withStd. */
    public StandardScaler() {
        this(true, true);
    }

    /**
     * @param withMean subtract the mean (default true)
     * @param withStd divide by the standard deviation (default true)
     */
    public StandardScaler(boolean withMean, boolean withStd) {
        super("StandardScaler");
        this.withMean = withMean;
        this.withStd = withStd;
    }

    @Override
    void fitColumns(double[] d, int n, int f) {
        mean = new double[f];
        var = new double[f];
        scale = new double[f];
        double[] t = new double[n];
        for (int j = 0; j < f; j++) {
            // scikit-learn's _incremental_mean_and_var on one batch: the sum, the mean, then the
            // variance with its rounding correction, each sum as numpy adds along axis 0.
            for (int i = 0; i < n; i++) t[i] = d[i * f + j];
            double m = sum(t, n, f) / n;
            for (int i = 0; i < n; i++) t[i] = t[i] - m;
            double correction = sum(t, n, f);
            for (int i = 0; i < n; i++) t[i] = t[i] * t[i];
            double v = (sum(t, n, f) - correction * correction / n) / n;
            mean[j] = m;
            var[j] = v;
            double eps = Math.ulp(1.0);
            boolean constant = v <= n * eps * v + (n * m * eps) * (n * m * eps);
            scale[j] = constant ? 1.0 : Math.sqrt(v);
        }
    }

    /**
     * numpy's {@code sum(axis=0)} of one column of an (n, f) C-order array: with several columns numpy
     * adds row after row; with one column the reduction runs along contiguous memory and numpy uses its
     * pairwise summation.
     */
    static double sum(double[] a, int n, int columns) {
        if (columns > 1) {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += a[i];
            return s;
        }
        return pairwiseSum(a, 0, n);
    }

    /** numpy's pairwise_sum: 8 accumulators over blocks of at most 128, halves above. */
    static double pairwiseSum(double[] a, int from, int n) {
        if (n < 8) {
            double s = 0.0;
            for (int i = 0; i < n; i++) s += a[from + i];
            return s;
        }
        if (n <= 128) {
            double r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
            double r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
            int i = 8;
            for (; i < n - (n % 8); i += 8) {
                r0 += a[from + i];
                r1 += a[from + i + 1];
                r2 += a[from + i + 2];
                r3 += a[from + i + 3];
                r4 += a[from + i + 4];
                r5 += a[from + i + 5];
                r6 += a[from + i + 6];
                r7 += a[from + i + 7];
            }
            double s = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) s += a[from + i];
            return s;
        }
        int half = n / 2;
        half -= half % 8;
        return pairwiseSum(a, from, half) + pairwiseSum(a, from + half, n - half);
    }

    @Override
    double forward(int j, double v) {
        if (withMean) v = v - mean[j];
        if (withStd) v = v / scale[j];
        return v;
    }

    @Override
    double backward(int j, double v) {
        if (withStd) v = v * scale[j];
        if (withMean) v = v + mean[j];
        return v;
    }

    /** The per-feature means ({@code mean_}). */
    public double[] mean() {
        requireFitted("mean");
        return mean.clone();
    }

    /** The per-feature population variances ({@code var_}). */
    public double[] variance() {
        requireFitted("variance");
        return var.clone();
    }

    /** The per-feature divisors ({@code scale_}): sqrt(var), or 1 for a constant feature. */
    public double[] scale() {
        requireFitted("scale");
        return scale.clone();
    }
}
