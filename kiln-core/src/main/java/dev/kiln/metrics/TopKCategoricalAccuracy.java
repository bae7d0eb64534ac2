package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * How often the labelled class (argmax of one-hot y_true) is among the {@code k} largest predictions,
 * as Keras's {@code TopKCategoricalAccuracy}; default k = {@value #DEFAULT_K}. A class is in the top k
 * when fewer than k classes score strictly higher.
 *
 * <pre>{@code
 * Metric m = new TopKCategoricalAccuracy(2);
 * m.updateState(Tensor.of(new double[][] {{0, 0, 1}}), Tensor.of(new double[][] {{0.5, 0.2, 0.3}}));
 * m.result();   // 1.0: class 2 is second
 * }</pre>
 */
public final class TopKCategoricalAccuracy extends SampleMean {
    /** Keras's default k. */
    public static final int DEFAULT_K = 5;
    private final int k;

    /** k = {@value #DEFAULT_K}, Keras's default. */
    public TopKCategoricalAccuracy() { this(DEFAULT_K); }

    /** Counts a hit when the label is among the {@code k} (>= 1) largest predictions. */
    public TopKCategoricalAccuracy(int k) {
        super("top_k_categorical_accuracy");
        if (k < 1) throw new IllegalArgumentException("TopKCategoricalAccuracy: k (" + k + ") must be >= 1");
        this.k = k;
    }

    /** How many of the largest predictions count. */
    public int k() { return k; }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("k", k);
        return c;
    }

    @Override
    protected void score(Tensor yTrue, Tensor yPred, int n, double[] out) {
        Flat.sameSize(name(), yTrue, yPred);
        double[] t = Flat.values(yTrue), p = Flat.values(yPred);
        int width = n == 0 ? 0 : p.length / n;
        for (int i = 0; i < n; i++) {
            int off = i * width;
            double target = p[off + argmax(t, off, width)];
            int higher = 0;
            for (int j = 0; j < width; j++) if (p[off + j] > target) higher++;
            out[i] = higher < k ? 1.0 : 0.0;
        }
    }
}
