package dev.kiln.model;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Shape;
import dev.kiln.tensor.Tensor;
import java.util.Map;

/**
 * The checks and conversions data goes through before it reaches the model: every mistake is reported
 * here, naming the method, the argument and both shapes, before any state changes.
 */
final class Inputs {
    private Inputs() {}

    static int rows(Tensor t) { return t.rank() == 0 ? 1 : t.shape().dim(0); }

    /** Features checked against the model's input shape and converted to the weights' dtype. */
    static Tensor features(Sequential model, String op, Tensor x) {
        if (x == null) throw new IllegalArgumentException(op + ": x must not be null");
        if (x.rank() == 0) throw new IllegalArgumentException(op + ": x must have a batch axis, got a scalar");
        if (rows(x) == 0) throw new IllegalArgumentException(op + ": x has no rows (shape " + x.shape() + ")");
        Shape expected = model.inputShape();
        if (expected != null && !fits(expected, x.shape())) {
            throw new IllegalArgumentException(model.describe() + "." + op + ": expected input of shape " + star(expected)
                    + ", received x of shape " + x.shape());
        }
        DType dtype = model.dtype();
        if (x.dtype() == dtype) return x;
        return x.astype(dtype);
    }

    /** Labels with one row per sample; float labels take the model's dtype, integer labels stay integers. */
    static Tensor labels(Sequential model, String op, Tensor y, int n) {
        if (y == null) throw new IllegalArgumentException(op + ": y must not be null");
        if (y.rank() == 0 || rows(y) != n) {
            throw new IllegalArgumentException(op + ": y of shape " + y.shape() + " has " + (y.rank() == 0 ? "no batch axis" : rows(y) + " rows")
                    + " but x has " + n + " (one label row per sample expected)");
        }
        DType dtype = model.dtype();
        if (y.dtype() == DType.INT32 || y.dtype() == dtype) return y;
        return y.astype(dtype);
    }

    /** Per-sample weights of shape (n,) or (n, 1), or null. */
    static Tensor sampleWeights(Sequential model, String op, Tensor sw, int n) {
        if (sw == null) return null;
        if (sw.rank() == 0 || rows(sw) != n || sw.size() != n) {
            throw new IllegalArgumentException(op + ": sampleWeight of shape " + sw.shape() + " must hold one weight per sample (" + n + ",)");
        }
        double[] w = sw.toDoubleArray();
        for (int i = 0; i < w.length; i++) {
            if (!Double.isFinite(w[i]) || w[i] < 0) {
                throw new IllegalArgumentException(op + ": sampleWeight[" + i + "] = " + w[i] + "; weights must be finite and >= 0");
            }
        }
        DType dtype = model.dtype();
        Tensor r = sw.rank() == 1 ? sw : sw.reshape(n);
        return r.dtype() == dtype ? r : r.astype(dtype);
    }

    /**
     * Keras's class_weight: each sample weighs as its class, the argmax of a one-hot row or the rounded
     * label; a class missing from the map is an error, as in Keras.
     */
    static Tensor classWeights(String op, Map<Integer, Double> classWeight, Tensor y, DType dtype) {
        int n = rows(y);
        double[] v = y.toDoubleArray();
        int width = y.size() / Math.max(1, n);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            int cls;
            if (width > 1) {
                int best = 0;
                for (int j = 1; j < width; j++) if (v[i * width + j] > v[i * width + best]) best = j;
                cls = best;
            } else {
                cls = (int) Math.rint(v[i]);
            }
            Double cw = classWeight.get(cls);
            if (cw == null) {
                throw new IllegalArgumentException(op + ": classWeight has no entry for class " + cls + " (sample " + i
                        + "); classWeight must contain all classes in the data, has " + classWeight.keySet());
            }
            w[i] = cw;
        }
        return Tensor.fromFlat(w, dtype, n);
    }

    private static boolean fits(Shape expected, Shape actual) {
        if (expected.rank() != actual.rank()) return false;
        for (int i = 1; i < expected.rank(); i++) {
            if (expected.dim(i) >= 0 && expected.dim(i) != actual.dim(i)) return false;
        }
        return true;
    }

    /** (*, 2): the batch axis as a star. */
    static String star(Shape s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.rank(); i++) {
            if (i > 0) b.append(", ");
            b.append(i == 0 ? "*" : s.dim(i) < 0 ? "None" : Integer.toString(s.dim(i)));
        }
        if (s.rank() == 1) b.append(',');
        return b.append(')').toString();
    }
}
