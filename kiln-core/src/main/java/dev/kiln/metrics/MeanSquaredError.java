package dev.kiln.metrics;

/**
 * The mean squared error metric, as Keras's {@code MeanSquaredError}: per sample
 * {@code mean((y_true − y_pred)²)} over its elements, then the weighted mean over samples.
 *
 * <pre>{@code
 * Metric m = new MeanSquaredError();
 * m.updateState(Tensor.of(new double[][] {{0, 1}}), Tensor.of(new double[][] {{1, 1}}));
 * m.result();   // 0.5
 * }</pre>
 */
public final class MeanSquaredError extends SampleMean.Elementwise {
    /** A metric named {@code "mean_squared_error"}. */
    public MeanSquaredError() { super("mean_squared_error"); }

    @Override
    double element(double t, double p) {
        double e = t - p;
        return e * e;
    }
}
