package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * How often an integer label (y_true of shape (n,) or (n, 1)) is among the {@code k} largest predictions,
 * as Keras's {@code SparseTopKCategoricalAccuracy}; default k = {@value TopKCategoricalAccuracy#DEFAULT_K}.
 * A class is in the top k when fewer than k classes score strictly higher.
 *
 * <pre>{@code
 * Metric m = new SparseTopKCategoricalAccuracy(2);
 * m.updateState(Tensor.of(new int[] {2}), Tensor.of(new double[][] {{0.5, 0.2, 0.3}}));
 * m.result();   // 1.0
 * }</pre>
 */
public final class SparseTopKCategoricalAccuracy extends SampleMean {
    private final int k;

    /** k = 5, Keras's default. */
    public SparseTopKCategoricalAccuracy() { this(TopKCategoricalAccuracy.DEFAULT_K); }

    /** Counts a hit when the label is among the {@code k} (>= 1) largest predictions. */
    public SparseTopKCategoricalAccuracy(int k) {
        super("sparse_top_k_categorical_accuracy");
        if (k < 1) throw new IllegalArgumentException("SparseTopKCategoricalAccuracy: k (" + k + ") must be >= 1");
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
        if (yTrue.size() != n) {
            throw new IllegalArgumentException("metric '" + name() + "': y_true of shape " + yTrue.shape()
                    + " must hold one integer label per sample of y_pred " + yPred.shape());
        }
        double[] t = Flat.values(yTrue), p = Flat.values(yPred);
        int width = n == 0 ? 0 : p.length / n;
        for (int i = 0; i < n; i++) {
            int label = (int) t[i];
            if (label < 0 || label >= width || label != t[i]) {
                throw new IllegalArgumentException("metric '" + name() + "': label " + t[i] + " (sample " + i
                        + ") is not a class id in [0, " + width + ")");
            }
            double target = p[i * width + label];
            int higher = 0;
            for (int j = 0; j < width; j++) if (p[i * width + j] > target) higher++;
            out[i] = higher < k ? 1.0 : 0.0;
        }
    }
}
