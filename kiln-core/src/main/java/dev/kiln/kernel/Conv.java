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
    public static void forward(Geometry g, float[] x, float[] w, float[] y) {
        checkLength("input", x.length, g.inputSize());
        checkLength("kernel", w.length, g.kernelSize());
        checkLength("output", y.length, g.outputSize());
        int np = g.batch * g.pixels(), k = g.patchSize();
        if (np == 0) return;
        float[] cols = Scratch.floats(0, k * np);
        Parallelism.parallelFor(g.batch, (b0, b1) -> im2col(g, x, cols, b0, b1));
        float[] yT = Scratch.floats(1, g.outC * np);
        MatMul.sgemm(true, false, g.outC, np, k, w, 0, g.outC, cols, 0, np, yT, 0, np, false);
        transposeInto(yT, g.outC, np, y);
    }

    /**
     * Gradients of a convolution: {@code dx} (may be null: not wanted) and {@code dw} (may be null) are
     * overwritten with ∂L/∂x and ∂L/∂w given ∂L/∂y = {@code dy}.
     */
    public static void backward(Geometry g, float[] x, float[] w, float[] dy, float[] dx, float[] dw) {
        checkLength("output gradient", dy.length, g.outputSize());
        int np = g.batch * g.pixels(), k = g.patchSize();
        if (np == 0) {
            if (dx != null) java.util.Arrays.fill(dx, 0f);
            if (dw != null) java.util.Arrays.fill(dw, 0f);
            return;
        }
        float[] dyT = Scratch.floats(1, g.outC * np);
        transposeInto(dy, np, g.outC, dyT);
        float[] cols = Scratch.floats(0, k * np);
        if (dw != null) {
            checkLength("kernel gradient", dw.length, g.kernelSize());
            Parallelism.parallelFor(g.batch, (b0, b1) -> im2col(g, x, cols, b0, b1));
            // dwᵀ (outC × K) = dyT (outC × NP) · colsᵀ: the GEMM's n is then K, not the few output channels
            float[] dwT = new float[g.outC * k];
            MatMul.sgemm(false, true, g.outC, k, np, dyT, 0, np, cols, 0, np, dwT, 0, k, false);
            transposeInto(dwT, g.outC, k, dw);
        }
        if (dx != null) {
            checkLength("input gradient", dx.length, g.inputSize());
            // dcols (K × NP) = w (K × outC) · dyT (outC × NP), then scattered back onto the pixels
            MatMul.sgemm(false, false, k, np, g.outC, w, 0, g.outC, dyT, 0, np, cols, 0, np, false);
            Parallelism.parallelFor(g.batch, (b0, b1) -> col2im(g, cols, dx, b0, b1));
        }
    }

    /** Writes images [b0, b1) of x as columns of the K × (N·P) patch matrix, zeros where the window leaves the image. */
    static void im2col(Geometry g, float[] x, float[] cols, int b0, int b1) {
        int p = g.pixels(), np = g.batch * p;
        for (int b = b0; b < b1; b++) {
            int xb = b * g.inH * g.inW * g.inC;
            for (int ky = 0; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++) {
                    for (int ci = 0; ci < g.inC; ci++) {
                        int row = ((ky * g.kW + kx) * g.inC + ci) * np + b * p;
                        for (int oy = 0; oy < g.outH; oy++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            int o = row + oy * g.outW;
                            if (iy < 0 || iy >= g.inH) {
                                for (int ox = 0; ox < g.outW; ox++) cols[o + ox] = 0f;
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
    }

    /** Overwrites images [b0, b1) of dx with the sums of their patch-matrix entries (the adjoint of im2col). */
    static void col2im(Geometry g, float[] cols, float[] dx, int b0, int b1) {
        int p = g.pixels(), np = g.batch * p, img = g.inH * g.inW * g.inC;
        java.util.Arrays.fill(dx, b0 * img, b1 * img, 0f);
        for (int b = b0; b < b1; b++) {
            int xb = b * img;
            for (int ky = 0; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++) {
                    for (int ci = 0; ci < g.inC; ci++) {
                        int row = ((ky * g.kW + kx) * g.inC + ci) * np + b * p;
                        for (int oy = 0; oy < g.outH; oy++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            if (iy < 0 || iy >= g.inH) continue;
                            int o = row + oy * g.outW;
                            int xr = xb + iy * g.inW * g.inC + ci;
                            for (int ox = 0; ox < g.outW; ox++) {
                                int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                                if (ix >= 0 && ix < g.inW) dx[xr + ix * g.inC] += cols[o + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** out (cols × rows) = a (rows × cols)ᵀ, split over threads by output row blocks. */
    static void transposeInto(float[] a, int rows, int cols, float[] out) {
        Parallelism.parallelFor(rows, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int ar = r * cols;
                for (int c = 0; c < cols; c++) out[c * rows + r] = a[ar + c];
            }
        });
    }

    // ================================================================== float64 (the same algorithm, kept in step)

    /** {@code y} (N, outH, outW, outC) = conv(x (N, inH, inW, inC), w (kH, kW, inC, outC)); y is overwritten. */
    public static void forward(Geometry g, double[] x, double[] w, double[] y) {
        checkLength("input", x.length, g.inputSize());
        checkLength("kernel", w.length, g.kernelSize());
        checkLength("output", y.length, g.outputSize());
        int np = g.batch * g.pixels(), k = g.patchSize();
        if (np == 0) return;
        double[] cols = Scratch.doubles(0, k * np);
        Parallelism.parallelFor(g.batch, (b0, b1) -> im2col(g, x, cols, b0, b1));
        double[] yT = Scratch.doubles(1, g.outC * np);
        MatMul.dgemm(true, false, g.outC, np, k, w, 0, g.outC, cols, 0, np, yT, 0, np, false);
        transposeInto(yT, g.outC, np, y);
    }

    /**
     * Gradients of a convolution: {@code dx} (may be null: not wanted) and {@code dw} (may be null) are
     * overwritten with ∂L/∂x and ∂L/∂w given ∂L/∂y = {@code dy}.
     */
    public static void backward(Geometry g, double[] x, double[] w, double[] dy, double[] dx, double[] dw) {
        checkLength("output gradient", dy.length, g.outputSize());
        int np = g.batch * g.pixels(), k = g.patchSize();
        if (np == 0) {
            if (dx != null) java.util.Arrays.fill(dx, 0d);
            if (dw != null) java.util.Arrays.fill(dw, 0d);
            return;
        }
        double[] dyT = Scratch.doubles(1, g.outC * np);
        transposeInto(dy, np, g.outC, dyT);
        double[] cols = Scratch.doubles(0, k * np);
        if (dw != null) {
            checkLength("kernel gradient", dw.length, g.kernelSize());
            Parallelism.parallelFor(g.batch, (b0, b1) -> im2col(g, x, cols, b0, b1));
            // dwᵀ (outC × K) = dyT (outC × NP) · colsᵀ: the GEMM's n is then K, not the few output channels
            double[] dwT = new double[g.outC * k];
            MatMul.dgemm(false, true, g.outC, k, np, dyT, 0, np, cols, 0, np, dwT, 0, k, false);
            transposeInto(dwT, g.outC, k, dw);
        }
        if (dx != null) {
            checkLength("input gradient", dx.length, g.inputSize());
            // dcols (K × NP) = w (K × outC) · dyT (outC × NP), then scattered back onto the pixels
            MatMul.dgemm(false, false, k, np, g.outC, w, 0, g.outC, dyT, 0, np, cols, 0, np, false);
            Parallelism.parallelFor(g.batch, (b0, b1) -> col2im(g, cols, dx, b0, b1));
        }
    }

    /** Writes images [b0, b1) of x as columns of the K × (N·P) patch matrix, zeros where the window leaves the image. */
    static void im2col(Geometry g, double[] x, double[] cols, int b0, int b1) {
        int p = g.pixels(), np = g.batch * p;
        for (int b = b0; b < b1; b++) {
            int xb = b * g.inH * g.inW * g.inC;
            for (int ky = 0; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++) {
                    for (int ci = 0; ci < g.inC; ci++) {
                        int row = ((ky * g.kW + kx) * g.inC + ci) * np + b * p;
                        for (int oy = 0; oy < g.outH; oy++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            int o = row + oy * g.outW;
                            if (iy < 0 || iy >= g.inH) {
                                for (int ox = 0; ox < g.outW; ox++) cols[o + ox] = 0d;
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
    }

    /** Overwrites images [b0, b1) of dx with the sums of their patch-matrix entries (the adjoint of im2col). */
    static void col2im(Geometry g, double[] cols, double[] dx, int b0, int b1) {
        int p = g.pixels(), np = g.batch * p, img = g.inH * g.inW * g.inC;
        java.util.Arrays.fill(dx, b0 * img, b1 * img, 0d);
        for (int b = b0; b < b1; b++) {
            int xb = b * img;
            for (int ky = 0; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++) {
                    for (int ci = 0; ci < g.inC; ci++) {
                        int row = ((ky * g.kW + kx) * g.inC + ci) * np + b * p;
                        for (int oy = 0; oy < g.outH; oy++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            if (iy < 0 || iy >= g.inH) continue;
                            int o = row + oy * g.outW;
                            int xr = xb + iy * g.inW * g.inC + ci;
                            for (int ox = 0; ox < g.outW; ox++) {
                                int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                                if (ix >= 0 && ix < g.inW) dx[xr + ix * g.inC] += cols[o + ox];
                            }
                        }
                    }
                }
            }
        }
    }

    /** out (cols × rows) = a (rows × cols)ᵀ, split over threads by output row blocks. */
    static void transposeInto(double[] a, int rows, int cols, double[] out) {
        Parallelism.parallelFor(rows, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int ar = r * cols;
                for (int c = 0; c < cols; c++) out[c * rows + r] = a[ar + c];
            }
        });
    }
}
