package dev.kiln.metrics;

import java.util.Map;

/**
 * How often a thresholded prediction equals a 0/1 label, as Keras 3's {@code BinaryAccuracy}:
 * per element {@code y_true == (y_pred > threshold ? 1 : 0)}, averaged per sample, then over samples.
 * Default threshold {@value #DEFAULT_THRESHOLD}. A label of −1 never matches (Keras 3 behaviour; see
 * {@link Keras2BinaryAccuracy} and {@link SignAccuracy} for ±1 labels).
 *
 * <pre>{@code
 * Metric m = new BinaryAccuracy();
 * m.updateState(Tensor.of(new double[][] {{1}, {0}}), Tensor.of(new double[][] {{0.7}, {0.6}}));
 * m.result();   // 0.5
 * }</pre>
 */
public final class BinaryAccuracy extends SampleMean.Elementwise {
    /** Keras's default decision threshold. */
    public static final double DEFAULT_THRESHOLD = 0.5;
    private final double threshold;

    /** Threshold {@value #DEFAULT_THRESHOLD}. */
    public BinaryAccuracy() { this(DEFAULT_THRESHOLD); }

    /** A prediction above {@code threshold} (finite) counts as 1. */
    public BinaryAccuracy(double threshold) {
        super("binary_accuracy");
        if (!Double.isFinite(threshold)) throw new IllegalArgumentException("BinaryAccuracy: threshold must be finite, got " + threshold);
        this.threshold = threshold;
    }

    /** The decision threshold. */
    public double threshold() { return threshold; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("threshold", threshold);
        return c;
    }

    @Override
    double element(double t, double p) { return t == (p > threshold ? 1.0 : 0.0) ? 1.0 : 0.0; }
}
