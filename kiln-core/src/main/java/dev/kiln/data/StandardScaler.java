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
        for (int j = 0; j < f; j++) {
            // scikit-learn's _incremental_mean_and_var on one batch: the sum row by row, then the
            // variance with its rounding correction.
            double sum = 0;
            for (int i = 0; i < n; i++) sum += d[i * f + j];
            double m = sum / n;
            double correction = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double t = d[i * f + j] - m;
                correction += t;
                sq += t * t;
            }
            double v = (sq - correction * correction / n) / n;
            mean[j] = m;
            var[j] = v;
            double eps = Math.ulp(1.0);
            boolean constant = v <= n * eps * v + (n * m * eps) * (n * m * eps);
            scale[j] = constant ? 1.0 : Math.sqrt(v);
        }
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
