package dev.kiln.kernel;

/**
 * An activation fused into a convolution, {@code y = f(conv(x, w) + bias)}: the forward pass applies f to
 * each image while it is in cache, on the thread that computed it, and {@link #backward} turns ∂L/∂y into
 * ∂L/∂(conv + bias) and the bias gradient in one pass split over the batch. Unfused, the activation and its
 * gradient were each another pass over the whole batch on one thread, with two more tensors allocated.
 *
 * <p>{@code RELU}: f = max(z, 0), f' = 1 where y > 0 else 0. {@code TANH}: f' = 1 − y²; float32 tanh is
 * within one float ulp of {@code Math.tanh} ({@link Tanh}).
 */
public enum ConvActivation {
    LINEAR, RELU, TANH;

    /** Applies f in place to {@code y[from, to)}. */
    void apply(float[] y, int from, int to) {
        switch (this) {
            case LINEAR: break;
            case RELU: for (int i = from; i < to; i++) y[i] = Math.max(y[i], 0f); break; // NaN stays NaN
            case TANH: Tanh.serial(y, from, y, from, to - from); break;
            default: throw new AssertionError(this);
        }
    }

    /** Applies f in place to {@code y[from, to)}. */
    void apply(double[] y, int from, int to) {
        switch (this) {
            case LINEAR: break;
            case RELU: for (int i = from; i < to; i++) y[i] = Math.max(y[i], 0d); break;
            case TANH: for (int i = from; i < to; i++) y[i] = Math.tanh(y[i]); break;
            default: throw new AssertionError(this);
        }
    }

    /**
     * {@code dz = dy · f'(y)} over a convolution's output (y and dy of {@code g.outputSize()}; for LINEAR dz
     * may be dy itself and is then not written), and, if {@code db} is not null, {@code db[o] = Σ dz[..., o]}
     * over the batch and the pixels (summed in double across images).
     */
    public void backward(Conv.Geometry g, float[] y, float[] dy, float[] dz, float[] db) {
        int co = g.outC, row = g.outW * co, img = g.outH * row;
        double[][] partial = new double[Math.max(1, g.batch)][]; // db of each range, filed under its first image
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            float[] acc = db == null ? null : new float[row];
            double[] sum = db == null ? null : new double[co];
            for (int b = b0; b < b1; b++) {
                int from = b * img, to = from + img;
                gradient(y, dy, dz, from, to);
                if (acc == null) continue;
                // one image's rows in float lanes (a few dozen terms each), the images in double
                java.util.Arrays.fill(acc, 0f);
                for (int r = from; r < to; r += row) {
                    for (int j = 0; j < row; j++) acc[j] += dz[r + j];
                }
                for (int j = 0; j < row; j++) sum[j % co] += acc[j];
            }
            if (sum != null) partial[b0] = sum;
        });
        if (db != null) {
            double[] total = new double[co];
            for (double[] part : partial) {
                if (part == null) continue;
                for (int o = 0; o < co; o++) total[o] += part[o];
            }
            for (int o = 0; o < co; o++) db[o] = (float) total[o];
        }
    }

    /** {@code dy[i] · f'(y[i])}, one element (y is not read for LINEAR). */
    float gradient(float[] y, float[] dy, int i) {
        switch (this) {
            case LINEAR: return dy[i];
            case RELU: {
                int bits = Float.floatToRawIntBits(y[i]);
                return Float.intBitsToFloat(Float.floatToRawIntBits(dy[i]) & ((-bits & ~bits) >> 31));
            }
            case TANH: return dy[i] * (1f - y[i] * y[i]);
            default: throw new AssertionError(this);
        }
    }

    private void gradient(float[] y, float[] dy, float[] dz, int from, int to) {
        switch (this) {
            case LINEAR: if (dz != dy) System.arraycopy(dy, from, dz, from, to - from); break;
            case RELU:
                for (int i = from; i < to; i++) {
                    // dy where y > 0, else 0 (y is +0 for every z ≤ 0), without a data-dependent branch
                    int bits = Float.floatToRawIntBits(y[i]);
                    int keep = (-bits & ~bits) >> 31; // all ones exactly when bits > 0 as an int: y > 0
                    dz[i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[i]) & keep);
                }
                break;
            case TANH: for (int i = from; i < to; i++) dz[i] = dy[i] * (1f - y[i] * y[i]); break;
            default: throw new AssertionError(this);
        }
    }

    /** Double version of {@link #backward(Conv.Geometry, float[], float[], float[], float[])}. */
    public void backward(Conv.Geometry g, double[] y, double[] dy, double[] dz, double[] db) {
        int co = g.outC, img = g.outH * g.outW * co;
        double[][] partial = new double[Math.max(1, g.batch)][];
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            double[] sum = db == null ? null : new double[co];
            for (int b = b0; b < b1; b++) {
                int from = b * img, to = from + img;
                for (int i = from; i < to; i++) {
                    double d = dy[i];
                    switch (this) {
                        case LINEAR: break;
                        case RELU: d = y[i] > 0 ? d : 0d; break;
                        case TANH: d *= 1d - y[i] * y[i]; break;
                        default: throw new AssertionError(this);
                    }
                    if (dz != dy) dz[i] = d;
                    if (sum != null) sum[(i - from) % co] += d;
                }
            }
            if (sum != null) partial[b0] = sum;
        });
        if (db != null) {
            java.util.Arrays.fill(db, 0, co, 0d);
            for (double[] part : partial) {
                if (part == null) continue;
                for (int o = 0; o < co; o++) db[o] += part[o];
            }
        }
    }
}
