package dev.kiln.nn;

import dev.kiln.tensor.Tensor;

/**
 * Keras's NonNeg: w ← max(w, 0), in place.
 *
 * <pre>{@code
 * new Dense(8).kernelConstraint(new NonNeg());
 * }</pre>
 */
public final class NonNeg implements Constraint {
    @Override
    public void apply(Tensor w) {
        if (w.dtype() == dev.kiln.tensor.DType.FLOAT32) {
            float[] v = w.floatData();
            for (int i = 0; i < v.length; i++) if (v[i] < 0) v[i] = 0f;
        } else {
            double[] v = w.doubleData();
            for (int i = 0; i < v.length; i++) if (v[i] < 0) v[i] = 0.0;
        }
    }

    @Override public String className() { return "NonNeg"; }

    @Override public String toString() { return className(); }
}
