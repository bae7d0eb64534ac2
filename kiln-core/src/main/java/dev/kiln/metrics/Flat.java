package dev.kiln.metrics;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;

/** Row-major values of a tensor as doubles, and the shape checks the metrics share. */
final class Flat {
    private Flat() {}

    /** The values, without a copy for float64 tensors; callers only read them. */
    static double[] values(Tensor t) {
        return t.dtype() == DType.FLOAT64 ? t.doubleData() : t.toDoubleArray();
    }

    /** Number of samples: the size of axis 0 (a scalar counts as one sample). */
    static int samples(Tensor t) { return t.rank() == 0 ? 1 : t.shape().dim(0); }

    /** Checks that y_true and y_pred have the same number of elements and samples. */
    static void sameSize(String metric, Tensor yTrue, Tensor yPred) {
        if (yTrue.size() != yPred.size() || samples(yTrue) != samples(yPred)) {
            throw new IllegalArgumentException("metric '" + metric + "': y_true of shape " + yTrue.shape()
                    + " does not match y_pred of shape " + yPred.shape() + " (expected the same elements per sample)");
        }
    }

    /** Per-sample weights (length n) from a null, scalar or n-element weight tensor. */
    static double[] sampleWeights(String metric, Tensor sampleWeight, int n) {
        if (sampleWeight == null) return null;
        double[] w = sampleWeight.toDoubleArray();
        if (w.length == n) return w;
        if (w.length == 1) {
            double[] r = new double[n];
            java.util.Arrays.fill(r, w[0]);
            return r;
        }
        throw new IllegalArgumentException("metric '" + metric + "': sampleWeight of shape " + sampleWeight.shape()
                + " does not fit " + n + " samples (expected one weight per sample or a single weight)");
    }
}
