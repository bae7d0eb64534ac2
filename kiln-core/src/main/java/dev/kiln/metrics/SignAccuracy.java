package dev.kiln.metrics;

/**
 * The share of predictions on the right side of 0: per element {@code (y_pred > 0) == (y_true > 0)},
 * averaged per sample, then over samples. Meant for ±1 labels with a tanh (or linear) output, as with
 * the hinge losses, where it is the accuracy a reader expects; labels 0/1 work too (0 is the negative
 * class). Not a Keras metric. Name: {@code "sign_accuracy"}.
 *
 * <pre>{@code
 * Metric m = new SignAccuracy();
 * m.updateState(Tensor.of(new double[] {-1, 1}), Tensor.of(new double[] {-0.8, 0.3}));
 * m.result();   // 1.0
 * }</pre>
 */
public final class SignAccuracy extends SampleMean.Elementwise {
    /** A metric named {@code "sign_accuracy"}. */
    public SignAccuracy() { super("sign_accuracy"); }

    @Override
    double element(double t, double p) { return (p > 0) == (t > 0) ? 1.0 : 0.0; }
}
