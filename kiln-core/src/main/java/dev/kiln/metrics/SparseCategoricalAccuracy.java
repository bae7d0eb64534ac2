package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;

/**
 * How often the predicted class (argmax of y_pred, shape (n, classes)) equals an integer label
 * (y_true of shape (n,) or (n, 1)), as Keras's {@code SparseCategoricalAccuracy}.
 *
 * <pre>{@code
 * Metric m = new SparseCategoricalAccuracy();
 * m.updateState(Tensor.of(new int[] {2, 1}), Tensor.of(new double[][] {{0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}}));
 * m.result();   // 0.5
 * }</pre>
 */
public final class SparseCategoricalAccuracy extends SampleMean {
    /** A metric named {@code "sparse_categorical_accuracy"}. */
    public SparseCategoricalAccuracy() { super("sparse_categorical_accuracy"); }

    @Override
    protected void score(Tensor yTrue, Tensor yPred, int n, double[] out) {
        if (yTrue.size() != n) {
            throw new IllegalArgumentException("metric '" + name() + "': y_true of shape " + yTrue.shape()
                    + " must hold one integer label per sample of y_pred " + yPred.shape());
        }
        double[] t = Flat.values(yTrue), p = Flat.values(yPred);
        int k = n == 0 ? 0 : p.length / n;
        for (int i = 0; i < n; i++) out[i] = argmax(p, i * k, k) == t[i] ? 1.0 : 0.0;
    }
}
