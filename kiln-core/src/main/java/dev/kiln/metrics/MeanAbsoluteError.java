package dev.kiln.metrics;

/**
 * The mean absolute error metric, as Keras's {@code MeanAbsoluteError}: per sample
 * {@code mean(|y_true − y_pred|)} over its elements, then the weighted mean over samples.
 *
 * <pre>{@code
 * Metric m = new MeanAbsoluteError();
 * m.updateState(Tensor.of(new double[][] {{0, 1}}), Tensor.of(new double[][] {{1, 1}}));
 * m.result();   // 0.5
 * }</pre>
 */
public final class MeanAbsoluteError extends SampleMean.Elementwise {
    /** A metric named {@code "mean_absolute_error"}. */
    public MeanAbsoluteError() { super("mean_absolute_error"); }

    @Override
    double element(double t, double p) { return Math.abs(t - p); }
}
