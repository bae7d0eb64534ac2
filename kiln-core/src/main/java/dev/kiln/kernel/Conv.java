package dev.kiln.kernel;

/**
 * 2-D convolution of channels-last (NHWC) images with a (kh, kw, cin, cout) kernel, as im2col + GEMM,
 * forward and backward (input and kernel gradients).
 *
 * <p>{@code y[b, oy, ox, co] = Σ_{ky, kx, ci} x[b, oy·sh + ky·dh − padTop, ox·sw + kx·dw − padLeft, ci] · w[ky, kx, ci, co]},
 * reading zeros outside the image. The patches of the whole batch are laid out as a K × (N·P) matrix
 * (K = kh·kw·cin rows, one column per output pixel), so that the long axis N·P is the GEMM's n: the
 * channel counts of small networks (4, 8, 16) would make a poor n. The GEMM itself splits over threads;
 * gathering and scattering the patches is split over the batch.
 *
 * <pre>{@code
 * Conv.Geometry g = Conv.Geometry.of(100, 28, 28, 1, 5, 5, 4, new int[] {1, 1}, new int[] {1, 1}, false);
 * float[] y = new float[g.outputSize()];
 * Conv.forward(g, x, w, y);
 * }</pre>
 */
public final class Conv {
    private Conv() {}

    /**
     * The sizes of a sliding-window operation (convolution or pooling) over NHWC images; immutable.
     * "same" padding follows TensorFlow: out = ceil(in / stride), and the total padding
     * max((out − 1)·stride + (k − 1)·dilation + 1 − in, 0) is split with the extra element after.
     */
    public static final class Geometry {
        public final int batch, inH, inW, inC, kH, kW, outC;
        public final int strideH, strideW, dilationH, dilationW, padTop, padLeft, outH, outW;

        private Geometry(int batch, int inH, int inW, int inC, int kH, int kW, int outC, int strideH, int strideW,
                         int dilationH, int dilationW, int padTop, int padLeft, int outH, int outW) {
            this.batch = batch; this.inH = inH; this.inW = inW; this.inC = inC;
            this.kH = kH; this.kW = kW; this.outC = outC;
            this.strideH = strideH; this.strideW = strideW; this.dilationH = dilationH; this.dilationW = dilationW;
            this.padTop = padTop; this.padLeft = padLeft; this.outH = outH; this.outW = outW;
        }

        /** The geometry of a window of kH × kW over (batch, inH, inW, inC) images producing outC channels. */
        public static Geometry of(int batch, int inH, int inW, int inC, int kH, int kW, int outC,
                                  int[] strides, int[] dilation, boolean same) {
            positive("batch", batch, true);
            positive("input height", inH, false);
            positive("input width", inW, false);
            positive("input channels", inC, false);
            positive("kernel height", kH, false);
            positive("kernel width", kW, false);
            positive("output channels", outC, false);
            positive("strides[0]", strides[0], false);
            positive("strides[1]", strides[1], false);
            positive("dilation[0]", dilation[0], false);
            positive("dilation[1]", dilation[1], false);
            int oh = Conv.outputSize(inH, kH, strides[0], dilation[0], same);
            int ow = Conv.outputSize(inW, kW, strides[1], dilation[1], same);
            if (oh <= 0 || ow <= 0) {
                throw new IllegalArgumentException("window of " + kH + "x" + kW + " (dilation " + dilation[0] + "x" + dilation[1]
                        + ") does not fit in an input of " + inH + "x" + inW + " with 'valid' padding; use 'same' padding or a smaller window");
            }
            return new Geometry(batch, inH, inW, inC, kH, kW, outC, strides[0], strides[1], dilation[0], dilation[1],
                    same ? padBefore(inH, kH, strides[0], dilation[0]) : 0,
                    same ? padBefore(inW, kW, strides[1], dilation[1]) : 0, oh, ow);
        }

        private static void positive(String what, int v, boolean zeroOk) {
            if (v < 0 || (v == 0 && !zeroOk)) {
                throw new IllegalArgumentException(what + " (" + v + ") must be " + (zeroOk ? ">= 0" : "> 0"));
            }
        }

        /** Output pixels per image. */
        public int pixels() { return outH * outW; }

        /** Rows of the patch matrix: kH·kW·inC. */
        public int patchSize() { return kH * kW * inC; }

        public int inputSize() { return batch * inH * inW * inC; }

        public int outputSize() { return batch * outH * outW * outC; }

        public int kernelSize() { return kH * kW * inC * outC; }
    }

    /** Output length along one axis: ceil(in / stride) for "same", floor((in − effectiveK) / stride) + 1 for "valid". */
    public static int outputSize(int in, int k, int stride, int dilation, boolean same) {
        if (same) return (in + stride - 1) / stride;
        int eff = (k - 1) * dilation + 1;
        return in < eff ? 0 : (in - eff) / stride + 1;
    }

    /** Padding before the first element along one axis for "same" (TensorFlow's rule: the smaller half). */
    public static int padBefore(int in, int k, int stride, int dilation) {
        int out = (in + stride - 1) / stride;
        int eff = (k - 1) * dilation + 1;
        return Math.max((out - 1) * stride + eff - in, 0) / 2;
    }

    /** Per-thread scratch, grown on demand and reused, so that a training step allocates no patch matrices. */
    private static final int COLS = 0, OUT_T = 1;

    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        final float[][] f = new float[2][];
        final double[][] d = new double[2][];

        static float[] floats(int slot, int size) {
            Scratch s = LOCAL.get();
            if (s.f[slot] == null || s.f[slot].length < size) s.f[slot] = new float[size];
            return s.f[slot];
        }

        static double[] doubles(int slot, int size) {
            Scratch s = LOCAL.get();
            if (s.d[slot] == null || s.d[slot].length < size) s.d[slot] = new double[size];
            return s.d[slot];
        }
    }

    private static void checkLength(String what, int length, int expected) {
        if (length < expected) throw new IllegalArgumentException("conv2d: " + what + " has " + length + " elements, expected " + expected);
    }

    // ================================================================== float32

    /** {@code y} (N, outH, outW, outC) = conv(x (N, inH, inW, inC), w (kH, kW, inC, outC)); y is overwritten. */
    public static void forward(Geometry g, float[] x, float[] w, float[] y) { forward(g, x, w, null, y); }

    /** As {@link #forward(Geometry, float[], float[], float[])} plus {@code bias[co]} on every pixel (bias may be null). */
    public static void forward(Geometry g, float[] x, float[] w, float[] bias, float[] y) {
        forward(g, x, w, bias, ConvActivation.LINEAR, y);
    }

    /** {@code y = f(conv(x, w) + bias)}, f applied to each image right after it is computed (bias may be null). */
    public static void forward(Geometry g, float[] x, float[] w, float[] bias, ConvActivation f, float[] y) {
        if (bias != null) checkLength("bias", bias.length, g.outC);
        checkLength("input", x.length, g.inputSize());
        checkLength("kernel", w.length, g.kernelSize());
        checkLength("output", y.length, g.outputSize());
        int p = g.pixels(), k = g.patchSize(), co = g.outC;
        if (g.batch * p == 0) return;
        if (PlaneConv.supportsFloat(g)) {
            PlaneConv.forward(g, x, w, bias, f, y);
            return;
        }
        float[] wT = new float[co * k];
        transposeInto(w, 0, k, co, wT, 0);
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            float[] cols = Scratch.floats(COLS, k * p);
            float[] yT = Scratch.floats(OUT_T, co * p);
            for (int b = b0; b < b1; b++) {
                im2colRows(g, x, b, cols);
                // yᵀ (outC × P) = wᵀ (outC × K) · cols (K × P): the image's pixels are the GEMM's long n
                MatMul.sgemm(false, false, co, p, k, wT, 0, k, cols, 0, p, yT, 0, p, false);
                transposeInto(yT, 0, co, p, y, b * p * co);
                if (bias != null) addBias(bias, y, b * p * co, p);
                f.apply(y, b * p * co, (b + 1) * p * co);
            }
        });
    }

    /**
     * Gradients of a convolution: {@code dx} (may be null: not wanted) and {@code dw} (may be null) are
     * overwritten with ∂L/∂x and ∂L/∂w given ∂L/∂y = {@code dy}.
     */
    public static void backward(Geometry g, float[] x, float[] w, float[] dy, float[] dx, float[] dw) {
        checkLength("output gradient", dy.length, g.outputSize());
        if (dx != null) checkLength("input gradient", dx.length, g.inputSize());
        if (dw != null) checkLength("kernel gradient", dw.length, g.kernelSize());
        int p = g.pixels(), k = g.patchSize(), co = g.outC;
        if (PlaneConv.supportsFloat(g) && g.batch * p > 0) {
            PlaneConv.backward(g, x, w, dy, dx, dw);
            return;
        }
        float[] wT = new float[co * k];
        transposeInto(w, 0, k, co, wT, 0);
        float[][] partial = new float[Math.max(1, g.batch)][]; // dwᵀ of each range, filed under its first image
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            float[] cols = Scratch.floats(COLS, p * k);
            float[] dyT = Scratch.floats(OUT_T, co * p);
            float[] dwT = dw == null ? null : new float[co * k];
            for (int b = b0; b < b1; b++) {
                if (dw != null) {
                    // dwᵀ (outC × K) += dyᵀ (outC × P) · patches (P × K)
                    im2colPixels(g, x, b, cols);
                    transposeInto(dy, b * p * co, p, co, dyT, 0);
                    MatMul.sgemm(false, false, co, k, p, dyT, 0, p, cols, 0, k, dwT, 0, k, true);
                }
                if (dx != null) {
                    // patch gradients (P × K) = dy (P × outC) · wᵀ (outC × K), then summed back onto the pixels
                    MatMul.sgemm(false, false, p, k, co, dy, b * p * co, co, wT, 0, k, cols, 0, k, false);
                    col2imPixels(g, cols, b, dx);
                }
            }
            if (dwT != null) partial[b0] = dwT;
        });
        if (dw != null) {
            java.util.Arrays.fill(dw, 0, g.kernelSize(), 0f);
            for (float[] part : partial) {
                if (part == null) continue;
                for (int o = 0; o < co; o++) {
                    for (int i = 0; i < k; i++) dw[i * co + o] += part[o * k + i];
                }
            }
        }
    }

    /**
     * Gradients of {@code y = f(conv(x, w) + bias)} given ∂L/∂y = {@code dy} and the output y: dx, dw and db
     * (each may be null: not wanted) are overwritten. y is read only when f is not LINEAR.
     */
    public static void backward(Geometry g, float[] x, float[] w, ConvActivation f, float[] y, float[] dy,
                                float[] dx, float[] dw, float[] db) {
        checkLength("output gradient", dy.length, g.outputSize());
        if (f != ConvActivation.LINEAR) checkLength("output", y.length, g.outputSize());
        if (db != null) checkLength("bias gradient", db.length, g.outC);
        if (PlaneConv.supportsFloat(g) && g.batch * g.pixels() > 0) {
            if (dx != null) checkLength("input gradient", dx.length, g.inputSize());
            if (dw != null) checkLength("kernel gradient", dw.length, g.kernelSize());
            PlaneConv.backward(g, x, w, f, y, dy, dx, dw, db);
            return;
        }
        float[] dz = f == ConvActivation.LINEAR ? dy : new float[g.outputSize()];
        if (dz != dy || db != null) f.backward(g, y, dy, dz, db);
        backward(g, x, w, dz, dx, dw);
    }

    /** Double version of {@link #backward(Geometry, float[], float[], ConvActivation, float[], float[], float[], float[], float[])}. */
    public static void backward(Geometry g, double[] x, double[] w, ConvActivation f, double[] y, double[] dy,
                                double[] dx, double[] dw, double[] db) {
        checkLength("output gradient", dy.length, g.outputSize());
        if (f != ConvActivation.LINEAR) checkLength("output", y.length, g.outputSize());
        if (db != null) checkLength("bias gradient", db.length, g.outC);
        double[] dz = f == ConvActivation.LINEAR ? dy : new double[g.outputSize()];
        if (dz != dy || db != null) f.backward(g, y, dy, dz, db);
        backward(g, x, w, dz, dx, dw);
    }

    /** Image b as a K × P matrix: row (ky, kx, ci), column (oy, ox); zeros where the window leaves the image. */
    static void im2colRows(Geometry g, float[] x, int b, float[] cols) {
        int p = g.pixels(), xb = b * g.inH * g.inW * g.inC;
        for (int ky = 0; ky < g.kH; ky++) {
            for (int kx = 0; kx < g.kW; kx++) {
                for (int ci = 0; ci < g.inC; ci++) {
                    int row = ((ky * g.kW + kx) * g.inC + ci) * p;
                    for (int oy = 0; oy < g.outH; oy++) {
                        int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                        int o = row + oy * g.outW;
                        if (iy < 0 || iy >= g.inH) {
                            java.util.Arrays.fill(cols, o, o + g.outW, 0f);
                            continue;
                        }
                        int xr = xb + iy * g.inW * g.inC + ci;
                        for (int ox = 0; ox < g.outW; ox++) {
                            int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                            cols[o + ox] = ix >= 0 && ix < g.inW ? x[xr + ix * g.inC] : 0f;
                        }
                    }
                }
            }
        }
    }

    /** Image b as a P × K matrix: one patch per output pixel, (ky, kx, ci) order; runs of inC values are copied whole. */
    static void im2colPixels(Geometry g, float[] x, int b, float[] cols) {
        int c = g.inC, k = g.patchSize(), xb = b * g.inH * g.inW * c;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int ox = 0; ox < g.outW; ox++) {
                int o = (oy * g.outW + ox) * k;
                for (int ky = 0; ky < g.kH; ky++) {
                    int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                    for (int kx = 0; kx < g.kW; kx++, o += c) {
                        int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) java.util.Arrays.fill(cols, o, o + c, 0f);
                        else System.arraycopy(x, xb + (iy * g.inW + ix) * c, cols, o, c);
                    }
                }
            }
        }
    }

    /** Overwrites image b of dx with the sums of its P × K patch-matrix entries (the adjoint of im2colPixels). */
    static void col2imPixels(Geometry g, float[] cols, int b, float[] dx) {
        int c = g.inC, k = g.patchSize(), xb = b * g.inH * g.inW * c;
        java.util.Arrays.fill(dx, xb, xb + g.inH * g.inW * c, 0f);
        for (int oy = 0; oy < g.outH; oy++) {
            for (int ox = 0; ox < g.outW; ox++) {
                int o = (oy * g.outW + ox) * k;
                for (int ky = 0; ky < g.kH; ky++) {
                    int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                    for (int kx = 0; kx < g.kW; kx++, o += c) {
                        int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) continue;
                        int d = xb + (iy * g.inW + ix) * c;
                        for (int ci = 0; ci < c; ci++) dx[d + ci] += cols[o + ci];
                    }
                }
            }
        }
    }

    /** out[outOff ..] (cols × rows) = the rows × cols matrix at a[aOff ..], transposed. */
    /** {@code bias[o]} added to each of {@code pixels} rows of {@code bias.length} channels at {@code off}. */
    static void addBias(float[] bias, float[] y, int off, int pixels) {
        int co = bias.length;
        for (int i = 0; i < pixels; i++) {
            for (int o = 0; o < co; o++) y[off + i * co + o] += bias[o];
        }
    }

    /** {@code db[o] = Σ dy[n, i, j, o]}: the gradient of the bias, summed in double. */
    public static void biasGradient(Geometry g, float[] dy, float[] db) {
        checkLength("output gradient", dy.length, g.outputSize());
        checkLength("bias gradient", db.length, g.outC);
        int co = g.outC, rows = g.batch * g.pixels();
        double[] sum = new double[co];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < co; o++) sum[o] += dy[r * co + o];
        }
        for (int o = 0; o < co; o++) db[o] = (float) sum[o];
    }

    static void transposeInto(float[] a, int aOff, int rows, int cols, float[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            for (int c = 0; c < cols; c++) out[outOff + c * rows + r] = a[ar + c];
        }
    }

    // ================================================================== float64 (the same algorithm, kept in step)

    /** {@code y} (N, outH, outW, outC) = conv(x (N, inH, inW, inC), w (kH, kW, inC, outC)); y is overwritten. */
    public static void forward(Geometry g, double[] x, double[] w, double[] y) { forward(g, x, w, null, y); }

    /** {@code y = f(conv(x, w) + bias)} (bias may be null). */
    public static void forward(Geometry g, double[] x, double[] w, double[] bias, ConvActivation f, double[] y) {
        forward(g, x, w, bias, y);
        int img = g.pixels() * g.outC;
        if (f != ConvActivation.LINEAR) Parallelism.parallelFor(g.batch, (b0, b1) -> f.apply(y, b0 * img, b1 * img));
    }

    /** As {@link #forward(Geometry, double[], double[], double[])} plus {@code bias[co]} on every pixel (bias may be null). */
    public static void forward(Geometry g, double[] x, double[] w, double[] bias, double[] y) {
        if (bias != null) checkLength("bias", bias.length, g.outC);
        checkLength("input", x.length, g.inputSize());
        checkLength("kernel", w.length, g.kernelSize());
        checkLength("output", y.length, g.outputSize());
        int p = g.pixels(), k = g.patchSize(), co = g.outC;
        if (g.batch * p == 0) return;
        if (PlaneConv.supports(g)) {
            PlaneConv.forward(g, x, w, bias, y);
            return;
        }
        double[] wT = new double[co * k];
        transposeInto(w, 0, k, co, wT, 0);
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            double[] cols = Scratch.doubles(COLS, k * p);
            double[] yT = Scratch.doubles(OUT_T, co * p);
            for (int b = b0; b < b1; b++) {
                im2colRows(g, x, b, cols);
                // yᵀ (outC × P) = wᵀ (outC × K) · cols (K × P): the image's pixels are the GEMM's long n
                MatMul.dgemm(false, false, co, p, k, wT, 0, k, cols, 0, p, yT, 0, p, false);
                transposeInto(yT, 0, co, p, y, b * p * co);
                if (bias != null) addBias(bias, y, b * p * co, p);
            }
        });
    }

    /**
     * Gradients of a convolution: {@code dx} (may be null: not wanted) and {@code dw} (may be null) are
     * overwritten with ∂L/∂x and ∂L/∂w given ∂L/∂y = {@code dy}.
     */
    public static void backward(Geometry g, double[] x, double[] w, double[] dy, double[] dx, double[] dw) {
        checkLength("output gradient", dy.length, g.outputSize());
        if (dx != null) checkLength("input gradient", dx.length, g.inputSize());
        if (dw != null) checkLength("kernel gradient", dw.length, g.kernelSize());
        int p = g.pixels(), k = g.patchSize(), co = g.outC;
        if (PlaneConv.supports(g) && g.batch * p > 0) {
            PlaneConv.backward(g, x, w, dy, dx, dw);
            return;
        }
        double[] wT = new double[co * k];
        transposeInto(w, 0, k, co, wT, 0);
        double[][] partial = new double[Math.max(1, g.batch)][]; // dwᵀ of each range, filed under its first image
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            double[] cols = Scratch.doubles(COLS, p * k);
            double[] dyT = Scratch.doubles(OUT_T, co * p);
            double[] dwT = dw == null ? null : new double[co * k];
            for (int b = b0; b < b1; b++) {
                if (dw != null) {
                    // dwᵀ (outC × K) += dyᵀ (outC × P) · patches (P × K)
                    im2colPixels(g, x, b, cols);
                    transposeInto(dy, b * p * co, p, co, dyT, 0);
                    MatMul.dgemm(false, false, co, k, p, dyT, 0, p, cols, 0, k, dwT, 0, k, true);
                }
                if (dx != null) {
                    // patch gradients (P × K) = dy (P × outC) · wᵀ (outC × K), then summed back onto the pixels
                    MatMul.dgemm(false, false, p, k, co, dy, b * p * co, co, wT, 0, k, cols, 0, k, false);
                    col2imPixels(g, cols, b, dx);
                }
            }
            if (dwT != null) partial[b0] = dwT;
        });
        if (dw != null) {
            java.util.Arrays.fill(dw, 0, g.kernelSize(), 0d);
            for (double[] part : partial) {
                if (part == null) continue;
                for (int o = 0; o < co; o++) {
                    for (int i = 0; i < k; i++) dw[i * co + o] += part[o * k + i];
                }
            }
        }
    }

    /** Image b as a K × P matrix: row (ky, kx, ci), column (oy, ox); zeros where the window leaves the image. */
    static void im2colRows(Geometry g, double[] x, int b, double[] cols) {
        int p = g.pixels(), xb = b * g.inH * g.inW * g.inC;
        for (int ky = 0; ky < g.kH; ky++) {
            for (int kx = 0; kx < g.kW; kx++) {
                for (int ci = 0; ci < g.inC; ci++) {
                    int row = ((ky * g.kW + kx) * g.inC + ci) * p;
                    for (int oy = 0; oy < g.outH; oy++) {
                        int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                        int o = row + oy * g.outW;
                        if (iy < 0 || iy >= g.inH) {
                            java.util.Arrays.fill(cols, o, o + g.outW, 0d);
                            continue;
                        }
                        int xr = xb + iy * g.inW * g.inC + ci;
                        for (int ox = 0; ox < g.outW; ox++) {
                            int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                            cols[o + ox] = ix >= 0 && ix < g.inW ? x[xr + ix * g.inC] : 0d;
                        }
                    }
                }
            }
        }
    }

    /** Image b as a P × K matrix: one patch per output pixel, (ky, kx, ci) order; runs of inC values are copied whole. */
    static void im2colPixels(Geometry g, double[] x, int b, double[] cols) {
        int c = g.inC, k = g.patchSize(), xb = b * g.inH * g.inW * c;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int ox = 0; ox < g.outW; ox++) {
                int o = (oy * g.outW + ox) * k;
                for (int ky = 0; ky < g.kH; ky++) {
                    int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                    for (int kx = 0; kx < g.kW; kx++, o += c) {
                        int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) java.util.Arrays.fill(cols, o, o + c, 0d);
                        else System.arraycopy(x, xb + (iy * g.inW + ix) * c, cols, o, c);
                    }
                }
            }
        }
    }

    /** Overwrites image b of dx with the sums of its P × K patch-matrix entries (the adjoint of im2colPixels). */
    static void col2imPixels(Geometry g, double[] cols, int b, double[] dx) {
        int c = g.inC, k = g.patchSize(), xb = b * g.inH * g.inW * c;
        java.util.Arrays.fill(dx, xb, xb + g.inH * g.inW * c, 0d);
        for (int oy = 0; oy < g.outH; oy++) {
            for (int ox = 0; ox < g.outW; ox++) {
                int o = (oy * g.outW + ox) * k;
                for (int ky = 0; ky < g.kH; ky++) {
                    int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                    for (int kx = 0; kx < g.kW; kx++, o += c) {
                        int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                        if (iy < 0 || iy >= g.inH || ix < 0 || ix >= g.inW) continue;
                        int d = xb + (iy * g.inW + ix) * c;
                        for (int ci = 0; ci < c; ci++) dx[d + ci] += cols[o + ci];
                    }
                }
            }
        }
    }

    /** out[outOff ..] (cols × rows) = the rows × cols matrix at a[aOff ..], transposed. */
    /** {@code bias[o]} added to each of {@code pixels} rows of {@code bias.length} channels at {@code off}. */
    static void addBias(double[] bias, double[] y, int off, int pixels) {
        int co = bias.length;
        for (int i = 0; i < pixels; i++) {
            for (int o = 0; o < co; o++) y[off + i * co + o] += bias[o];
        }
    }

    /** {@code db[o] = Σ dy[n, i, j, o]}: the gradient of the bias, summed in double. */
    public static void biasGradient(Geometry g, double[] dy, double[] db) {
        checkLength("output gradient", dy.length, g.outputSize());
        checkLength("bias gradient", db.length, g.outC);
        int co = g.outC, rows = g.batch * g.pixels();
        double[] sum = new double[co];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < co; o++) sum[o] += dy[r * co + o];
        }
        for (int o = 0; o < co; o++) db[o] = (double) sum[o];
    }

    static void transposeInto(double[] a, int aOff, int rows, int cols, double[] out, int outOff) {
        for (int r = 0; r < rows; r++) {
            int ar = aOff + r * cols;
            for (int c = 0; c < cols; c++) out[outOff + c * rows + r] = a[ar + c];
        }
    }
}
