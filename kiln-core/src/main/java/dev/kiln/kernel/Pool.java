package dev.kiln.kernel;

/**
 * Max and average pooling of channels-last (NHWC) images, forward and backward, split over the batch.
 *
 * <p>Max: {@code y[b, oy, ox, c] = max over the window of x}, remembering the flat input index of the
 * winner (the first one on ties) so that the backward pass routes each gradient to exactly that element.
 * Average: {@code y = Σ window / count}, where, as in TensorFlow and Keras, {@code count} is the number of
 * window positions inside the image (padding is not counted). The window geometry is a
 * {@link Conv.Geometry} with {@code outC == inC} and dilation 1.
 *
 * <pre>{@code
 * Conv.Geometry g = Conv.Geometry.of(n, 24, 24, 8, 2, 2, 8, new int[] {2, 2}, new int[] {1, 1}, false);
 * int[] argmax = new int[g.outputSize()];
 * Pool.maxForward(g, x, y, argmax);
 * }</pre>
 */
public final class Pool {
    private Pool() {}

    private static void check(Conv.Geometry g, int xLength, int yLength) {
        if (g.outC != g.inC) throw new IllegalArgumentException("pooling: output channels (" + g.outC + ") must equal input channels (" + g.inC + ")");
        if (xLength < g.inputSize()) throw new IllegalArgumentException("pooling: input has " + xLength + " elements, expected " + g.inputSize());
        if (yLength < g.outputSize()) throw new IllegalArgumentException("pooling: output has " + yLength + " elements, expected " + g.outputSize());
    }

    // ================================================================== float32

    /**
     * Max pooling: writes y and, for each output element, the flat index in x of its maximum; argmax may
     * be null when no backward pass will follow (inference), which saves recording it.
     */
    public static void maxForward(Conv.Geometry g, float[] x, float[] y, int[] argmax) {
        check(g, x.length, y.length);
        ConvKernel vector = PlaneConv.vectorKernel();
        BatchChunks.run(g.batch, (chunk, b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                // a data-dependent branch per comparison mispredicts about half the time; lanes and blends do not branch
                if (vector == null || !vector.maxPool(g, x, y, argmax, b)) maxImage(g, x, y, argmax, b);
            }
        });
    }

    /** One image; the window is clipped to the image once per output pixel, then each channel scans it in registers. */
    private static void maxImage(Conv.Geometry g, float[] x, float[] y, int[] argmax, int b) {
        int c = g.inC, rowStride = g.inW * c;
        for (int oy = 0; oy < g.outH; oy++) {
            int y0 = oy * g.strideH - g.padTop, ky0 = Math.max(0, -y0), ky1 = Math.min(g.kH, g.inH - y0);
            for (int ox = 0; ox < g.outW; ox++) {
                int x0 = ox * g.strideW - g.padLeft, kx0 = Math.max(0, -x0), kx1 = Math.min(g.kW, g.inW - x0);
                int o = ((b * g.outH + oy) * g.outW + ox) * c;
                int corner = ((b * g.inH + y0 + ky0) * g.inW + x0 + kx0) * c;
                for (int ch = 0; ch < c; ch++) {
                    int best = corner + ch;
                    float bv = x[best];
                    for (int ky = ky0; ky < ky1; ky++) {
                        int row = corner + ch + (ky - ky0) * rowStride;
                        for (int kx = kx0; kx < kx1; kx++) {
                            int i = row + (kx - kx0) * c;
                            float v = x[i];
                            // NaN wins, as in numpy's max: a NaN input must not vanish silently
                            if (v > bv || (v != v && bv == bv)) {
                                bv = v;
                                best = i;
                            }
                        }
                    }
                    y[o + ch] = bv;
                    if (argmax != null) argmax[o + ch] = best;
                }
            }
        }
    }

    /** Max pooling backward: dx (overwritten) receives each dy at the position of its maximum. */
    public static void maxBackward(Conv.Geometry g, float[] dy, int[] argmax, float[] dx) {
        check(g, dx.length, dy.length);
        int outImg = g.outH * g.outW * g.outC, inImg = g.inH * g.inW * g.inC;
        BatchChunks.run(g.batch, (chunk, b0, b1) -> {
            java.util.Arrays.fill(dx, b0 * inImg, b1 * inImg, 0f);
            for (int o = b0 * outImg, end = b1 * outImg; o < end; o++) dx[argmax[o]] += dy[o];
        });
    }

    /** Average pooling over the window positions inside the image. */
    public static void avgForward(Conv.Geometry g, float[] x, float[] y) {
        check(g, x.length, y.length);
        int c = g.inC;
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        int o = ((b * g.outH + oy) * g.outW + ox) * c;
                        for (int ch = 0; ch < c; ch++) y[o + ch] = 0f;
                        int count = 0;
                        for (int ky = 0; ky < g.kH; ky++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.kW; kx++) {
                                int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                                if (ix < 0 || ix >= g.inW) continue;
                                int i = ((b * g.inH + iy) * g.inW + ix) * c;
                                for (int ch = 0; ch < c; ch++) y[o + ch] += x[i + ch];
                                count++;
                            }
                        }
                        float inv = 1f / count;
                        for (int ch = 0; ch < c; ch++) y[o + ch] *= inv;
                    }
                }
            }
        });
    }

    /** Average pooling backward: dx (overwritten) receives dy / count on every position of the window. */
    public static void avgBackward(Conv.Geometry g, float[] dy, float[] dx) {
        check(g, dx.length, dy.length);
        int c = g.inC, inImg = g.inH * g.inW * c;
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            java.util.Arrays.fill(dx, b0 * inImg, b1 * inImg, 0f);
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        int o = ((b * g.outH + oy) * g.outW + ox) * c;
                        int count = windowCount(g, oy, ox);
                        float inv = 1f / count;
                        for (int ky = 0; ky < g.kH; ky++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.kW; kx++) {
                                int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                                if (ix < 0 || ix >= g.inW) continue;
                                int i = ((b * g.inH + iy) * g.inW + ix) * c;
                                for (int ch = 0; ch < c; ch++) dx[i + ch] += dy[o + ch] * inv;
                            }
                        }
                    }
                }
            }
        });
    }

    /** Window positions of output pixel (oy, ox) that fall inside the image. */
    private static int windowCount(Conv.Geometry g, int oy, int ox) {
        int rows = 0, cols = 0;
        for (int ky = 0; ky < g.kH; ky++) {
            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
            if (iy >= 0 && iy < g.inH) rows++;
        }
        for (int kx = 0; kx < g.kW; kx++) {
            int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
            if (ix >= 0 && ix < g.inW) cols++;
        }
        return rows * cols;
    }

    // ================================================================== float64 (the same algorithm, kept in step)

        /** Max pooling: writes y and, for each output element, the flat index in x of its maximum. */
    public static void maxForward(Conv.Geometry g, double[] x, double[] y, int[] argmax) {
        check(g, x.length, y.length);
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            for (int b = b0; b < b1; b++) maxImage(g, x, y, argmax, b);
        });
    }

    /** One image; the window is clipped to the image once per output pixel, then each channel scans it in registers. */
    private static void maxImage(Conv.Geometry g, double[] x, double[] y, int[] argmax, int b) {
        int c = g.inC, rowStride = g.inW * c;
        for (int oy = 0; oy < g.outH; oy++) {
            int y0 = oy * g.strideH - g.padTop, ky0 = Math.max(0, -y0), ky1 = Math.min(g.kH, g.inH - y0);
            for (int ox = 0; ox < g.outW; ox++) {
                int x0 = ox * g.strideW - g.padLeft, kx0 = Math.max(0, -x0), kx1 = Math.min(g.kW, g.inW - x0);
                int o = ((b * g.outH + oy) * g.outW + ox) * c;
                int corner = ((b * g.inH + y0 + ky0) * g.inW + x0 + kx0) * c;
                for (int ch = 0; ch < c; ch++) {
                    int best = corner + ch;
                    double bv = x[best];
                    for (int ky = ky0; ky < ky1; ky++) {
                        int row = corner + ch + (ky - ky0) * rowStride;
                        for (int kx = kx0; kx < kx1; kx++) {
                            int i = row + (kx - kx0) * c;
                            double v = x[i];
                            // NaN wins, as in numpy's max: a NaN input must not vanish silently
                            if (v > bv || (v != v && bv == bv)) {
                                bv = v;
                                best = i;
                            }
                        }
                    }
                    y[o + ch] = bv;
                    argmax[o + ch] = best;
                }
            }
        }
    }

    /** Max pooling backward: dx (overwritten) receives each dy at the position of its maximum. */
    public static void maxBackward(Conv.Geometry g, double[] dy, int[] argmax, double[] dx) {
        check(g, dx.length, dy.length);
        int outImg = g.outH * g.outW * g.outC, inImg = g.inH * g.inW * g.inC;
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            java.util.Arrays.fill(dx, b0 * inImg, b1 * inImg, 0d);
            for (int o = b0 * outImg, end = b1 * outImg; o < end; o++) dx[argmax[o]] += dy[o];
        });
    }

    /** Average pooling over the window positions inside the image. */
    public static void avgForward(Conv.Geometry g, double[] x, double[] y) {
        check(g, x.length, y.length);
        int c = g.inC;
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        int o = ((b * g.outH + oy) * g.outW + ox) * c;
                        for (int ch = 0; ch < c; ch++) y[o + ch] = 0d;
                        int count = 0;
                        for (int ky = 0; ky < g.kH; ky++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.kW; kx++) {
                                int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                                if (ix < 0 || ix >= g.inW) continue;
                                int i = ((b * g.inH + iy) * g.inW + ix) * c;
                                for (int ch = 0; ch < c; ch++) y[o + ch] += x[i + ch];
                                count++;
                            }
                        }
                        double inv = 1d / count;
                        for (int ch = 0; ch < c; ch++) y[o + ch] *= inv;
                    }
                }
            }
        });
    }

    /** Average pooling backward: dx (overwritten) receives dy / count on every position of the window. */
    public static void avgBackward(Conv.Geometry g, double[] dy, double[] dx) {
        check(g, dx.length, dy.length);
        int c = g.inC, inImg = g.inH * g.inW * c;
        Parallelism.parallelFor(g.batch, (b0, b1) -> {
            java.util.Arrays.fill(dx, b0 * inImg, b1 * inImg, 0d);
            for (int b = b0; b < b1; b++) {
                for (int oy = 0; oy < g.outH; oy++) {
                    for (int ox = 0; ox < g.outW; ox++) {
                        int o = ((b * g.outH + oy) * g.outW + ox) * c;
                        int count = windowCount(g, oy, ox);
                        double inv = 1d / count;
                        for (int ky = 0; ky < g.kH; ky++) {
                            int iy = oy * g.strideH + ky * g.dilationH - g.padTop;
                            if (iy < 0 || iy >= g.inH) continue;
                            for (int kx = 0; kx < g.kW; kx++) {
                                int ix = ox * g.strideW + kx * g.dilationW - g.padLeft;
                                if (ix < 0 || ix >= g.inW) continue;
                                int i = ((b * g.inH + iy) * g.inW + ix) * c;
                                for (int ch = 0; ch < c; ch++) dx[i + ch] += dy[o + ch] * inv;
                            }
                        }
                    }
                }
            }
        });
    }
}
