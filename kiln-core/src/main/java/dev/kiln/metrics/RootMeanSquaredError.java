package dev.kiln.metrics;

/**
 * The root of the mean squared error, as Keras's {@code RootMeanSquaredError}:
 * {@code sqrt(Σ wᵢ·mean((y_true − y_pred)²)ᵢ / Σ wᵢ)} over every sample seen (the root is taken at
 * the end, not per batch).
 *
 * <pre>{@code
 * Metric m = new RootMeanSquaredError();
 * m.updateState(Tensor.of(new double[] {0, 0}), Tensor.of(new double[] {3, 4}));  // squares 9, 16
 * m.result();   // sqrt(12.5)
 * }</pre>
 */
public final class RootMeanSquaredError extends SampleMean.Elementwise {
    /** A metric named {@code "root_mean_squared_error"}. */
    public RootMeanSquaredError() { super("root_mean_squared_error"); }

    @Override
    double element(double t, double p) {
        double e = t - p;
        return e * e;
    }

    @Override
    public double result() { return Math.sqrt(super.result()); }
}
