package dev.kiln.kernel;

/**
 * relu and its gradient on float arrays, as loops small enough that the JIT vectorises them: inside
 * the many-case loop of {@link Elementwise#unary} the same relu ran scalar, about nine times slower.
 *
 * <pre>{@code
 * Relu.forward(z, 0, z, 0, z.length);   // z = max(z, 0) in place
 * Relu.backward(y, g, gz, y.length);    // gz = g where y > 0, else 0
 * }</pre>
 */
public final class Relu {
    /** The masked copy of the gradient, which plain Java leaves scalar; loaded when the Vector API is present. */
    interface MaskKernel {
        void backward(float[] y, float[] g, float[] out, int n);
    }

    private static final MaskKernel VECTOR = (MaskKernel) MatMul.loadVectorKernel("dev.kiln.kernel.VectorRelu");

    private Relu() {}

    /** {@code out[oo + i] = max(x[xo + i], 0)}: NaN stays NaN, −0 becomes +0 (Math.max's rules). */
    public static void forward(float[] x, int xo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0f);
    }

    /**
     * {@code out[i] = g[i]} where {@code y[i] > 0}, else +0, from relu's output y (y &gt; 0 exactly where
     * its input was); for y NaN the gradient is passed when the NaN's sign bit is clear.
     */
    public static void backward(float[] y, float[] g, float[] out, int n) {
        if (VECTOR != null && MatMul.usingVector()) {
            VECTOR.backward(y, g, out, n);
            return;
        }
        mask(y, g, out, 0, n);
    }

    /** The scalar gradient mask on [from, to): g where y's bits, read as an int, are &gt; 0, else +0. */
    static void mask(float[] y, float[] g, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            int bits = Float.floatToRawIntBits(y[i]);
            int keep = (-bits & ~bits) >> 31; // all ones exactly when bits > 0
            out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
        }
    }
}
