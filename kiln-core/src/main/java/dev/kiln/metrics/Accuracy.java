package dev.kiln.metrics;

/**
 * How often predictions equal labels exactly, as Keras's {@code Accuracy}: per sample
 * {@code mean(y_true == y_pred)} over its elements, then the weighted mean over samples.
 * For probabilities use {@link BinaryAccuracy} or {@link CategoricalAccuracy} instead.
 *
 * <pre>{@code
 * Metric m = new Accuracy();
 * m.updateState(Tensor.of(new double[] {1, 2, 3}), Tensor.of(new double[] {1, 2, 4}));
 * m.result();   // 2/3
 * }</pre>
 */
public final class Accuracy extends SampleMean.Elementwise {
    /** An accuracy named {@code "accuracy"}. */
    public Accuracy() { super("accuracy"); }

    @Override
    double element(double t, double p) { return t == p ? 1.0 : 0.0; }
}
