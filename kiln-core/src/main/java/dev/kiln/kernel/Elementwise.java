package dev.kiln.kernel;

/**
 * Element-wise loops over primitive arrays, in float and double. Each operation has its own loop (the
 * switch is outside it) so that the JIT compiles a tight, and where it can a vectorised, loop per op.
 */
public final class Elementwise {
    private Elementwise() {}

    /** Unary operations. The numerically delicate ones are written in their stable forms. */
    public enum Unary { NEG, EXP, LOG, LOG1P, SQRT, SQUARE, ABS, SIGN, SIGMOID, TANH, RELU, SOFTPLUS, LOG_COSH, ROUND, FLOOR }

    /** Binary operations; comparisons write 1 for true and 0 for false. */
    public enum Binary { ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, EQUAL, NOT_EQUAL }

    private static final double LOG2 = Math.log(2.0);

    public static void unary(Unary op, float[] x, int xo, float[] out, int oo, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) out[oo + i] = -x[xo + i]; break;
            case EXP: for (int i = 0; i < n; i++) out[oo + i] = (float) FloatMath.exp(x[xo + i]); break;
            case LOG: for (int i = 0; i < n; i++) out[oo + i] = (float) FloatMath.log(x[xo + i]); break;
            case LOG1P: for (int i = 0; i < n; i++) out[oo + i] = (float) FloatMath.log1p(x[xo + i]); break;
            case SQRT: for (int i = 0; i < n; i++) out[oo + i] = (float) Math.sqrt(x[xo + i]); break;
            case SQUARE: for (int i = 0; i < n; i++) { float v = x[xo + i]; out[oo + i] = v * v; } break;
            case ABS: for (int i = 0; i < n; i++) out[oo + i] = Math.abs(x[xo + i]); break;
            case SIGN: for (int i = 0; i < n; i++) out[oo + i] = Math.signum(x[xo + i]); break;
            case SIGMOID: for (int i = 0; i < n; i++) out[oo + i] = (float) FloatMath.sigmoid(x[xo + i]); break;
            case TANH: Tanh.apply(x, xo, out, oo, n); break; // vector lanes and threads: most of a tanh network's values
            case RELU: for (int i = 0; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0f); break; // branch-free; NaN stays NaN
            case SOFTPLUS: for (int i = 0; i < n; i++) out[oo + i] = (float) FloatMath.softplus(x[xo + i]); break;
            case LOG_COSH: for (int i = 0; i < n; i++) out[oo + i] = (float) FloatMath.logCosh(x[xo + i]); break;
            case ROUND: for (int i = 0; i < n; i++) out[oo + i] = (float) Math.rint(x[xo + i]); break;
            case FLOOR: for (int i = 0; i < n; i++) out[oo + i] = (float) Math.floor(x[xo + i]); break;
            default: throw new AssertionError(op);
        }
    }

    public static void unary(Unary op, double[] x, int xo, double[] out, int oo, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) out[oo + i] = -x[xo + i]; break;
            case EXP: for (int i = 0; i < n; i++) out[oo + i] = Math.exp(x[xo + i]); break;
            case LOG: for (int i = 0; i < n; i++) out[oo + i] = Math.log(x[xo + i]); break;
            case LOG1P: for (int i = 0; i < n; i++) out[oo + i] = Math.log1p(x[xo + i]); break;
            case SQRT: for (int i = 0; i < n; i++) out[oo + i] = Math.sqrt(x[xo + i]); break;
            case SQUARE: for (int i = 0; i < n; i++) { double v = x[xo + i]; out[oo + i] = v * v; } break;
            case ABS: for (int i = 0; i < n; i++) out[oo + i] = Math.abs(x[xo + i]); break;
            case SIGN: for (int i = 0; i < n; i++) out[oo + i] = Math.signum(x[xo + i]); break;
            case SIGMOID: for (int i = 0; i < n; i++) out[oo + i] = sigmoid(x[xo + i]); break;
            case TANH: for (int i = 0; i < n; i++) out[oo + i] = Math.tanh(x[xo + i]); break;
            case RELU: for (int i = 0; i < n; i++) out[oo + i] = Math.max(x[xo + i], 0d); break;
            case SOFTPLUS: for (int i = 0; i < n; i++) out[oo + i] = softplus(x[xo + i]); break;
            case LOG_COSH: for (int i = 0; i < n; i++) out[oo + i] = logCosh(x[xo + i]); break;
            case ROUND: for (int i = 0; i < n; i++) out[oo + i] = Math.rint(x[xo + i]); break;
            case FLOOR: for (int i = 0; i < n; i++) out[oo + i] = Math.floor(x[xo + i]); break;
            default: throw new AssertionError(op);
        }
    }

    /**
     * The backward of a unary op in one loop: {@code out = g · f'(x)}, from the input x, the forward
     * result y = f(x) and the upstream gradient g (all of length n).
     */
    public static void unaryGrad(Unary op, float[] x, float[] y, float[] g, float[] out, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) out[i] = -g[i]; break;
            case EXP: for (int i = 0; i < n; i++) out[i] = g[i] * y[i]; break;
            case LOG: for (int i = 0; i < n; i++) out[i] = g[i] / x[i]; break;
            case LOG1P: for (int i = 0; i < n; i++) out[i] = g[i] / (1 + x[i]); break;
            case SQRT: for (int i = 0; i < n; i++) out[i] = g[i] * 0.5f / y[i]; break;
            case SQUARE: for (int i = 0; i < n; i++) out[i] = g[i] * 2 * x[i]; break;
            case ABS: for (int i = 0; i < n; i++) out[i] = g[i] * Math.signum(x[i]); break;
            case SIGMOID: for (int i = 0; i < n; i++) out[i] = g[i] * y[i] * (1 - y[i]); break;
            case TANH: for (int i = 0; i < n; i++) out[i] = g[i] * (1 - y[i] * y[i]); break;
            case RELU: // g where x > 0, else 0, without a data-dependent branch (half the signs are random)
                for (int i = 0; i < n; i++) {
                    int bits = Float.floatToRawIntBits(x[i]);
                    int keep = (-bits & ~bits) >> 31; // all ones exactly when bits > 0: x > 0 (or a NaN with its sign bit clear)
                    out[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & keep);
                }
                break;
            case SOFTPLUS: for (int i = 0; i < n; i++) out[i] = (float) (g[i] * FloatMath.sigmoid(x[i])); break;
            case LOG_COSH: for (int i = 0; i < n; i++) out[i] = (float) (g[i] * FloatMath.tanh(x[i])); break;
            default: throw new IllegalArgumentException("unaryGrad: " + op + " has no gradient");
        }
    }

    /** Double version of {@link #unaryGrad(Unary, float[], float[], float[], float[], int)}. */
    public static void unaryGrad(Unary op, double[] x, double[] y, double[] g, double[] out, int n) {
        switch (op) {
            case NEG: for (int i = 0; i < n; i++) out[i] = -g[i]; break;
            case EXP: for (int i = 0; i < n; i++) out[i] = g[i] * y[i]; break;
            case LOG: for (int i = 0; i < n; i++) out[i] = g[i] / x[i]; break;
            case LOG1P: for (int i = 0; i < n; i++) out[i] = g[i] / (1 + x[i]); break;
            case SQRT: for (int i = 0; i < n; i++) out[i] = g[i] * 0.5 / y[i]; break;
            case SQUARE: for (int i = 0; i < n; i++) out[i] = g[i] * 2 * x[i]; break;
            case ABS: for (int i = 0; i < n; i++) out[i] = g[i] * Math.signum(x[i]); break;
            case SIGMOID: for (int i = 0; i < n; i++) out[i] = g[i] * y[i] * (1 - y[i]); break;
            case TANH: for (int i = 0; i < n; i++) out[i] = g[i] * (1 - y[i] * y[i]); break;
            case RELU:
                for (int i = 0; i < n; i++) {
                    long bits = Double.doubleToRawLongBits(x[i]);
                    long keep = (-bits & ~bits) >> 63;
                    out[i] = Double.longBitsToDouble(Double.doubleToRawLongBits(g[i]) & keep);
                }
                break;
            case SOFTPLUS: for (int i = 0; i < n; i++) out[i] = (double) (g[i] * sigmoid(x[i])); break;
            case LOG_COSH: for (int i = 0; i < n; i++) out[i] = (double) (g[i] * Math.tanh(x[i])); break;
            default: throw new IllegalArgumentException("unaryGrad: " + op + " has no gradient");
        }
    }

    /** σ(x) without overflow: for x < 0 it is written e^x / (1 + e^x). */
    public static double sigmoid(double x) {
        if (x >= 0) return 1.0 / (1.0 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** log(1 + e^x) = max(x, 0) + log1p(e^-|x|), which neither overflows nor loses small values. */
    public static double softplus(double x) {
        return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
    }

    /**
     * log(cosh x), finite for every finite x: |x| + log1p(e^-2|x|) − log 2, whose subtraction cancels
     * for small |x| (at 1e-6 only four digits would survive), so below |x| = 0.5 it is log1p(2·sinh²(x/2)).
     */
    public static double logCosh(double x) {
        double a = Math.abs(x);
        if (a < 0.5) {
            double sh = Math.sinh(0.5 * a);
            return Math.log1p(2.0 * sh * sh);
        }
        return a + Math.log1p(Math.exp(-2.0 * a)) - LOG2;
    }

    /**
     * {@code out[oo+i] = a[ao+i*as] (op) b[bo+i*bs]} for i in [0, n); the strides are 0 (broadcast) or 1.
     */
    public static void binary(Binary op, float[] a, int ao, int as, float[] b, int bo, int bs, float[] out, int oo, int n) {
        BinaryLoops.binary(op, a, ao, as, b, bo, bs, out, oo, n);
    }

    /** Double version of {@link #binary(Binary, float[], int, int, float[], int, int, float[], int, int)}. */
    public static void binary(Binary op, double[] a, int ao, int as, double[] b, int bo, int bs, double[] out, int oo, int n) {
        BinaryLoops.binary(op, a, ao, as, b, bo, bs, out, oo, n);
    }
}
