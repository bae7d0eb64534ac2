package dev.kiln.metrics;

import dev.kiln.tensor.Tensor;

/**
 * Weighted true/false positive/negative counts of y_true (0/1 per element) against y_pred, for the
 * metrics that threshold predictions. Elements are flattened; a sample's weight applies to each of its
 * elements, as Keras broadcasts it.
 */
final class Confusion {
    private Confusion() {}

    /** Calls {@code sink.add(t, p, w)} for every element. */
    static void forEach(String metric, Tensor yTrue, Tensor yPred, Tensor sampleWeight, Sink sink) {
        Flat.sameSize(metric, yTrue, yPred);
        int n = Flat.samples(yPred);
        double[] t = Flat.values(yTrue), p = Flat.values(yPred);
        double[] w = Flat.sampleWeights(metric, sampleWeight, n);
        int per = n == 0 ? 0 : p.length / n;
        for (int i = 0, k = 0; i < n; i++) {
            double wi = w == null ? 1.0 : w[i];
            for (int j = 0; j < per; j++, k++) sink.add(t[k], p[k], wi);
        }
    }

    interface Sink {
        void add(double label, double prediction, double weight);
    }

    /** x / y, or 0 when y is 0 (Keras's divide_no_nan). */
    static double divideNoNan(double x, double y) { return y == 0 ? 0.0 : x / y; }
}
