package dev.kiln.metrics;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;

/**
 * How often the predicted class (argmax of y_pred) is the labelled class (argmax of one-hot y_true),
 * as Keras's {@code CategoricalAccuracy}; ties go to the first index, as argmax. Shapes (n, classes).
 *
 * <pre>{@code
 * Metric m = new CategoricalAccuracy();
 * m.updateState(Tensor.of(new double[][] {{0, 0, 1}, {0, 1, 0}}),
 *               Tensor.of(new double[][] {{0.1, 0.2, 0.7}, {0.5, 0.3, 0.2}}));
 * m.result();   // 0.5
 * }</pre>
 */
public final class CategoricalAccuracy extends SampleMean {
    /** A metric named {@code "categorical_accuracy"}. */
    public CategoricalAccuracy() { super("categorical_accuracy"); }

    @Override
    protected void score(Tensor yTrue, Tensor yPred, int n, double[] out) {
        Flat.sameSize(name(), yTrue, yPred);
        int k = n == 0 ? 0 : yPred.size() / n;
        if (yTrue.dtype() == DType.FLOAT32 && yPred.dtype() == DType.FLOAT32) {
            // the same comparisons on the floats (widening is exact), without two double copies a batch
            float[] t = yTrue.floatData(), p = yPred.floatData();
            for (int i = 0; i < n; i++) out[i] = argmax(t, i * k, k) == argmax(p, i * k, k) ? 1.0 : 0.0;
            return;
        }
        double[] t = Flat.values(yTrue), p = Flat.values(yPred);
        for (int i = 0; i < n; i++) out[i] = argmax(t, i * k, k) == argmax(p, i * k, k) ? 1.0 : 0.0;
    }
}
