package dev.kiln.metrics;

/**
 * Binary accuracy as Keras 2 defined it: per element {@code y_true == round(y_pred)} (round half to
 * even), averaged per sample, then over samples. With ±1 labels and a tanh output, predictions round to
 * −1, 0 or 1, so both classes can count: this is the figure that studies written with Keras 2 report
 * for {@code metrics=['accuracy']} on hinge losses. Keras 3's {@link BinaryAccuracy} thresholds at 0.5
 * instead, and a −1 label never matches. Name: {@code "keras2_binary_accuracy"}.
 *
 * <pre>{@code
 * Metric m = new Keras2BinaryAccuracy();
 * m.updateState(Tensor.of(new double[] {-1, 1}), Tensor.of(new double[] {-0.8, 0.3}));
 * m.result();   // 0.5: round(-0.8) = -1 matches, round(0.3) = 0 does not
 * }</pre>
 */
public final class Keras2BinaryAccuracy extends SampleMean.Elementwise {
    /** A metric named {@code "keras2_binary_accuracy"}. */
    public Keras2BinaryAccuracy() { super("keras2_binary_accuracy"); }

    @Override
    double element(double t, double p) { return t == Math.rint(p) ? 1.0 : 0.0; }
}
