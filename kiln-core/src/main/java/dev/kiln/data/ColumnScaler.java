package dev.kiln.data;

import dev.kiln.tensor.DType;
import dev.kiln.tensor.Tensor;

/**
 * The shared lifecycle of the per-feature scalers: fit learns one affine map per column of a
 * (samples, features) tensor, transform applies it, inverseTransform undoes it. Computation is in
 * double; the result keeps the input's floating dtype. NaN and infinity are refused, not ignored.
 */
abstract class ColumnScaler<S extends ColumnScaler<S>> {
    private final String name;
    private int features = -1;

    ColumnScaler(String name) {
        this.name = name;
    }

    /** Learns the scaler's statistics from the columns of {@code x} (shape (samples, features)). */
    public final S fit(Tensor x) {
        int[] nf = shapeOf(x, "fit");
        double[] d = x.toDoubleArray();
        for (int k = 0; k < d.length; k++) {
            if (!Double.isFinite(d[k])) {
                throw new IllegalArgumentException(name + ".fit: x holds " + d[k] + " at row " + k / nf[1] + ", column "
                        + k % nf[1] + "; remove or impute non-finite values first");
            }
        }
        fitColumns(d, nf[0], nf[1]);
        features = nf[1];
        @SuppressWarnings("unchecked")
        S self = (S) this;
        return self;
    }

    /** Applies the learned per-feature map. */
    public final Tensor transform(Tensor x) {
        return apply(x, "transform", true);
    }

    /** {@code fit(x).transform(x)}. */
    public final Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    /** Undoes {@link #transform}. */
    public final Tensor inverseTransform(Tensor x) {
        return apply(x, "inverseTransform", false);
    }

    /** Number of features seen by fit. */
    public final int nFeaturesIn() {
        requireFitted("nFeaturesIn");
        return features;
    }

    abstract void fitColumns(double[] data, int rows, int cols);

    abstract double forward(int column, double v);

    abstract double backward(int column, double v);

    final void requireFitted(String op) {
        if (features < 0) throw new IllegalStateException(name + "." + op + " called before fit");
    }

    private Tensor apply(Tensor x, String op, boolean forward) {
        requireFitted(op);
        int[] nf = shapeOf(x, op);
        if (nf[1] != features) {
            throw new IllegalArgumentException(name + "." + op + ": x has " + nf[1] + " features, but " + name
                    + " was fitted on " + features + " features (x shape " + x.shape() + ")");
        }
        double[] d = x.toDoubleArray();
        for (int k = 0; k < d.length; k++) {
            int j = k % nf[1];
            d[k] = forward ? forward(j, d[k]) : backward(j, d[k]);
        }
        DType dt = x.dtype() == DType.INT32 ? DType.FLOAT64 : x.dtype();
        return Tensor.fromFlat(d, dt, nf[0], nf[1]);
    }

    private int[] shapeOf(Tensor x, String op) {
        if (x.rank() != 2 || x.shape().dim(0) == 0) {
            throw new IllegalArgumentException(name + "." + op + ": expected a 2-D tensor (samples, features) with at"
                    + " least one sample, got shape " + x.shape()
                    + (x.rank() == 1 ? "; for a single feature (e.g. regression targets) pass x.reshape(-1, 1)" : ""));
        }
        return new int[] {x.shape().dim(0), x.shape().dim(1)};
    }

    /** scikit-learn's {@code _handle_zeros_in_scale}: a scale too small to divide by becomes 1. */
    static double handleZero(double scale) {
        return scale < 10 * Math.ulp(1.0) ? 1.0 : scale;
    }

    static double[] column(double[] data, int rows, int cols, int j) {
        double[] c = new double[rows];
        for (int i = 0; i < rows; i++) c[i] = data[i * cols + j];
        return c;
    }
}
