package dev.kiln.kernel;

/**
 * The float32 arithmetic of a dense layer, {@code out = act(x · W + b)}, and its backward pass, on raw
 * row-major arrays. The autodiff node ({@code Tensor.affine}) and the training step of a stack of dense
 * layers both call these two methods, so both compute the same values in the same order.
 *
 * <pre>{@code
 * Affine.forward(x, 32, 2, w, b, 50, Elementwise.Unary.RELU, h);            // h = relu(x·W + b), 32×50
 * Affine.backward(x, 32, 2, w, 50, Elementwise.Unary.RELU, h, g, g, dw, db, null);
 * }</pre>
 */
public final class Affine {
    private Affine() {}

    /**
     * {@code out[m×units] = act(x[m×in] · w[in×units] + bias)}: the bias is written first and the product
     * accumulated onto it (one rounded addition, as a separate add), the activation applied in place.
     *
     * @param bias null for none
     * @param activation null (linear), {@link Elementwise.Unary#RELU} or {@link Elementwise.Unary#TANH}
     */
    public static void forward(float[] x, int m, int in, float[] w, float[] bias, int units,
                               Elementwise.Unary activation, float[] out) {
        requireActivation(activation);
        if (bias != null) repeatRows(bias, out, m, units);
        MatMul.sgemm(false, false, m, units, in, x, 0, in, w, 0, units, out, 0, units, bias != null);
        int n = m * units;
        if (activation == Elementwise.Unary.RELU) Relu.forward(out, 0, out, 0, n);
        else if (activation == Elementwise.Unary.TANH) Elementwise.unary(Elementwise.Unary.TANH, out, 0, out, 0, n);
    }

    /**
     * The gradients from the upstream gradient {@code g} of {@code out}: {@code gz = g·act'} (act' read
     * from the output: relu' is 1 where out &gt; 0, tanh' = 1 − out²), then {@code dw = xᵀ·gz},
     * {@code db = Σ_rows gz} and {@code dx = gz·wᵀ}, each skipped when its array is null. {@code gz} may
     * be {@code g} itself (in place); for a linear layer it is not written and {@code g} is used.
     */
    public static void backward(float[] x, int m, int in, float[] w, int units, Elementwise.Unary activation,
                                float[] out, float[] g, float[] gz, float[] dw, float[] db, float[] dx) {
        requireActivation(activation);
        int n = m * units;
        float[] grad = g;
        if (activation == Elementwise.Unary.RELU) {
            Relu.backward(out, g, gz, n);   // out > 0 exactly where z > 0
            grad = gz;
        } else if (activation == Elementwise.Unary.TANH) {
            Elementwise.unaryGrad(Elementwise.Unary.TANH, out, out, g, gz, n);
            grad = gz;
        }
        if (dw != null) MatMul.sgemm(true, false, in, units, m, x, 0, in, grad, 0, units, dw, 0, units, false);
        if (db != null) Reduce.reduce(Reduce.Kind.SUM, grad, db, 1, m, units);
        if (dx != null) MatMul.sgemm(false, true, m, in, units, grad, 0, units, w, 0, units, dx, 0, in, false);
    }

    /** The bias in every row: one copy, then copies of the rows filled so far (log2(m) copies in all, not m). */
    public static void repeatRows(Object bias, Object out, int m, int units) {
        System.arraycopy(bias, 0, out, 0, units);
        for (int filled = 1; filled < m; filled *= 2) {
            int rows = Math.min(filled, m - filled);
            System.arraycopy(out, 0, out, filled * units, rows * units);
        }
    }

    private static void requireActivation(Elementwise.Unary activation) {
        if (activation != null && activation != Elementwise.Unary.RELU && activation != Elementwise.Unary.TANH) {
            throw new IllegalArgumentException("Affine: activation must be null (linear), RELU or TANH, got " + activation);
        }
    }
}
