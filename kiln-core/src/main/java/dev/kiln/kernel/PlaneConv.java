package dev.kiln.kernel;

/**
 * Stride-1 convolution (any padding and dilation) without a patch matrix, one image at a time in cache.
 *
 * <p>Each image is copied into zero-padded channel planes of width {@code wp = outW + (kW − 1)·dW}. On the
 * flattened plane, output pixel {@code q = oy·wp + ox} reads input {@code q + ci·plane + ky·dH·wp + kx·dW}:
 * every kernel tap is a constant offset, so the whole image is one long multiply-add per tap
 * ({@link ConvKernel#correlate}); the columns {@code ox ≥ outW} are computed and dropped (outW / wp of the
 * work is useful). The kernel gradient correlates the input with the output gradient laid out the same way
 * (zeros in the dropped columns), and the input gradient is again a correlation, of the output gradient
 * (with a zero margin in front) against the flipped kernel. With the few channels of small networks this
 * runs several times faster than im2col + GEMM, whose patch matrix costs as much memory traffic as the
 * arithmetic it feeds (docs/BENCHMARKS.md, "CNN").
 */
final class PlaneConv {
    private PlaneConv() {}

    private static final ConvKernel VECTOR = loadVectorKernel();
    private static final int XP = 0, OUT = 1, DY = 2;

    private static volatile boolean useVector = true;

    /**
     * Whether float32 convolutions of geometry g run here. Without the Vector API the float path stays on
     * im2col + GEMM, which plain Java runs faster than these loops; float64 always runs here.
     */
    static boolean supportsFloat(Conv.Geometry g) { return supports(g) && useVector && VECTOR != null; }

    static boolean vectorAvailable() { return VECTOR != null; }

    /** The Vector API kernel when available and enabled, else null. */
    static ConvKernel vectorKernel() { return useVector ? VECTOR : null; }

    /** Test hook: lets float32 use the Vector API kernel (true, if available) or im2col + GEMM (false). */
    static void useVector(boolean on) { useVector = on; }

    private static ConvKernel loadVectorKernel() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            Object k = Class.forName("dev.kiln.kernel.VectorConvKernel").getDeclaredField("INSTANCE").get(null);
            return (Boolean) k.getClass().getDeclaredMethod("usable").invoke(k) ? (ConvKernel) k : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    static boolean supports(Conv.Geometry g) { return g.strideH == 1 && g.strideW == 1; }

    private static int roundUp(int n) { return (n + ConvKernel.BLOCK - 1) / ConvKernel.BLOCK * ConvKernel.BLOCK; }

    /** Sizes and tap offsets of one geometry, shared by all images of a call. */
    private static final class Layout {
        final int wp, hp, plane, outLen, planeLen, margin, inLen, dyLen;
        final int[] inOff, dyOff;

        Layout(Conv.Geometry g) {
            wp = g.outW + (g.kW - 1) * g.dilationW;
            hp = g.outH + (g.kH - 1) * g.dilationH;
            plane = hp * wp;
            outLen = roundUp(g.outH * wp);
            planeLen = roundUp(plane);
            margin = (g.kH - 1) * g.dilationH * wp + (g.kW - 1) * g.dilationW;
            inLen = Math.max(g.inC * plane, (g.inC - 1) * plane + margin + outLen);
            dyLen = g.outC * (margin + planeLen);
            int k = g.patchSize(), taps = g.kH * g.kW;
            inOff = new int[k];
            dyOff = new int[taps * g.outC];
            for (int ky = 0; ky < g.kH; ky++) {
                for (int kx = 0; kx < g.kW; kx++) {
                    int t = ky * g.kW + kx, shift = ky * g.dilationH * wp + kx * g.dilationW;
                    for (int ci = 0; ci < g.inC; ci++) inOff[t * g.inC + ci] = ci * plane + shift;
                    for (int o = 0; o < g.outC; o++) dyOff[t * g.outC + o] = o * (margin + planeLen) + margin - shift;
                }
            }
        }
    }

    // ================================================================== float32

    static void forward(Conv.Geometry g, float[] x, float[] w, float[] bias, ConvActivation f, float[] y) {
        Layout l = new Layout(g);
        int k = g.patchSize(), co = g.outC;
        float[] wT = new float[co * k];
        Conv.transposeInto(w, 0, k, co, wT, 0);
        float[] w4 = groupByFour(wT, co, k);
        ConvKernel kern = VECTOR;
        BatchChunks.run(g.batch, (chunk, b0, b1) -> {
            float[] xp = Scratch.zeroed(XP, l.inLen, l); // the borders stay zero: pad() rewrites only the interior
            float[] out = Scratch.floats(OUT, co * l.outLen);
            for (int b = b0; b < b1; b++) {
                pad(g, l, x, b, xp);
                kern.correlate(xp, l.inOff, k, w4, co, out, l.outLen, l.outLen);
                unplane(g, l, out, bias, y, b);
                f.apply(y, b * g.pixels() * co, (b + 1) * g.pixels() * co);
            }
        });
    }

    static void backward(Conv.Geometry g, float[] x, float[] w, float[] dy, float[] dx, float[] dw) {
        backward(g, x, w, ConvActivation.LINEAR, null, dy, dx, dw, null);
    }

    /**
     * The backward pass of {@code y = f(conv + bias)}: the activation's gradient {@code dy · f'(y)} and the
     * bias gradient (db, if not null) are taken while each image's output gradient is copied into its
     * planes, so neither needs a pass of its own over the batch (y is only read when f is not LINEAR).
     */
    static void backward(Conv.Geometry g, float[] x, float[] w, ConvActivation f, float[] y, float[] dy, float[] dx, float[] dw, float[] db) {
        Layout l = new Layout(g);
        int k = g.patchSize(), co = g.outC, ci = g.inC, taps = g.kH * g.kW * co;
        float[] wFlip = new float[ci * taps]; // wFlip[c][t·outC + o] = w[t, c, o]
        for (int t = 0; t < g.kH * g.kW; t++) {
            for (int c = 0; c < ci; c++) {
                for (int o = 0; o < co; o++) wFlip[c * taps + t * co + o] = w[(t * ci + c) * co + o];
            }
        }
        float[] wFlip4 = groupByFour(wFlip, ci, taps);
        ConvKernel kern = VECTOR;
        float[][] partial = new float[BatchChunks.count(g.batch)][]; // dwᵀ of each chunk, added in chunk order
        double[][] biasPartial = new double[BatchChunks.count(g.batch)][];
        BatchChunks.run(g.batch, (chunk, b0, b1) -> {
            float[] xp = Scratch.zeroed(XP, l.inLen, l);
            float[] dyp = Scratch.zeroed(DY, l.dyLen, l); // toPlanes() too rewrites only the interior
            float[] dxp = dx == null ? null : Scratch.floats(OUT, ci * l.planeLen);
            float[] dwT = dw == null ? null : new float[co * k];
            double[] dbSum = db == null ? null : new double[co];
            for (int b = b0; b < b1; b++) {
                if (f == ConvActivation.LINEAR && db == null) toPlanes(g, l, dy, b, dyp);
                else toPlanes(g, l, f, y, dy, b, dyp, dbSum);
                if (dwT != null) {
                    pad(g, l, x, b, xp);
                    kern.correlateGrad(xp, l.inOff, k, dyp, l.margin, l.margin + l.planeLen, co, l.outLen, dwT);
                }
                if (dxp != null) {
                    kern.correlate(dyp, l.dyOff, taps, wFlip4, ci, dxp, l.planeLen, l.planeLen);
                    unpad(g, l, dxp, dx, b);
                }
            }
            if (dwT != null) partial[chunk] = dwT;
            if (dbSum != null) biasPartial[chunk] = dbSum;
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
        if (db != null) {
            double[] total = new double[co];
            for (double[] part : biasPartial) {
                if (part == null) continue;
                for (int o = 0; o < co; o++) total[o] += part[o];
            }
            for (int o = 0; o < co; o++) db[o] = (float) total[o];
        }
    }

    /**
     * Channel-major weights {@code w[o·taps + j]} in the layout {@link ConvKernel#correlate} reads: the
     * channels in groups of four with a tap's four weights side by side, then the {@code outCh % 4} last
     * channels channel-major.
     */
    static float[] groupByFour(float[] w, int outCh, int taps) {
        float[] grouped = w.clone();
        for (int o = 0; o + 3 < outCh; o += 4) {
            for (int j = 0; j < taps; j++) {
                for (int c = 0; c < 4; c++) grouped[o * taps + 4 * j + c] = w[(o + c) * taps + j];
            }
        }
        return grouped;
    }

    /** Image b of x (H, W, C) into the interior of the planes (C, hp, wp) at (padTop, padLeft); borders untouched. */
    private static void pad(Conv.Geometry g, Layout l, float[] x, int b, float[] xp) {
        int c = g.inC, xb = b * g.inH * g.inW * c;
        if (l.wp == g.inW && l.hp == g.inH) { // no padding: a channel's plane is its pixels in order
            for (int ci = 0; ci < c; ci++) strided(x, xb + ci, c, xp, ci * l.plane, g.inH * g.inW);
            return;
        }
        for (int iy = 0; iy < g.inH; iy++) {
            for (int ci = 0; ci < c; ci++) {
                int dst = ci * l.plane + (iy + g.padTop) * l.wp + g.padLeft, src = xb + iy * g.inW * c + ci;
                for (int ix = 0; ix < g.inW; ix++) xp[dst + ix] = x[src + ix * c];
            }
        }
    }

    /** Output planes (outC, outH, wp) plus the bias to image b of y (outH, outW, outC), dropping the columns ox >= outW. */
    private static void unplane(Conv.Geometry g, Layout l, float[] out, float[] bias, float[] y, int b) {
        int co = g.outC, yb = b * g.pixels() * co;
        if (co % 4 == 0) {
            // four plane rows read side by side, four adjacent stores per pixel: about 20% faster than a
            // strided store stream per channel
            for (int oy = 0; oy < g.outH; oy++) {
                for (int o = 0; o < co; o += 4) {
                    int s0 = o * l.outLen + oy * l.wp, s1 = s0 + l.outLen, s2 = s1 + l.outLen, s3 = s2 + l.outLen;
                    float b0 = bias == null ? 0 : bias[o], b1 = bias == null ? 0 : bias[o + 1];
                    float b2 = bias == null ? 0 : bias[o + 2], b3 = bias == null ? 0 : bias[o + 3];
                    int d = yb + oy * g.outW * co + o;
                    for (int ox = 0; ox < g.outW; ox++, d += co) {
                        y[d] = out[s0 + ox] + b0;
                        y[d + 1] = out[s1 + ox] + b1;
                        y[d + 2] = out[s2 + ox] + b2;
                        y[d + 3] = out[s3 + ox] + b3;
                    }
                }
            }
            return;
        }
        for (int oy = 0; oy < g.outH; oy++) {
            for (int o = 0; o < co; o++) {
                int src = o * l.outLen + oy * l.wp, dst = yb + oy * g.outW * co + o;
                float bo = bias == null ? 0 : bias[o];
                for (int ox = 0; ox < g.outW; ox++) y[dst + ox * co] = out[src + ox] + bo;
            }
        }
    }

    /**
     * {@code dst[d + i] = src[s + i·stride]} for i in [0, n): one long loop per channel, with the common
     * strides as constants so that the JIT drops the per-element multiply and bounds check (with a variable
     * stride JDK 17 keeps both: about 2.5 cycles a value).
     */
    static void strided(float[] src, int s, int stride, float[] dst, int d, int n) {
        switch (stride) {
            case 1: System.arraycopy(src, s, dst, d, n); break;
            case 2: for (int i = 0; i < n; i++) dst[d + i] = src[s + 2 * i]; break;
            case 3: for (int i = 0; i < n; i++) dst[d + i] = src[s + 3 * i]; break;
            case 4: for (int i = 0; i < n; i++) dst[d + i] = src[s + 4 * i]; break;
            case 8: for (int i = 0; i < n; i++) dst[d + i] = src[s + 8 * i]; break;
            case 16: for (int i = 0; i < n; i++) dst[d + i] = src[s + 16 * i]; break;
            default: for (int i = 0; i < n; i++) dst[d + i] = src[s + stride * i];
        }
    }

    /** {@code dst[d + i·stride] = src[s + i]} for i in [0, n), the inverse of {@link #strided}. */
    static void interleave(float[] src, int s, float[] dst, int d, int stride, int n) {
        switch (stride) {
            case 1: System.arraycopy(src, s, dst, d, n); break;
            case 2: for (int i = 0; i < n; i++) dst[d + 2 * i] = src[s + i]; break;
            case 3: for (int i = 0; i < n; i++) dst[d + 3 * i] = src[s + i]; break;
            case 4: for (int i = 0; i < n; i++) dst[d + 4 * i] = src[s + i]; break;
            case 8: for (int i = 0; i < n; i++) dst[d + 8 * i] = src[s + i]; break;
            case 16: for (int i = 0; i < n; i++) dst[d + 16 * i] = src[s + i]; break;
            default: for (int i = 0; i < n; i++) dst[d + stride * i] = src[s + i];
        }
    }

    /** Image b of dy (outH, outW, outC) into the gradient planes after their margin; the other entries stay zero. */
    private static void toPlanes(Conv.Geometry g, Layout l, float[] dy, int b, float[] dyp) {
        int co = g.outC, yb = b * g.pixels() * co, stride = l.margin + l.planeLen;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int o = 0; o < co; o++) {
                int dst = o * stride + l.margin + oy * l.wp, src = yb + oy * g.outW * co + o;
                for (int ox = 0; ox < g.outW; ox++) dyp[dst + ox] = dy[src + ox * co];
            }
        }
    }

    /**
     * As {@link #toPlanes(Conv.Geometry, Layout, float[], int, float[])} with the activation's gradient:
     * the planes receive {@code dy · f'(y)}, and {@code dbSum[o]} (if not null) their sum over channel o.
     */
    private static void toPlanes(Conv.Geometry g, Layout l, ConvActivation f, float[] y, float[] dy, int b, float[] dyp, double[] dbSum) {
        int co = g.outC, yb = b * g.pixels() * co, stride = l.margin + l.planeLen;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int o = 0; o < co; o++) {
                int dst = o * stride + l.margin + oy * l.wp, src = yb + oy * g.outW * co + o;
                float rowSum = 0f; // a row's few dozen terms in float, the rows and images in double
                for (int ox = 0; ox < g.outW; ox++) {
                    float d = f.gradient(y, dy, src + ox * co);
                    dyp[dst + ox] = d;
                    rowSum += d;
                }
                if (dbSum != null) dbSum[o] += rowSum;
            }
        }
    }

    /** The interior of the input-gradient planes (C, hp, wp) to image b of dx (H, W, C). */
    private static void unpad(Conv.Geometry g, Layout l, float[] dxp, float[] dx, int b) {
        int c = g.inC, xb = b * g.inH * g.inW * c;
        if (l.wp == g.inW && l.hp == g.inH) { // no padding: a channel's plane is its pixels in order
            for (int ci = 0; ci < c; ci++) interleave(dxp, ci * l.planeLen, dx, xb + ci, c, g.inH * g.inW);
            return;
        }
        for (int iy = 0; iy < g.inH; iy++) {
            for (int ci = 0; ci < c; ci++) {
                int src = ci * l.planeLen + (iy + g.padTop) * l.wp + g.padLeft, dst = xb + iy * g.inW * c + ci;
                for (int ix = 0; ix < g.inW; ix++) dx[dst + ix * c] = dxp[src + ix];
            }
        }
    }

    // ================================================================== float64 (the same algorithm, kept in step)

    static void forward(Conv.Geometry g, double[] x, double[] w, double[] bias, double[] y) {
        Layout l = new Layout(g);
        int k = g.patchSize(), co = g.outC;
        double[] wT = new double[co * k];
        Conv.transposeInto(w, 0, k, co, wT, 0);
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            double[] xp = Scratch.doubles(XP, l.inLen);
            double[] out = Scratch.doubles(OUT, co * l.outLen);
            java.util.Arrays.fill(xp, 0, l.inLen, 0d); // the borders stay zero: pad() rewrites only the interior
            for (int b = b0; b < b1; b++) {
                pad(g, l, x, b, xp);
                ScalarConvKernel.correlate(xp, l.inOff, k, wT, co, out, l.outLen, l.outLen);
                unplane(g, l, out, bias, y, b);
            }
        });
    }

    static void backward(Conv.Geometry g, double[] x, double[] w, double[] dy, double[] dx, double[] dw) {
        Layout l = new Layout(g);
        int k = g.patchSize(), co = g.outC, ci = g.inC, taps = g.kH * g.kW * co;
        double[] wFlip = new double[ci * taps]; // wFlip[c][t·outC + o] = w[t, c, o]
        for (int t = 0; t < g.kH * g.kW; t++) {
            for (int c = 0; c < ci; c++) {
                for (int o = 0; o < co; o++) wFlip[c * taps + t * co + o] = w[(t * ci + c) * co + o];
            }
        }
        double[][] partial = new double[Math.max(1, g.batch)][]; // dwᵀ of each range, filed under its first image
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            double[] xp = Scratch.doubles(XP, l.inLen);
            double[] dyp = Scratch.doubles(DY, l.dyLen);
            double[] dxp = dx == null ? null : Scratch.doubles(OUT, ci * l.planeLen);
            double[] dwT = dw == null ? null : new double[co * k];
            java.util.Arrays.fill(dyp, 0, l.dyLen, 0d);
            java.util.Arrays.fill(xp, 0, l.inLen, 0d);
            for (int b = b0; b < b1; b++) {
                toPlanes(g, l, dy, b, dyp);
                if (dwT != null) {
                    pad(g, l, x, b, xp);
                    ScalarConvKernel.correlateGrad(xp, l.inOff, k, dyp, l.margin, l.margin + l.planeLen, co, l.outLen, dwT);
                }
                if (dxp != null) {
                    ScalarConvKernel.correlate(dyp, l.dyOff, taps, wFlip, ci, dxp, l.planeLen, l.planeLen);
                    unpad(g, l, dxp, dx, b);
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

    /** Image b of x (H, W, C) into the interior of the planes (C, hp, wp) at (padTop, padLeft); borders untouched. */
    private static void pad(Conv.Geometry g, Layout l, double[] x, int b, double[] xp) {
        int c = g.inC, xb = b * g.inH * g.inW * c;
        for (int iy = 0; iy < g.inH; iy++) {
            for (int ci = 0; ci < c; ci++) {
                int dst = ci * l.plane + (iy + g.padTop) * l.wp + g.padLeft, src = xb + iy * g.inW * c + ci;
                for (int ix = 0; ix < g.inW; ix++) xp[dst + ix] = x[src + ix * c];
            }
        }
    }

    /** Output planes (outC, outH, wp) plus the bias to image b of y (outH, outW, outC), dropping the columns ox >= outW. */
    private static void unplane(Conv.Geometry g, Layout l, double[] out, double[] bias, double[] y, int b) {
        int co = g.outC, yb = b * g.pixels() * co;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int o = 0; o < co; o++) {
                int src = o * l.outLen + oy * l.wp, dst = yb + oy * g.outW * co + o;
                double bo = bias == null ? 0 : bias[o];
                for (int ox = 0; ox < g.outW; ox++) y[dst + ox * co] = out[src + ox] + bo;
            }
        }
    }

    /** Image b of dy (outH, outW, outC) into the gradient planes after their margin; the other entries stay zero. */
    private static void toPlanes(Conv.Geometry g, Layout l, double[] dy, int b, double[] dyp) {
        int co = g.outC, yb = b * g.pixels() * co, stride = l.margin + l.planeLen;
        for (int oy = 0; oy < g.outH; oy++) {
            for (int o = 0; o < co; o++) {
                int dst = o * stride + l.margin + oy * l.wp, src = yb + oy * g.outW * co + o;
                for (int ox = 0; ox < g.outW; ox++) dyp[dst + ox] = dy[src + ox * co];
            }
        }
    }

    /** The interior of the input-gradient planes (C, hp, wp) to image b of dx (H, W, C). */
    private static void unpad(Conv.Geometry g, Layout l, double[] dxp, double[] dx, int b) {
        int c = g.inC, xb = b * g.inH * g.inW * c;
        for (int iy = 0; iy < g.inH; iy++) {
            for (int ci = 0; ci < c; ci++) {
                int src = ci * l.planeLen + (iy + g.padTop) * l.wp + g.padLeft, dst = xb + iy * g.inW * c + ci;
                for (int ix = 0; ix < g.inW; ix++) dx[dst + ix * c] = dxp[src + ix];
            }
        }
    }

    /** Per-thread scratch, grown on demand and reused across calls. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        final float[][] f = new float[3][];
        final double[][] d = new double[3][];
        /** The layout (one per call) whose zero borders f[slot] holds, or null. */
        final Object[] zeroedFor = new Object[3];

        static float[] floats(int slot, int size) {
            Scratch s = LOCAL.get();
            if (s.f[slot] == null || s.f[slot].length < size) s.f[slot] = new float[size];
            s.zeroedFor[slot] = null;
            return s.f[slot];
        }

        /**
         * f[slot] with its first size entries zeroed once per call (layout) and thread: the chunks a thread
         * takes in one call rewrite the same interior entries, so the zeros around them stay (zeroing
         * again for each of the 16 chunks wrote about a third as many bytes as the whole batch holds).
         */
        static float[] zeroed(int slot, int size, Layout layout) {
            Scratch s = LOCAL.get();
            if (s.f[slot] == null || s.f[slot].length < size) s.f[slot] = new float[size];
            if (s.zeroedFor[slot] != layout) {
                java.util.Arrays.fill(s.f[slot], 0, size, 0f);
                s.zeroedFor[slot] = layout;
            }
            return s.f[slot];
        }

        static double[] doubles(int slot, int size) {
            Scratch s = LOCAL.get();
            if (s.d[slot] == null || s.d[slot].length < size) s.d[slot] = new double[size];
            return s.d[slot];
        }
    }
}
